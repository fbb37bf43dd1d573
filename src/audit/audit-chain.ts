import { createHash, createHmac } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The HMACs a keyed row may carry (`XS_AUDIT_HMAC`); a row's `alg` is `hmac-` and one of these, or null for the unkeyed SHA-256 of rows written before the key. */
export const HMAC_ALGORITHMS = ['sha256', 'sm3'] as const;
export type HmacAlgorithm = (typeof HMAC_ALGORITHMS)[number];
export type RowAlg = `hmac-${HmacAlgorithm}`;

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

/** A row as stored: its fields, its hash, and the scheme of that hash (null: unkeyed SHA-256, rows from before the key). */
export type ChainedRow = ChainedFields & { id: number; hash: string; alg?: string | null };

const canonical = (f: ChainedFields): unknown[] => [
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
];

/**
 * The unkeyed SHA-256 of the rows written before the chain was keyed. Anyone can compute it: it is
 * kept only to verify those rows as they are; no new row is written with it.
 */
export function chainHash(f: ChainedFields): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(f)), 'utf8')
    .digest('hex');
}

export function hmacHex(alg: HmacAlgorithm, key: Buffer, text: string): string {
  return createHmac(alg, key).update(text, 'utf8').digest('hex');
}

/** The keyed hash of a row: HMAC (SHA-256 or SM3) with a key held outside the database, over the row's `alg` and fields. */
export function keyedChainHash(f: ChainedFields, key: Buffer, alg: HmacAlgorithm): string {
  return hmacHex(alg, key, JSON.stringify([`hmac-${alg}`, ...canonical(f)]));
}

export function rowAlgorithm(alg: string): HmacAlgorithm | null {
  const name = alg.startsWith('hmac-') ? alg.slice(5) : '';
  return (HMAC_ALGORITHMS as readonly string[]).includes(name) ? (name as HmacAlgorithm) : null;
}

/**
 * The head's seal of `keyedFrom`, the first seq written with the key: every row from there on must be
 * keyed. Without the key nobody can move it, so keyed rows cannot be passed off as old unkeyed ones.
 */
export function keyedFromSeal(key: Buffer, alg: HmacAlgorithm, keyedFrom: number): string {
  return `hmac-${alg}:${hmacHex(alg, key, `xieshang-audit-keyed-from:${keyedFrom}`)}`;
}

export function sealMatches(key: Buffer, keyedFrom: number, seal: string | null): boolean {
  const alg = seal ? rowAlgorithm(seal.slice(0, seal.indexOf(':'))) : null;
  return alg !== null && seal === keyedFromSeal(key, alg, keyedFrom);
}

export type ChainBreakReason =
  | 'hash_mismatch'
  | 'prev_hash_mismatch'
  | 'missing_rows'
  | 'head_mismatch'
  | 'unkeyed_row'
  | 'seal_mismatch'
  | 'anchor_mismatch'
  | 'anchor_truncated'
  | 'anchor_invalid';

export interface ChainBreak {
  seq: number;
  id: number | null;
  reason: ChainBreakReason;
  message: string;
}

/** A seq and hash recorded outside the database (see audit-anchor.ts). */
export interface AnchorPoint {
  date: string;
  seq: number;
  hash: string;
}

/** What a walk of the chain checks rows against: the key, the sealed first keyed seq, and the anchors by seq. */
export interface ChainCheck {
  key: Buffer | null;
  /** Rows from this seq on must be keyed; rows before it unkeyed. Null: no row may be keyed. */
  keyedFrom: number | null;
  anchors?: Map<number, AnchorPoint>;
}

/** Thrown when a keyed row is met and no key is at hand: the chain cannot be checked, which is not a break. */
export class MissingKeyError extends Error {}

/**
 * Walks rows in seq order and returns the first break, or null. `expected` carries state
 * between batches so a long chain is checked in pieces; `expected.seq` is then the number of rows
 * verified so far (seqs run 1, 2, 3 … without gaps).
 */
export function findBreak(
  rows: ChainedRow[],
  expected: { seq: number; hash: string },
  check: ChainCheck = { key: null, keyedFrom: null },
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
    const mustBeKeyed = check.keyedFrom !== null && row.seq >= check.keyedFrom;
    if (!row.alg) {
      if (mustBeKeyed)
        return {
          seq: row.seq,
          id: row.id,
          reason: 'unkeyed_row',
          message: `第 ${row.seq} 条审计记录应有密钥签名，却是无密钥的旧式哈希（被改写后重新串链）`,
        };
      if (chainHash(row) !== row.hash) return edited(row);
    } else {
      if (!mustBeKeyed)
        return {
          seq: row.seq,
          id: row.id,
          reason: 'seal_mismatch',
          message: `第 ${row.seq} 条审计记录带密钥签名，但链头记载的启用密钥位置与之不符`,
        };
      const alg = rowAlgorithm(row.alg);
      if (alg === null) return edited(row);
      if (!check.key) throw new MissingKeyError('未找到审计密钥，无法核验带密钥签名的审计记录');
      if (keyedChainHash(row, check.key, alg) !== row.hash) return edited(row);
    }
    const anchor = check.anchors?.get(row.seq);
    if (anchor && anchor.hash !== row.hash)
      return {
        seq: row.seq,
        id: row.id,
        reason: 'anchor_mismatch',
        message: `第 ${row.seq} 条审计记录与 ${anchor.date} 记在库外的锚点不符（链被改写后重新串链）`,
      };
    expected.seq = row.seq;
    expected.hash = row.hash;
  }
  return null;
}

const edited = (row: ChainedRow): ChainBreak => ({
  seq: row.seq,
  id: row.id,
  reason: 'hash_mismatch',
  message: `第 ${row.seq} 条审计记录的内容已被改动`,
});
