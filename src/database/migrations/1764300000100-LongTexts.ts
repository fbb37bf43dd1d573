import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MySQL's TEXT holds 65,535 bytes: fewer than the longest proposal the form accepts (30 suggestions of
 * 2,000 characters, 3–4 bytes each in utf8mb4), a 50,000-character reply, or the audit entry that
 * records such a proposal. These columns become MEDIUMTEXT (16 MB) there. SQLite's TEXT has no such
 * limit, and the entities keep `text`, the type both drivers know.
 */
const LONG: Array<[table: string, column: string, nullable: boolean]> = [
  ['proposals', 'background', false],
  ['proposals', 'suggestions', false],
  ['proposal_replies', 'content', false],
  ['audit_entries', 'fromState', true],
  ['audit_entries', 'toState', true],
];

export class LongTexts1764300000100 implements MigrationInterface {
  name = 'LongTexts1764300000100';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'mysql') return;
    for (const [table, column, nullable] of LONG)
      await q.query(`ALTER TABLE \`${table}\` MODIFY \`${column}\` MEDIUMTEXT ${nullable ? 'NULL' : 'NOT NULL'}`);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'mysql') return;
    for (const [table, column, nullable] of LONG)
      await q.query(`ALTER TABLE \`${table}\` MODIFY \`${column}\` TEXT ${nullable ? 'NULL' : 'NOT NULL'}`);
  }
}
