import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { nowDefault } from './1764100000000-Foundation';
import { bool, fk, id, index, int, optInt, optStr, optTime, str, text, time, unique } from './builders';

const round = () => int('round', { default: 0 });

export class Proposals1764200000000 implements MigrationInterface {
  name = 'Proposals1764200000000';

  async up(q: QueryRunner): Promise<void> {
    const now = nowDefault(q);
    await q.createTable(
      new Table({
        name: 'proposals',
        columns: [
          id(),
          int('sessionId'),
          optInt('number'),
          str('kind', 12),
          str('title', 200),
          str('category', 40),
          text('background'),
          text('suggestions'),
          bool('agreeToPublish'),
          bool('plenary'),
          str('status', 12),
          optInt('leadMemberId'),
          int('filedByUserId'),
          optInt('sectorId'),
          optInt('committeeId'),
          optStr('groupName', 100),
          optStr('handlingMode', 10),
          optTime('handlingStartedAt'),
          optTime('deadline'),
          int('extensionMonths', { default: 0 }),
          int('rehandleCount', { default: 0 }),
          optInt('mergedIntoId'),
          optStr('reviewGround', 40),
          text('reviewReason', true),
          bool('isKey'),
          optInt('supervisorUserId'),
          bool('excellent'),
          bool('overdue'),
          optTime('submittedAt'),
          optTime('reviewedAt'),
          optTime('assignedAt'),
          optTime('repliedAt'),
          optTime('completedAt'),
          optTime('withdrawnAt'),
          time('createdAt', { default: now }),
          time('updatedAt', { default: now }),
          int('version'),
        ],
        foreignKeys: [
          fk('sessionId', 'sessions'),
          fk('leadMemberId', 'members'),
          fk('filedByUserId', 'users'),
          fk('sectorId', 'sectors'),
          fk('committeeId', 'committees'),
          fk('mergedIntoId', 'proposals'),
          fk('supervisorUserId', 'users'),
        ],
        // The list filters: status, session, category, sector, key, overdue; members find theirs through proposal_signers.
        indices: [
          unique('sessionId', 'number'),
          index('status', 'id'),
          index('sessionId', 'status'),
          index('category'),
          index('sectorId'),
          index('leadMemberId'),
          index('filedByUserId'),
          index('isKey'),
          index('overdue'),
          index('mergedIntoId'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'proposal_signers',
        columns: [
          id(),
          int('proposalId'),
          int('memberId'),
          str('role', 10),
          str('status', 10),
          time('invitedAt'),
          optTime('confirmedAt'),
          optInt('mergedFromId'),
        ],
        foreignKeys: [fk('proposalId', 'proposals'), fk('memberId', 'members'), fk('mergedFromId', 'proposals')],
        indices: [unique('proposalId', 'memberId'), index('memberId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'proposal_units',
        columns: [
          id(),
          int('proposalId'),
          int('unitId'),
          str('role', 10),
          bool('active', true),
          time('assignedAt'),
          optTime('returnedAt'),
          text('returnReason', true),
          optTime('repliedAt'),
        ],
        foreignKeys: [fk('proposalId', 'proposals'), fk('unitId', 'units')],
        indices: [index('proposalId'), index('unitId', 'active')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'proposal_communications',
        columns: [
          id(),
          int('proposalId'),
          int('unitId'),
          round(),
          str('step', 10),
          str('mode', 10),
          text('summary'),
          time('at'),
          int('recordedByUserId'),
        ],
        foreignKeys: [fk('proposalId', 'proposals'), fk('unitId', 'units'), fk('recordedByUserId', 'users')],
        indices: [index('proposalId', 'unitId', 'round')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'proposal_co_opinions',
        columns: [id(), int('proposalId'), int('unitId'), round(), text('content'), time('at'), int('byUserId')],
        foreignKeys: [fk('proposalId', 'proposals'), fk('unitId', 'units'), fk('byUserId', 'users')],
        indices: [unique('proposalId', 'unitId', 'round')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'proposal_replies',
        columns: [
          id(),
          int('proposalId'),
          int('unitId'),
          round(),
          str('classification', 10),
          text('content'),
          bool('isPublic'),
          optStr('letterNo', 100),
          optStr('signer', 50),
          optStr('contact', 100),
          time('at'),
          int('byUserId'),
        ],
        foreignKeys: [fk('proposalId', 'proposals'), fk('unitId', 'units'), fk('byUserId', 'users')],
        indices: [unique('proposalId', 'unitId', 'round'), index('unitId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'proposal_evaluations',
        columns: [
          id(),
          int('proposalId'),
          round(),
          optStr('contact', 10),
          optStr('attitude', 20),
          str('rating', 20),
          text('comment', true),
          time('at'),
          int('byUserId'),
        ],
        foreignKeys: [fk('proposalId', 'proposals'), fk('byUserId', 'users')],
        indices: [unique('proposalId', 'round')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'proposal_extensions',
        columns: [
          id(),
          int('proposalId'),
          int('unitId'),
          int('months'),
          text('reason'),
          int('requestedByUserId'),
          time('requestedAt'),
          str('status', 10),
          optInt('decidedByUserId'),
          optTime('decidedAt'),
          text('comment', true),
        ],
        foreignKeys: [
          fk('proposalId', 'proposals'),
          fk('unitId', 'units'),
          fk('requestedByUserId', 'users'),
          fk('decidedByUserId', 'users'),
        ],
        indices: [index('proposalId'), index('status')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'proposal_counters',
        columns: [int('sessionId', { isPrimary: true }), int('lastNumber', { default: 0 })],
        foreignKeys: [fk('sessionId', 'sessions')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'proposal_counters',
      'proposal_extensions',
      'proposal_evaluations',
      'proposal_replies',
      'proposal_co_opinions',
      'proposal_communications',
      'proposal_units',
      'proposal_signers',
      'proposals',
    ]) {
      await q.dropTable(t);
    }
  }
}
