import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { nowDefault } from './1764100000000-Foundation';

export class Reports1764300000000 implements MigrationInterface {
  name = 'Reports1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const id = {
      name: 'id',
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment' as const,
    };
    const time = (name: string, nullable = false) => ({
      name,
      type: 'datetime',
      precision: 3,
      isNullable: nullable,
      ...(nullable ? {} : { default: nowDefault(q) }),
    });
    await q.createTable(
      new Table({
        name: 'reports',
        columns: [
          id,
          { name: 'kind', type: 'varchar', length: '30' },
          { name: 'subjectType', type: 'varchar', length: '20', isNullable: true },
          { name: 'subjectId', type: 'int', isNullable: true },
          { name: 'params', type: 'text' },
          { name: 'title', type: 'varchar', length: '300' },
          { name: 'issueNo', type: 'int', isNullable: true },
          { name: 'requestedByUserId', type: 'int' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'attempts', type: 'int', default: 0 },
          { name: 'error', type: 'text', isNullable: true },
          { name: 'filePath', type: 'varchar', length: '200', isNullable: true },
          { name: 'sha256', type: 'varchar', length: '64', isNullable: true },
          { name: 'pages', type: 'int', isNullable: true },
          { name: 'bytes', type: 'int', isNullable: true },
          { name: 'renderMs', type: 'int', isNullable: true },
          time('requestedAt'),
          time('startedAt', true),
          time('finishedAt', true),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['requestedByUserId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
          }),
        ],
        indices: [
          new TableIndex({ columnNames: ['requestedByUserId', 'id'] }),
          new TableIndex({ columnNames: ['status'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'report_deliveries',
        columns: [
          id,
          { name: 'reportId', type: 'int' },
          { name: 'userId', type: 'int' },
          { name: 'deliveredByUserId', type: 'int' },
          time('deliveredAt'),
          time('readAt', true),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['reportId'],
            referencedTableName: 'reports',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({ columnNames: ['userId'], referencedTableName: 'users', referencedColumnNames: ['id'] }),
          new TableForeignKey({
            columnNames: ['deliveredByUserId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
          }),
        ],
        indices: [
          new TableIndex({ columnNames: ['reportId', 'userId'], isUnique: true }),
          new TableIndex({ columnNames: ['userId', 'deliveredAt'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'report_issue_counters',
        columns: [
          { name: 'publication', type: 'varchar', length: '30', isPrimary: true },
          { name: 'year', type: 'int', isPrimary: true },
          { name: 'last', type: 'int', default: 0 },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('report_issue_counters');
    await q.dropTable('report_deliveries');
    await q.dropTable('reports');
  }
}
