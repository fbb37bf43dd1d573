import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { nowDefault } from './1764100000000-Foundation';
import { bool, fk, id, index, int, optTime, str, text, time } from './builders';

/** 领导批示 on delivered documents and key proposals, and the 交办事项 they hand to units (issue 18). */
export class Instructions1764800000200 implements MigrationInterface {
  name = 'Instructions1764800000200';

  async up(q: QueryRunner): Promise<void> {
    const now = nowDefault(q);
    await q.createTable(
      new Table({
        name: 'instructions',
        columns: [
          id(),
          str('targetType', 20),
          int('targetId'),
          str('targetTitle', 300),
          int('leaderUserId', { isNullable: true }),
          str('leaderName', 50),
          str('leaderLevel', 30),
          text('text'),
          str('instructedOn', 10),
          bool('onPaper'),
          int('recordedByUserId'),
          time('recordedAt'),
        ],
        foreignKeys: [fk('leaderUserId', 'users'), fk('recordedByUserId', 'users')],
        indices: [index('targetType', 'targetId'), index('instructedOn')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'instruction_items',
        columns: [
          id(),
          int('instructionId'),
          int('unitId'),
          text('task'),
          str('dueOn', 10),
          str('status', 12),
          text('progress', true),
          optTime('reportedAt'),
          text('returnNote', true),
          optTime('closedAt'),
          optTime('overdueAt'),
          int('createdByUserId'),
          time('createdAt', { default: now }),
          time('updatedAt', { default: now }),
          int('version'),
        ],
        foreignKeys: [fk('instructionId', 'instructions'), fk('unitId', 'units'), fk('createdByUserId', 'users')],
        indices: [index('instructionId'), index('unitId', 'status'), index('status', 'dueOn')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('instruction_items');
    await q.dropTable('instructions');
  }
}
