import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an audit row's hash covers, in a fixed order. */
export interface ChainedFields {
  seq: number;
  at: Date;
  actorId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  fromState: string | null;
  toState: string | null;
  comment: string | null;
  requestId: string | null;
  prevHash: string;
}

export function chainHash(f: ChainedFields): string {
  const canonical = JSON.stringify([
    f.seq,
    f.at.toISOString(),
    f.actorId,
    f.actorName,
    f.action,
    f.entityType,
    f.entityId,
    f.fromState,
    f.toState,
    f.comment,
    f.requestId,
    f.prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export interface ChainBreak {
  seq: number;
  id: number | null;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'missing_rows' | 'head_mismatch';
  message: string;
}

/**
 * Walks rows in seq order and returns the first break, or null. `expected` carries state
 * between batches so a long chain is checked in pieces.
 */
export function findBreak(
  rows: Array<ChainedFields & { id: number; hash: string }>,
  expected: { seq: number; hash: string },
): ChainBreak | null {
  for (const row of rows) {
    if (row.seq !== expected.seq + 1) {
      return {
        seq: expected.seq + 1,
        id: null,
        reason: 'missing_rows',
        message: `第 ${expected.seq + 1} 条审计记录缺失（已被删除）`,
      };
    }
    if (row.prevHash !== expected.hash) {
      return {
        seq: row.seq,
        id: row.id,
        reason: 'prev_hash_mismatch',
        message: `第 ${row.seq} 条审计记录与前一条不衔接`,
      };
    }
    if (chainHash(row) !== row.hash) {
      return { seq: row.seq, id: row.id, reason: 'hash_mismatch', message: `第 ${row.seq} 条审计记录的内容已被改动` };
    }
    expected.seq = row.seq;
    expected.hash = row.hash;
  }
  return null;
}
