import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { index } from './builders';

/** 综合 merge and issues of 《社情民意》: the issue (a report) an item was compiled into (issue 18). */
export class OpinionIssues1764800000300 implements MigrationInterface {
  name = 'OpinionIssues1764800000300';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('opinions', new TableColumn({ name: 'issueReportId', type: 'int', isNullable: true }));
    await q.createIndex('opinions', index('issueReportId'));
  }

  async down(q: QueryRunner): Promise<void> {
    const table = await q.getTable('opinions');
    const index = table?.indices.find((i) => i.columnNames.length === 1 && i.columnNames[0] === 'issueReportId');
    if (index) await q.dropIndex('opinions', index);
    await q.dropColumn('opinions', 'issueReportId');
  }
}
