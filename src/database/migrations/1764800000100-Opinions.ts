import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { nowDefault } from './1764100000000-Foundation';
import { fk, id, index, int, optInt, optStr, optTime, str, text, time, unique } from './builders';

/**
 * 社情民意信息 (issue 18, first part): the items with their submitter, current and original text and review
 * note, and their contributors in printed order (a later 综合 item keeps every contributor with the item it
 * came from). `proposalId` links an item to the proposal review converted into it, once.
 */
export class Opinions1764800000100 implements MigrationInterface {
  name = 'Opinions1764800000100';

  async up(q: QueryRunner): Promise<void> {
    const now = nowDefault(q);
    await q.createTable(
      new Table({
        name: 'opinions',
        columns: [
          id(),
          str('title', 200),
          text('content'),
          optStr('originalTitle', 200),
          text('originalContent', true),
          str('category', 40),
          str('status', 12),
          str('submitterKind', 12),
          optInt('leadMemberId'),
          int('filedByUserId'),
          optStr('groupName', 100),
          optInt('sectorId'),
          optInt('committeeId'),
          text('reviewNote', true),
          optInt('reviewedByUserId'),
          optTime('reviewedAt'),
          optTime('submittedAt'),
          optInt('editedByUserId'),
          optTime('editedAt'),
          optInt('proposalId'),
          optInt('mergedIntoId'),
          time('createdAt', { default: now }),
          time('updatedAt', { default: now }),
          int('version'),
        ],
        foreignKeys: [fk('filedByUserId', 'users'), fk('leadMemberId', 'members'), fk('proposalId', 'proposals')],
        indices: [index('status', 'id'), unique('proposalId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'opinion_contributors',
        columns: [
          id(),
          int('opinionId'),
          int('position'),
          optInt('memberId'),
          optStr('organisationName', 100),
          optInt('sourceOpinionId'),
        ],
        foreignKeys: [fk('opinionId', 'opinions'), fk('memberId', 'members')],
        indices: [unique('opinionId', 'position'), index('memberId')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('opinion_contributors');
    await q.dropTable('opinions');
  }
}
