import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { fk, id, index, int, optInt, optTime, str, text, time, unique } from './builders';

const OVERDUE_INDEX = new TableIndex({ name: 'IDX_topic_outcomes_overdue_due', columnNames: ['overdueAt', 'dueAt'] });

/**
 * Response promises and overdue outcomes: `topic_clocks`, one row per clock (回应, 答复, 解决) of a topic
 * with a policy, found by the sweep through (breachedAt, doneAt, dueAt) — both null, due before now — and
 * `topic_outcomes.overdueAt`, the sweep's once-only mark, found through (overdueAt, dueAt) the same way.
 * On SQLite the column is added with plain `ALTER TABLE … ADD COLUMN` (TypeORM would rebuild the table,
 * and dropping the old one fails on the rows that refer to it).
 */
export class TopicPromises1764400000100 implements MigrationInterface {
  name = 'TopicPromises1764400000100';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'topic_clocks',
        columns: [id(), int('topicId'), str('clock', 12), time('dueAt'), optTime('doneAt'), optInt('doneByUserId'), text('text', true), optTime('breachedAt')],
        foreignKeys: [fk('topicId', 'topics'), fk('doneByUserId', 'users')],
        indices: [unique('topicId', 'clock'), index('breachedAt', 'doneAt', 'dueAt')],
      }),
    );
    if (q.connection.options.type === 'mysql') await q.addColumn('topic_outcomes', new TableColumn({ name: 'overdueAt', type: 'datetime', precision: 3, isNullable: true }));
    else await q.query('ALTER TABLE "topic_outcomes" ADD COLUMN "overdueAt" datetime(3)');
    await q.createIndex('topic_outcomes', OVERDUE_INDEX);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('topic_outcomes', OVERDUE_INDEX.name!);
    if (q.connection.options.type === 'mysql') await q.dropColumn('topic_outcomes', 'overdueAt');
    else await q.query('ALTER TABLE "topic_outcomes" DROP COLUMN "overdueAt"');
    await q.dropTable('topic_clocks');
  }
}
