import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { nowDefault } from './1764100000000-Foundation';
import { fk, id, index, int, optInt, optTime, str, text, time } from './builders';

/**
 * 回头看 (issue 18): `proposal_commitments`, the promises of a B/C reply with their due day, the unit's report
 * and the proposer's verdict. (unitId, status, dueAt) serves a unit's 待办 and list; (status, dueAt) the staff's
 * 回头看 list by state and the sweep's due notices.
 */
export class Commitments1764800000000 implements MigrationInterface {
  name = 'Commitments1764800000000';

  async up(q: QueryRunner): Promise<void> {
    const now = nowDefault(q);
    await q.createTable(
      new Table({
        name: 'proposal_commitments',
        columns: [
          id(),
          int('proposalId'),
          int('replyId'),
          int('unitId'),
          str('classification', 10),
          int('position'),
          text('text'),
          time('dueAt'),
          str('status', 12),
          text('reportText', true),
          optTime('doneAt'),
          optTime('reportedAt'),
          optInt('reportedByUserId'),
          text('verdictComment', true),
          optTime('judgedAt'),
          optInt('judgedByUserId'),
          optTime('dueNoticeAt'),
          time('createdAt', { default: now }),
          time('updatedAt', { default: now }),
          int('version'),
        ],
        foreignKeys: [
          fk('proposalId', 'proposals'),
          fk('replyId', 'proposal_replies'),
          fk('unitId', 'units'),
          fk('reportedByUserId', 'users'),
          fk('judgedByUserId', 'users'),
        ],
        indices: [index('proposalId'), index('replyId'), index('unitId', 'status', 'dueAt'), index('status', 'dueAt')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('proposal_commitments');
  }
}
