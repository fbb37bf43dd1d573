import { Proposal } from '../../src/proposals/proposal.entities';
import { Report } from '../../src/reports/report.entities';
import { cast, Cast } from '../support/accounts';
import { draftBody } from '../support/proposals';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestApp, TestApp } from '../support/test-app';
import { freshDatabase } from '../support/test-db';
import { until } from '../support/wait';

/**
 * The production topology's parts going away: MariaDB and Redis are reached through relays this suite
 * cuts and restores (real servers, real network failures). While a part is away, requests that need it
 * get 503 with a Chinese message and Retry-After, /health names the part, nothing is half-written;
 * when it is back, the same app serves again without a restart. Always on MariaDB: SQLite cannot go away.
 */
describe('outages of the database and of Redis', () => {
  let t: TestApp;
  let c: Cast;
  let db: TcpProxy;
  let redis: TcpProxy;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshDatabase('mariadb');
    drop = fresh.drop;
    const url = new URL(fresh.url);
    db = await new TcpProxy(url.hostname, Number(url.port || 3306)).start();
    redis = await new TcpProxy('127.0.0.1', 6379).start();
    url.port = String(db.port);
    t = await startTestApp(
      { REDIS_URL: `redis://127.0.0.1:${redis.port}`, XS_INLINE_WORKER: '1' },
      { databaseUrl: url.toString() },
    );
    c = await cast(t);
  });
  afterAll(async () => {
    db?.restore();
    redis?.restore();
    await t?.close();
    await db?.stop();
    await redis?.stop();
    await drop?.();
  });

  const health = () => t.http().get('/health');
  const count = () => t.ds.getRepository(Proposal).count();

  it('database away: 503 DATABASE_UNAVAILABLE in Chinese, /health names db, no proposal half-written; back: the same app serves again', async () => {
    expect((await health()).status).toBe(200);
    const before = await count();
    db.cut();

    const filed = await t.http().post('/api/v1/proposals').set(c.lead.auth).send(draftBody(c.sessionId));
    expect(filed.status).toBe(503);
    expect(filed.body).toMatchObject({
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: '数据库暂时无法连接，请稍后再试',
    });
    expect(filed.headers['retry-after']).toBe('5');
    const listed = await t.http().get('/api/v1/proposals').set(c.staff.auth);
    expect(listed.status).toBe(503);
    const h = await health();
    expect(h.status).toBe(503);
    expect(h.body.down).toEqual(['db']);
    expect(h.body.db.message).toContain('数据库无法连接');

    db.restore();
    await until(async () => (await health()).status === 200, 'health to recover');
    expect(await count()).toBe(before);
    const again = await t.http().post('/api/v1/proposals').set(c.lead.auth).send(draftBody(c.sessionId));
    expect(again.status).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it('Redis away: a report request is 503 QUEUE_UNAVAILABLE and its record says why; /health names queue; back: reports render again', async () => {
    const draftId = (await t.http().post('/api/v1/proposals').set(c.lead.auth).send(draftBody(c.sessionId)).expect(201))
      .body.id;
    await t.http().post(`/api/v1/proposals/${draftId}/submit`).set(c.lead.auth).send({}).expect(200);
    redis.cut();

    const refused = await t
      .http()
      .post('/api/v1/reports')
      .set(c.staff.auth)
      .send({ kind: 'proposal-sheet', subject: { type: 'proposal', id: draftId } });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'QUEUE_UNAVAILABLE', message: '任务队列暂时不可用，请稍后重试' });
    expect(refused.headers['retry-after']).toBe('10');
    const stored = await t.ds.getRepository(Report).find({ order: { id: 'DESC' }, take: 1 });
    expect(stored[0]).toMatchObject({ status: 'failed', error: '无法加入生成队列，请稍后重新申请' });
    const h = await health();
    expect(h.status).toBe(503);
    expect(h.body.down).toEqual(['queue']);
    // Work that needs only the database goes on.
    expect((await t.http().get(`/api/v1/proposals/${draftId}`).set(c.staff.auth)).status).toBe(200);

    redis.restore();
    await until(async () => (await health()).status === 200, 'health to recover');
    const accepted = await t
      .http()
      .post('/api/v1/reports')
      .set(c.staff.auth)
      .send({ kind: 'proposal-sheet', subject: { type: 'proposal', id: draftId } });
    expect(accepted.status).toBe(202);
    await t.jobs.finished('reports', `report:${accepted.body.id}`);
    expect((await t.http().get(`/api/v1/reports/${accepted.body.id}`).set(c.staff.auth)).body.status).toBe('done');
  });
});
