import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

const COLUMNS = ['notEvaluated', 'chaseCount', 'lastChasedAt'];
const INDICES = [
  new TableIndex({ name: 'IDX_proposals_status_deadline', columnNames: ['status', 'deadline'] }),
  new TableIndex({ name: 'IDX_proposals_status_replied', columnNames: ['status', 'repliedAt'] }),
];

/**
 * The deadline jobs and 催办: a proposal completed without evaluation (未评价), how often and when it
 * was chased, and the indexes the sweep finds its work by (assigned by deadline, replied by reply time).
 * On SQLite the columns are added with plain `ALTER TABLE … ADD COLUMN`: TypeORM's addColumns rebuilds
 * the table there, and dropping the old `proposals` fails on the rows that refer to it.
 */
export class ProposalDeadlines1764200000400 implements MigrationInterface {
  name = 'ProposalDeadlines1764200000400';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'mysql') {
      await q.addColumns('proposals', [
        new TableColumn({ name: 'notEvaluated', type: 'boolean', default: false }),
        new TableColumn({ name: 'chaseCount', type: 'int', default: 0 }),
        new TableColumn({ name: 'lastChasedAt', type: 'datetime', precision: 3, isNullable: true }),
      ]);
    } else {
      await q.query('ALTER TABLE "proposals" ADD COLUMN "notEvaluated" boolean NOT NULL DEFAULT (false)');
      await q.query('ALTER TABLE "proposals" ADD COLUMN "chaseCount" int NOT NULL DEFAULT (0)');
      await q.query('ALTER TABLE "proposals" ADD COLUMN "lastChasedAt" datetime(3)');
    }
    await q.createIndices('proposals', INDICES);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of INDICES) await q.dropIndex('proposals', index.name!);
    if (q.connection.options.type === 'mysql') await q.dropColumns('proposals', COLUMNS);
    else for (const column of COLUMNS) await q.query(`ALTER TABLE "proposals" DROP COLUMN "${column}"`);
  }
}
