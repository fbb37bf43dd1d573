import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { nowDefault } from './1764100000000-Foundation';
import { fk, id, index, int, optInt, optStr, optTime, time, unique } from './builders';

/** 信息员 (issue 18): a member appointed for a year with a monthly quota; one row per member and year, ended not deleted. */
export class OpinionInformants1764800000500 implements MigrationInterface {
  name = 'OpinionInformants1764800000500';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'opinion_informants',
        columns: [
          id(),
          int('memberId'),
          int('year'),
          int('monthlyQuota'),
          optStr('note', 200),
          int('appointedByUserId'),
          optTime('endedAt'),
          optInt('endedByUserId'),
          time('createdAt', { default: nowDefault(q) }),
          time('updatedAt', { default: nowDefault(q) }),
          int('version'),
        ],
        foreignKeys: [fk('memberId', 'members'), fk('appointedByUserId', 'users'), fk('endedByUserId', 'users')],
        indices: [unique('memberId', 'year'), index('year')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('opinion_informants');
  }
}
