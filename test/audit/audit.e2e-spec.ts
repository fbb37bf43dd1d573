import { AuditEntry } from '../../src/audit/audit.entities';
import { startTestApp, TestApp } from '../support/test-app';

describe('audit trail', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  const auth = () => ({ Authorization: `Bearer ${admin}` });

  it('records each change with actor, from → to and the request id, in the same transaction', async () => {
    const created = await t
      .http()
      .post('/api/v1/committees')
      .set(auth())
      .set('X-Request-Id', 'req-audit-0001')
      .send({ name: '审计测试委员会' })
      .expect(201);
    await t
      .http()
      .patch(`/api/v1/committees/${created.body.id}`)
      .set(auth())
      .send({ name: '审计测试委员会（改）' })
      .expect(200);
    const res = await t
      .http()
      .get(`/api/v1/audit?entityType=committee&entityId=${created.body.id}`)
      .set(auth())
      .expect(200);
    expect(res.body.items.map((e: AuditEntry) => e.action)).toEqual(['committee.update', 'committee.create']);
    expect(res.body.items[0]).toMatchObject({
      actorName: '系统管理员',
      from: { name: '审计测试委员会' },
      to: { name: '审计测试委员会（改）' },
    });
    expect(res.body.items[1].requestId).toBe('req-audit-0001');
  });

  it('concurrent changes chain one after another without forks or gaps', async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        t
          .http()
          .post('/api/v1/committees')
          .set(auth())
          .send({ name: `并发委员会${i}` })
          .expect(201),
      ),
    );
    const res = await t.http().get('/api/v1/audit/verify').set(auth()).expect(200);
    expect(res.body.ok).toBe(true);
    const seqs = (await t.ds.getRepository(AuditEntry).find({ order: { seq: 'ASC' } })).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('a refused change writes no audit entry', async () => {
    const before = (await t.http().get('/api/v1/audit/verify').set(auth()).expect(200)).body.headSeq;
    await t.http().post('/api/v1/committees').set(auth()).send({ name: '提案委员会' }).expect(409);
    const after = (await t.http().get('/api/v1/audit/verify').set(auth()).expect(200)).body.headSeq;
    expect(after).toBe(before);
  });

  it('only admins may read or verify the trail', async () => {
    for (const role of ['staff', 'member', 'leader', 'unit', 'facilitator'] as const) {
      const token = await t.tokenFor(role);
      await t.http().get('/api/v1/audit').set('Authorization', `Bearer ${token}`).expect(403);
      await t.http().get('/api/v1/audit/verify').set('Authorization', `Bearer ${token}`).expect(403);
    }
  });

  it('detects an edit made directly in the database and names the row', async () => {
    expect((await t.http().get('/api/v1/audit/verify').set(auth()).expect(200)).body.ok).toBe(true);
    const [victim] = await t.ds.getRepository(AuditEntry).find({ order: { seq: 'ASC' }, skip: 3, take: 1 });
    await t.ds.query(`UPDATE audit_entries SET actorName = '冒名' WHERE id = ?`, [victim.id]);
    const res = await t.http().get('/api/v1/audit/verify').set(auth()).expect(200);
    expect(res.body).toMatchObject({
      ok: false,
      firstBroken: { seq: victim.seq, id: victim.id, reason: 'hash_mismatch' },
    });
    await t.ds.query(`UPDATE audit_entries SET actorName = ? WHERE id = ?`, [victim.actorName, victim.id]);
  });

  it('detects a row deleted directly in the database, in the middle or at the end', async () => {
    const rows = await t.ds.getRepository(AuditEntry).find({ order: { seq: 'ASC' } });
    const middle = rows[5];
    await t.ds.query(`DELETE FROM audit_entries WHERE id = ?`, [middle.id]);
    let res = await t.http().get('/api/v1/audit/verify').set(auth()).expect(200);
    expect(res.body).toMatchObject({ ok: false, firstBroken: { seq: middle.seq, reason: 'missing_rows' } });
    await t.ds.getRepository(AuditEntry).insert(middle);
    expect((await t.http().get('/api/v1/audit/verify').set(auth()).expect(200)).body.ok).toBe(true);

    const last = rows[rows.length - 1];
    await t.ds.query(`DELETE FROM audit_entries WHERE id = ?`, [last.id]);
    res = await t.http().get('/api/v1/audit/verify').set(auth()).expect(200);
    expect(res.body).toMatchObject({ ok: false, firstBroken: { seq: last.seq, reason: 'missing_rows' } });
  });
});

describe('audit verify command', () => {
  it('exits 0 on an intact chain and 1 naming the row after a direct edit', async () => {
    const { execFileSync, spawnSync } = await import('node:child_process');
    const path = await import('node:path');
    const os = await import('node:os');
    const fs = await import('node:fs');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-verify-'));
    const t = await startTestApp(
      process.env.TEST_DB === 'mariadb' ? {} : { DATABASE_URL: `sqlite:${path.join(dir, 'verify.sqlite')}` },
    );
    try {
      const url = t.config.database.type === 'mysql' ? t.config.database.url : `sqlite:${t.config.database.file}`;
      const cli = path.resolve(__dirname, '../../dist/cli/audit-verify.js');
      const ok = execFileSync('node', [cli], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
      expect(ok).toMatch(/审计链完整：共核验 \d+ 条记录/);
      const [row] = await t.ds.query('SELECT id, seq FROM audit_entries ORDER BY seq LIMIT 1 OFFSET 2');
      await t.ds.query(`UPDATE audit_entries SET comment = 'x' WHERE id = ?`, [row.id]);
      const broken = spawnSync('node', [cli], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
      expect(broken.status).toBe(1);
      expect(broken.stdout).toContain(`序号 ${row.seq}，记录编号 ${row.id}`);
    } finally {
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
