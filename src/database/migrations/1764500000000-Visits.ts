import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { nowDefault } from './1764100000000-Foundation';
import { fk, id, index, int, optInt, optStr, optTime, str, text, time, unique } from './builders';

/** 视察调研: visits with their itinerary, participants and answers, findings; members' calendar feeds; the topics and proposals a visit leads to. */
export class Visits1764500000000 implements MigrationInterface {
  name = 'Visits1764500000000';

  async up(q: QueryRunner): Promise<void> {
    const now = nowDefault(q);
    const stamps = [time('createdAt', { default: now }), time('updatedAt', { default: now }), int('version')];
    await q.createTable(
      new Table({
        name: 'visits',
        columns: [
          id(),
          str('kind', 12),
          str('title', 200),
          text('purpose'),
          str('organizerType', 12),
          int('organizerId'),
          time('startsAt'),
          time('endsAt'),
          str('status', 12),
          int('createdByUserId'),
          optTime('completedAt'),
          optTime('cancelledAt'),
          text('cancelReason', true),
          ...stamps,
        ],
        foreignKeys: [fk('createdByUserId', 'users')],
        // Conflicts and free/busy look visits up by time; the list by status and organiser.
        indices: [index('startsAt'), index('status', 'startsAt'), index('organizerType', 'organizerId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'visit_stops',
        columns: [
          id(),
          int('visitId'),
          int('position'),
          time('at'),
          str('place', 200),
          optStr('contact', 100),
          text('purpose', true),
        ],
        foreignKeys: [fk('visitId', 'visits')],
        indices: [unique('visitId', 'position')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'visit_participants',
        columns: [
          id(),
          int('visitId'),
          str('kind', 8),
          optInt('memberId'),
          optInt('userId'),
          optInt('unitId'),
          optStr('name', 50),
          str('answer', 10),
          text('reason', true),
          time('invitedAt'),
          optTime('answeredAt'),
        ],
        foreignKeys: [fk('visitId', 'visits'), fk('memberId', 'members'), fk('userId', 'users'), fk('unitId', 'units')],
        indices: [
          unique('visitId', 'memberId'),
          unique('visitId', 'userId'),
          index('memberId'),
          index('userId'),
          index('unitId'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'visit_findings',
        columns: [
          id(),
          int('visitId'),
          optInt('stopId'),
          text('problem'),
          text('suggestion', true),
          int('recordedByUserId'),
          time('at'),
        ],
        foreignKeys: [fk('visitId', 'visits'), fk('stopId', 'visit_stops'), fk('recordedByUserId', 'users')],
        indices: [index('visitId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'calendar_feeds',
        columns: [id(), int('memberId'), str('tokenHash', 64), int('createdByUserId'), time('createdAt')],
        foreignKeys: [fk('memberId', 'members'), fk('createdByUserId', 'users')],
        indices: [unique('memberId'), unique('tokenHash')],
      }),
    );
    // 视察调研 → 议题 / 提案: the topic or proposal names the visit it came from.
    for (const table of ['topics', 'proposals']) {
      await q.addColumn(table, new TableColumn(optInt('visitId')));
      await q.createForeignKey(
        table,
        new TableForeignKey({ columnNames: ['visitId'], referencedTableName: 'visits', referencedColumnNames: ['id'] }),
      );
      await q.createIndex(table, new TableIndex({ columnNames: ['visitId'] }));
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['topics', 'proposals']) {
      const t = (await q.getTable(table))!;
      for (const key of t.foreignKeys.filter((k) => k.columnNames.includes('visitId')))
        await q.dropForeignKey(table, key);
      for (const ix of t.indices.filter((i) => i.columnNames.includes('visitId'))) await q.dropIndex(table, ix);
      await q.dropColumn(table, 'visitId');
    }
    for (const t of ['calendar_feeds', 'visit_findings', 'visit_participants', 'visit_stops', 'visits'])
      await q.dropTable(t);
  }
}
