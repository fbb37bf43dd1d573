import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Session and password hardening (issue 15): `users.mustChangePassword`, set when an administrator chose the
 * password (or start-up generated it), cleared when its owner changes it; `auth_sessions.lastUsedAt`, the last
 * request of a session to the minute, for the idle time-out of page sessions (null: not used since sign-in).
 * On SQLite the columns are added with plain `ALTER TABLE … ADD COLUMN` (TypeORM would rebuild the tables,
 * and dropping the old one fails on the rows that refer to it).
 */
export class AuthHardening1764600000000 implements MigrationInterface {
  name = 'AuthHardening1764600000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'mysql') {
      await q.addColumn('users', new TableColumn({ name: 'mustChangePassword', type: 'boolean', default: false }));
      await q.addColumn(
        'auth_sessions',
        new TableColumn({ name: 'lastUsedAt', type: 'datetime', precision: 3, isNullable: true }),
      );
    } else {
      await q.query('ALTER TABLE "users" ADD COLUMN "mustChangePassword" boolean NOT NULL DEFAULT (false)');
      await q.query('ALTER TABLE "auth_sessions" ADD COLUMN "lastUsedAt" datetime(3)');
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'mysql') {
      await q.dropColumn('auth_sessions', 'lastUsedAt');
      await q.dropColumn('users', 'mustChangePassword');
    } else {
      await q.query('ALTER TABLE "auth_sessions" DROP COLUMN "lastUsedAt"');
      await q.query('ALTER TABLE "users" DROP COLUMN "mustChangePassword"');
    }
  }
}
