import { chainHash, ChainedFields, findBreak, GENESIS_HASH } from './audit-chain';

function chain(n: number) {
  const rows: Array<ChainedFields & { id: number; hash: string }> = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const f: ChainedFields = {
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
      prevHash: prev,
    };
    const hash = chainHash(f);
    rows.push({ ...f, id: 100 + i, hash });
    prev = hash;
  }
  return rows;
}

describe('audit hash chain', () => {
  it('accepts an intact chain', () => {
    expect(findBreak(chain(5), { seq: 0, hash: GENESIS_HASH })).toBeNull();
  });

  it('names the first row whose content was edited', () => {
    const rows = chain(5);
    rows[2].toState = '{"name":"丙"}';
    expect(findBreak(rows, { seq: 0, hash: GENESIS_HASH })).toMatchObject({ seq: 3, id: 103, reason: 'hash_mismatch' });
  });

  it('detects a deleted row in the middle', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(findBreak(rows, { seq: 0, hash: GENESIS_HASH })).toMatchObject({ seq: 2, reason: 'missing_rows' });
  });

  it('detects a row rewritten with a recomputed own hash but the old link', () => {
    const rows = chain(4);
    rows[1].actorName = '李四';
    rows[1].hash = chainHash(rows[1]);
    expect(findBreak(rows, { seq: 0, hash: GENESIS_HASH })).toMatchObject({ seq: 3, reason: 'prev_hash_mismatch' });
  });
});
