import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { fk, id, index, int, optInt, optStr, optTime, str, text, time, unique } from './builders';

/**
 * Documents the office issues are drafted, edited and signed off (issue 16, item 1): `reports` gets its
 * stage (existing rows are `final`: delivered as before), the publication its number is taken from at 签发,
 * the newest revision, the 退回 note and who signed what when; `report_revisions` keeps every saved text with
 * its preview PDF. On SQLite the columns are added with plain `ALTER TABLE … ADD COLUMN` (TypeORM would
 * rebuild the table, and dropping the old one fails on the rows that refer to it).
 */
export class ReportSignoff1764700000200 implements MigrationInterface {
  name = 'ReportSignoff1764700000200';

  private readonly columns = [
    { name: 'publication', mysql: optStr('publication', 30), sqlite: 'varchar(30)' },
    {
      name: 'stage',
      mysql: str('stage', 10, { default: "'final'" }),
      sqlite: "varchar(10) NOT NULL DEFAULT ('final')",
    },
    { name: 'revision', mysql: int('revision', { default: 0 }), sqlite: 'int NOT NULL DEFAULT (0)' },
    { name: 'returnNote', mysql: text('returnNote', true), sqlite: 'text' },
    { name: 'signedRevision', mysql: optInt('signedRevision'), sqlite: 'int' },
    { name: 'signedAt', mysql: optTime('signedAt'), sqlite: 'datetime(3)' },
    { name: 'signedByUserId', mysql: optInt('signedByUserId'), sqlite: 'int' },
    { name: 'signerName', mysql: optStr('signerName', 100), sqlite: 'varchar(100)' },
  ];

  async up(q: QueryRunner): Promise<void> {
    for (const c of this.columns)
      if (q.connection.options.type === 'mysql') await q.addColumn('reports', new TableColumn(c.mysql));
      else await q.query(`ALTER TABLE "reports" ADD COLUMN "${c.name}" ${c.sqlite}`);
    await q.createTable(
      new Table({
        name: 'report_revisions',
        columns: [
          id(),
          int('reportId'),
          int('revision'),
          text('text'),
          optInt('editedByUserId'),
          time('at'),
          str('status', 10),
          text('error', true),
          optStr('filePath', 200),
          optStr('sha256', 64),
          optInt('pages'),
          optInt('bytes'),
        ],
        foreignKeys: [fk('reportId', 'reports'), fk('editedByUserId', 'users')],
        indices: [unique('reportId', 'revision')],
      }),
    );
    await q.createIndex('reports', index('stage'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('report_revisions');
    const table = await q.getTable('reports');
    const stageIndex = table?.indices.find((i) => i.columnNames.join() === 'stage');
    if (stageIndex) await q.dropIndex('reports', stageIndex);
    for (const c of [...this.columns].reverse())
      if (q.connection.options.type === 'mysql') await q.dropColumn('reports', c.name);
      else await q.query(`ALTER TABLE "reports" DROP COLUMN "${c.name}"`);
  }
}
