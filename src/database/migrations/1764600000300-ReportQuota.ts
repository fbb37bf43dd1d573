import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { fk, int } from './builders';

/**
 * One row per person who requests reports: each request locks it, so a person's requests are checked one
 * after another (reuse of an identical report, the hourly quota) even when they arrive together.
 */
export class ReportQuota1764600000300 implements MigrationInterface {
  name = 'ReportQuota1764600000300';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'report_request_counters',
        columns: [int('userId', { isPrimary: true }), int('requests', { default: 0 })],
        foreignKeys: [fk('userId', 'users')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('report_request_counters');
  }
}
