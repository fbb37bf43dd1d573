import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { fk, id, index, int, optInt, optTime, str, text, time, unique } from './builders';

const OUTCOME_INDICES = [
  new TableIndex({ name: 'IDX_topic_outcomes_status_overdue_due', columnNames: ['status', 'overdueAt', 'dueAt'] }),
  new TableIndex({ name: 'IDX_topic_outcomes_due', columnNames: ['dueAt'] }),
  new TableIndex({ name: 'IDX_topic_outcomes_topic_status_overdue', columnNames: ['topicId', 'status', 'overdueAt'] }),
];

/**
 * Response promises and overdue outcomes: `topic_clocks`, one row per clock (回应, 答复, 解决) of a topic
 * with a policy, found by the sweep through (breachedAt, doneAt, dueAt) — both null, due before now — and
 * `topic_outcomes.overdueAt`, the sweep's once-only mark. Outcome indexes, as bench/topics.js found them at 200k
 * outcomes on MariaDB: (status, overdueAt, dueAt) finds the sweep's work (open, not marked, due before now) and
 * counts the overdue list from the index alone (~100 → ~35 ms); (dueAt) gives its page by due date without
 * sorting the 65k overdue rows (~300 → <1 ms); (topicId, status, overdueAt) lets the statistics' outcomes by
 * organiser and the lists' counts per topic read the index instead of the rows (~1.3 s → ~0.5 s).
 * On SQLite the column is added with plain `ALTER TABLE … ADD COLUMN` (TypeORM would rebuild the table,
 * and dropping the old one fails on the rows that refer to it).
 */
export class TopicPromises1764400000100 implements MigrationInterface {
  name = 'TopicPromises1764400000100';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'topic_clocks',
        columns: [
          id(),
          int('topicId'),
          str('clock', 12),
          time('dueAt'),
          optTime('doneAt'),
          optInt('doneByUserId'),
          text('text', true),
          optTime('breachedAt'),
        ],
        foreignKeys: [fk('topicId', 'topics'), fk('doneByUserId', 'users')],
        indices: [unique('topicId', 'clock'), index('breachedAt', 'doneAt', 'dueAt')],
      }),
    );
    if (q.connection.options.type === 'mysql')
      await q.addColumn(
        'topic_outcomes',
        new TableColumn({ name: 'overdueAt', type: 'datetime', precision: 3, isNullable: true }),
      );
    else await q.query('ALTER TABLE "topic_outcomes" ADD COLUMN "overdueAt" datetime(3)');
    await q.createIndices('topic_outcomes', OUTCOME_INDICES);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const i of OUTCOME_INDICES) await q.dropIndex('topic_outcomes', i.name!);
    if (q.connection.options.type === 'mysql') await q.dropColumn('topic_outcomes', 'overdueAt');
    else await q.query('ALTER TABLE "topic_outcomes" DROP COLUMN "overdueAt"');
    await q.dropTable('topic_clocks');
  }
}
