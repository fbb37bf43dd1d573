import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { fk, id, index, int, optTime, str, time } from './builders';

/** Sign-in and password reset by SMS code (issue 19): the codes, hashed, with their tries. */
export class SmsCodes1764900000100 implements MigrationInterface {
  name = 'SmsCodes1764900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'sms_codes',
        columns: [
          id(),
          str('mobile', 20),
          str('purpose', 10),
          int('userId'),
          str('codeHash', 64),
          str('salt', 32),
          int('attempts', { default: 0 }),
          time('expiresAt'),
          optTime('consumedAt'),
          time('createdAt'),
        ],
        foreignKeys: [fk('userId', 'users')],
        indices: [index('mobile', 'purpose', 'createdAt')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('sms_codes');
  }
}
