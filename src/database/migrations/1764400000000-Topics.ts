import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { nowDefault } from './1764100000000-Foundation';
import { bool, fk, id, index, int, optInt, optStr, optTime, str, text, time, unique } from './builders';

/** 协商议题 and what hangs off them: meetings 协商会 with participants and speeches, outcomes with feedback, evaluations. */
export class Topics1764400000000 implements MigrationInterface {
  name = 'Topics1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const now = nowDefault(q);
    const stamps = [time('createdAt', { default: now }), time('updatedAt', { default: now }), int('version')];
    await q.createTable(
      new Table({
        name: 'topics',
        columns: [
          id(),
          str('title', 200),
          text('description'),
          str('level', 12),
          str('source', 12),
          str('organizerType', 12),
          int('organizerId'),
          int('raisedByUserId'),
          str('status', 12),
          text('declineReason', true),
          optStr('responsePolicy', 10),
          bool('published'),
          optTime('publishedAt'),
          optTime('settledAt'),
          optTime('resolvedAt'),
          optTime('evaluatedAt'),
          ...stamps,
        ],
        foreignKeys: [fk('raisedByUserId', 'users')],
        // The list filters: status, level, organiser; members find the topics they raised.
        indices: [
          index('status', 'id'),
          index('level'),
          index('organizerType', 'organizerId'),
          index('raisedByUserId'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meetings',
        columns: [
          id(),
          int('topicId'),
          int('sequence'),
          str('kind', 16),
          str('title', 200),
          time('startsAt'),
          time('endsAt'),
          str('venue', 200),
          str('chair', 50),
          optTime('noticeSentAt'),
          optTime('heldAt'),
          text('minutes', true),
          ...stamps,
        ],
        foreignKeys: [fk('topicId', 'topics')],
        indices: [unique('topicId', 'sequence'), index('startsAt')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meeting_participants',
        columns: [
          id(),
          int('meetingId'),
          int('topicId'),
          optInt('memberId'),
          optInt('unitId'),
          optStr('name', 50),
          str('side', 16),
          optStr('attendance', 10),
        ],
        foreignKeys: [
          fk('meetingId', 'meetings'),
          fk('topicId', 'topics'),
          fk('memberId', 'members'),
          fk('unitId', 'units'),
        ],
        indices: [unique('meetingId', 'memberId'), index('topicId'), index('memberId'), index('unitId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meeting_speeches',
        columns: [id(), int('meetingId'), int('participantId'), text('summary'), int('recordedByUserId'), time('at')],
        foreignKeys: [
          fk('meetingId', 'meetings'),
          fk('participantId', 'meeting_participants'),
          fk('recordedByUserId', 'users'),
        ],
        indices: [index('meetingId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'topic_outcomes',
        columns: [
          id(),
          int('topicId'),
          str('kind', 16),
          optStr('theme', 100),
          int('themeOrder'),
          int('position'),
          text('text'),
          optInt('unitId'),
          optTime('dueAt'),
          str('status', 12),
          optTime('closedAt'),
          int('createdByUserId'),
          ...stamps,
        ],
        foreignKeys: [fk('topicId', 'topics'), fk('unitId', 'units'), fk('createdByUserId', 'users')],
        indices: [unique('topicId', 'position'), index('unitId'), index('status')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'outcome_feedback',
        columns: [
          id(),
          int('outcomeId'),
          int('byUserId'),
          optStr('fromStatus', 12),
          optStr('toStatus', 12),
          text('text', true),
          time('at'),
        ],
        foreignKeys: [fk('outcomeId', 'topic_outcomes'), fk('byUserId', 'users')],
        indices: [index('outcomeId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'topic_evaluations',
        columns: [id(), int('topicId'), int('userId'), int('score'), text('comment', true), time('at')],
        foreignKeys: [fk('topicId', 'topics'), fk('userId', 'users')],
        indices: [unique('topicId', 'userId')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'topic_evaluations',
      'outcome_feedback',
      'topic_outcomes',
      'meeting_speeches',
      'meeting_participants',
      'meetings',
      'topics',
    ])
      await q.dropTable(t);
  }
}
