import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { nowDefault } from './1764100000000-Foundation';
import { fk, id, index, int, str, text, time } from './builders';

/** 社情民意 采用 by upper bodies (issue 18): one row per body that took an item up, with its own number and day. */
export class OpinionAdoptions1764800000400 implements MigrationInterface {
  name = 'OpinionAdoptions1764800000400';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'opinion_adoptions',
        columns: [
          id(),
          int('opinionId'),
          str('level', 40),
          str('bodyName', 100),
          str('issueText', 100),
          str('adoptedOn', 10),
          text('note', true),
          int('recordedByUserId'),
          time('createdAt', { default: nowDefault(q) }),
        ],
        foreignKeys: [fk('opinionId', 'opinions'), fk('recordedByUserId', 'users')],
        indices: [index('opinionId'), index('adoptedOn')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('opinion_adoptions');
  }
}
