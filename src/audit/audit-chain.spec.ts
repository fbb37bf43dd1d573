import { makeAnchor, parseAnchors } from './audit-anchor';
import {
  chainHash,
  ChainedFields,
  ChainedRow,
  findBreak,
  GENESIS_HASH,
  HmacAlgorithm,
  keyedChainHash,
  keyedFromSeal,
  sealMatches,
} from './audit-chain';

const KEY = Buffer.from('0123456789abcdef0123456789abcdef', 'utf8');
const WRONG_KEY = Buffer.from('fedcba9876543210fedcba9876543210', 'utf8');

function fields(i: number, prevHash: string): ChainedFields {
  return {
    seq: i,
    at: new Date(Date.UTC(2026, 10, 26, 8, 0, i)),
    actorId: 1,
    actorName: '张三',
    action: 'member.update',
    entityType: 'member',
    entityId: String(i),
    fromState: '{"name":"甲"}',
    toState: '{"name":"乙"}',
    comment: null,
    requestId: `req-${i}`,
    prevHash,
  };
}

/** `n` rows: those before `keyedFrom` with the old unkeyed hash, the others keyed with `alg`. */
function chain(n: number, keyedFrom = n + 1, alg: HmacAlgorithm = 'sha256', key = KEY): ChainedRow[] {
  const rows: ChainedRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const f = fields(i, prev);
    const keyed = i >= keyedFrom;
    const hash = keyed ? keyedChainHash(f, key, alg) : chainHash(f);
    rows.push({ ...f, id: 100 + i, hash, alg: keyed ? `hmac-${alg}` : null });
    prev = hash;
  }
  return rows;
}

/** What an attacker with database access but not the key does: edit row `index`, recompute it and every later hash. */
function rechain(rows: ChainedRow[], index: number, hashOf: (f: ChainedFields) => string): void {
  rows[index].actorName = '冒名';
  for (let i = index; i < rows.length; i++) {
    if (i > 0) rows[i].prevHash = rows[i - 1].hash;
    rows[i].hash = hashOf(rows[i]);
  }
}

const start = () => ({ seq: 0, hash: GENESIS_HASH });

describe('audit hash chain', () => {
  it('accepts an intact unkeyed chain (rows written before the key)', () => {
    expect(findBreak(chain(5), start())).toBeNull();
  });

  it('names the first row whose content was edited', () => {
    const rows = chain(5);
    rows[2].toState = '{"name":"丙"}';
    expect(findBreak(rows, start())).toMatchObject({ seq: 3, id: 103, reason: 'hash_mismatch' });
  });

  it('detects a deleted row in the middle', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(findBreak(rows, start())).toMatchObject({ seq: 2, reason: 'missing_rows' });
  });

  it('detects a row rewritten with a recomputed own hash but the old link', () => {
    const rows = chain(4);
    rows[1].actorName = '李四';
    rows[1].hash = chainHash(rows[1]);
    expect(findBreak(rows, start())).toMatchObject({ seq: 3, reason: 'prev_hash_mismatch' });
  });

  it('counts the rows verified before a break in `expected.seq`', () => {
    const rows = chain(6, 1);
    rows[3].comment = 'x';
    const expected = start();
    expect(findBreak(rows, expected, { key: KEY, keyedFrom: 1 })).toMatchObject({ seq: 4 });
    expect(expected.seq).toBe(3);
  });
});

describe('keyed audit chain', () => {
  it('accepts a keyed chain after an unkeyed prefix, in HMAC-SHA256 and HMAC-SM3', () => {
    expect(findBreak(chain(6, 4), start(), { key: KEY, keyedFrom: 4 })).toBeNull();
    expect(findBreak(chain(6, 1, 'sm3'), start(), { key: KEY, keyedFrom: 1 })).toBeNull();
  });

  it('HMAC-SM3 and HMAC-SHA256 differ, and the hash depends on the key', () => {
    const f = fields(1, GENESIS_HASH);
    expect(keyedChainHash(f, KEY, 'sm3')).not.toBe(keyedChainHash(f, KEY, 'sha256'));
    expect(keyedChainHash(f, KEY, 'sha256')).not.toBe(keyedChainHash(f, WRONG_KEY, 'sha256'));
    expect(keyedChainHash(f, KEY, 'sha256')).not.toBe(chainHash(f));
  });

  it('detects a keyed row rewritten and re-chained with the unkeyed function', () => {
    const rows = chain(6, 1);
    rechain(rows, 2, chainHash);
    expect(findBreak(rows, start(), { key: KEY, keyedFrom: 1 })).toMatchObject({ seq: 3, reason: 'hash_mismatch' });
  });

  it('detects a keyed row rewritten and re-chained with a wrong key', () => {
    const rows = chain(6, 1);
    rechain(rows, 2, (f) => keyedChainHash(f, WRONG_KEY, 'sha256'));
    expect(findBreak(rows, start(), { key: KEY, keyedFrom: 1 })).toMatchObject({ seq: 3, reason: 'hash_mismatch' });
  });

  it('detects keyed rows passed off as old unkeyed ones', () => {
    const rows = chain(6, 3);
    rechain(rows, 3, chainHash);
    for (const r of rows.slice(3)) r.alg = null;
    expect(findBreak(rows, start(), { key: KEY, keyedFrom: 3 })).toMatchObject({ seq: 4, reason: 'unkeyed_row' });
  });

  it('protects the unkeyed prefix once a keyed row follows it', () => {
    const rows = chain(6, 4);
    rows[1].actorName = '冒名';
    for (let i = 1; i < 3; i++) {
      if (i > 1) rows[i].prevHash = rows[i - 1].hash;
      rows[i].hash = chainHash(rows[i]);
    }
    expect(findBreak(rows, start(), { key: KEY, keyedFrom: 4 })).toMatchObject({
      seq: 4,
      reason: 'prev_hash_mismatch',
    });
  });

  it('a keyed row before the sealed first keyed seq breaks the chain', () => {
    expect(findBreak(chain(4, 2), start(), { key: KEY, keyedFrom: 3 })).toMatchObject({
      seq: 2,
      reason: 'seal_mismatch',
    });
  });

  it('the seal of the first keyed seq cannot be moved without the key', () => {
    const seal = keyedFromSeal(KEY, 'sha256', 5);
    expect(sealMatches(KEY, 5, seal)).toBe(true);
    expect(sealMatches(KEY, 1, seal)).toBe(false);
    expect(sealMatches(KEY, 1, keyedFromSeal(WRONG_KEY, 'sha256', 1))).toBe(false);
    expect(sealMatches(KEY, 5, keyedFromSeal(KEY, 'sm3', 5))).toBe(true);
    expect(sealMatches(KEY, 5, null)).toBe(false);
  });

  it('detects a row whose hash differs from its anchor', () => {
    const rows = chain(5, 1);
    const anchors = new Map([[3, { date: '2026-11-26', seq: 3, hash: 'f'.repeat(64) }]]);
    expect(findBreak(rows, start(), { key: KEY, keyedFrom: 1, anchors })).toMatchObject({
      seq: 3,
      reason: 'anchor_mismatch',
    });
  });
});

describe('audit anchors', () => {
  const db = 'sqlite:/srv/xs.sqlite';
  it('reads the signed anchors of one database and flags forged lines', () => {
    const good = makeAnchor(KEY, 'sha256', { date: '2026-11-26', db, seq: 7, hash: 'a'.repeat(64) });
    const sm3 = makeAnchor(KEY, 'sm3', { date: '2026-11-27', db, seq: 9, hash: 'b'.repeat(64) });
    const other = makeAnchor(WRONG_KEY, 'sha256', { date: '2026-11-26', db: 'sqlite:/other', seq: 1, hash: 'c' });
    const forged = { ...good, seq: 3 };
    const text = [good, other, sm3, forged].map((a) => JSON.stringify(a)).join('\n') + '\n';
    const parsed = parseAnchors(text, db, KEY);
    expect(parsed.anchors.map((a) => a.seq)).toEqual([7, 9]);
    expect(parsed.invalidLines).toEqual([4]);
    expect(parseAnchors(text, db, WRONG_KEY).invalidLines).toEqual([1, 3, 4]);
  });
});
