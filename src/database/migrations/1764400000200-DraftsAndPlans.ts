import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { nowDefault } from './1764100000000-Foundation';
import { bool, fk, id, index, int, optInt, optStr, optTime, str, text, time, unique } from './builders';

/** 征求意见稿 with their clauses, editions and comments; 年度协商计划 with their items. */
export class DraftsAndPlans1764400000200 implements MigrationInterface {
  name = 'DraftsAndPlans1764400000200';

  async up(q: QueryRunner): Promise<void> {
    const now = nowDefault(q);
    const stamps = () => [time('createdAt', { default: now }), time('updatedAt', { default: now }), int('version')];
    await q.createTable(
      new Table({
        name: 'drafts',
        columns: [
          id(),
          str('title', 200),
          text('description', true),
          optInt('topicId'),
          str('organizerType', 12),
          int('organizerId'),
          int('createdByUserId'),
          str('status', 12),
          bool('openToPublic'),
          optTime('closesAt'),
          optTime('openedAt'),
          optTime('closedAt'),
          int('revision', { default: 1 }),
          ...stamps(),
        ],
        foreignKeys: [fk('topicId', 'topics'), fk('createdByUserId', 'users')],
        indices: [index('organizerType', 'organizerId'), index('status', 'id'), index('topicId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'draft_invitees',
        columns: [id(), int('draftId'), int('memberId')],
        foreignKeys: [fk('draftId', 'drafts'), fk('memberId', 'members')],
        indices: [unique('draftId', 'memberId'), index('memberId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'draft_revisions',
        columns: [id(), int('draftId'), int('revision'), text('note', true), int('byUserId'), time('at')],
        foreignKeys: [fk('draftId', 'drafts'), fk('byUserId', 'users')],
        indices: [unique('draftId', 'revision')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'draft_clauses',
        columns: [
          id(),
          int('draftId'),
          int('revision'),
          int('position'),
          optStr('chapter', 100),
          str('label', 30),
          text('text'),
        ],
        foreignKeys: [fk('draftId', 'drafts')],
        indices: [unique('draftId', 'revision', 'position')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'draft_comments',
        columns: [
          id(),
          int('draftId'),
          optInt('clauseId'),
          int('revision'),
          str('source', 12),
          optInt('userId'),
          str('authorName', 50),
          optStr('phone', 30),
          optStr('addressHash', 64),
          text('text'),
          time('createdAt'),
          optStr('disposition', 12),
          text('dispositionReason', true),
          optInt('disposedByUserId'),
          optTime('disposedAt'),
        ],
        foreignKeys: [
          fk('draftId', 'drafts'),
          fk('clauseId', 'draft_clauses'),
          fk('userId', 'users'),
          fk('disposedByUserId', 'users'),
        ],
        // The summary reads by clause; the public rate limit counts by address within the last hour.
        indices: [index('draftId', 'clauseId'), index('draftId', 'addressHash', 'createdAt')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'consultation_plans',
        columns: [
          id(),
          int('year'),
          str('title', 200),
          str('scopeType', 12),
          int('scopeId', { default: 0 }),
          str('status', 12),
          text('note', true),
          int('createdByUserId'),
          optTime('approvedAt'),
          optInt('approvedByUserId'),
          ...stamps(),
        ],
        foreignKeys: [fk('createdByUserId', 'users'), fk('approvedByUserId', 'users')],
        indices: [unique('year', 'scopeType', 'scopeId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'plan_items',
        columns: [
          id(),
          int('planId'),
          int('position'),
          str('title', 200),
          text('notes', true),
          str('form', 16),
          str('organizerType', 12),
          int('organizerId'),
          str('level', 12),
          int('quarter'),
          optInt('leadUnitId'),
          optInt('topicId'),
          optTime('startedAt'),
          optInt('startedByUserId'),
          ...stamps(),
        ],
        foreignKeys: [
          fk('planId', 'consultation_plans'),
          fk('leadUnitId', 'units'),
          fk('topicId', 'topics'),
          fk('startedByUserId', 'users'),
        ],
        indices: [unique('planId', 'position'), unique('topicId')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'plan_items',
      'consultation_plans',
      'draft_comments',
      'draft_clauses',
      'draft_revisions',
      'draft_invitees',
      'drafts',
    ])
      await q.dropTable(t);
  }
}
