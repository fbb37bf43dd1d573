import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { id, int, optTime, str, text, time, unique } from './builders';

/**
 * Second factor (issue 19): `user_second_factors`, one TOTP secret per user (encrypted), the last time-step used
 * and the hashed recovery codes; `auth_sessions.secondFactor`, the step a session still lacks ('setup': enrol
 * first; 'verify': a page session whose password was right, waiting for the code; null: complete). On SQLite the
 * column is added with plain `ALTER TABLE … ADD COLUMN` (TypeORM would rebuild the table).
 */
export class SecondFactor1764900000200 implements MigrationInterface {
  name = 'SecondFactor1764900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'user_second_factors',
        columns: [
          id(),
          int('userId'),
          str('secretCipher', 200),
          optTime('enabledAt'),
          { name: 'lastStep', type: 'bigint', default: 0 },
          text('recoveryHashes'),
          time('updatedAt'),
        ],
        indices: [unique('userId')],
      }),
    );
    if (q.connection.options.type === 'mysql') {
      await q.addColumn(
        'auth_sessions',
        new TableColumn({ name: 'secondFactor', type: 'varchar', length: '10', isNullable: true }),
      );
    } else {
      await q.query('ALTER TABLE "auth_sessions" ADD COLUMN "secondFactor" varchar(10)');
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'mysql') await q.dropColumn('auth_sessions', 'secondFactor');
    else await q.query('ALTER TABLE "auth_sessions" DROP COLUMN "secondFactor"');
    await q.dropTable('user_second_factors');
  }
}
