import { startTestApp, TestApp } from '../support/test-app';

describe('GET /health', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('answers 200 with the database engine, without a token', async () => {
    t = await startTestApp();
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      db: { status: 'ok', engine: process.env.TEST_DB === 'mariadb' ? 'mysql' : 'sqlite' },
      queue: { status: 'ok', mode: 'in-process', processing: true, waiting: 0, failed: 0 },
      pdf: { status: 'ok' },
    });
  });

  it("checks the real Redis when REDIS_URL is set, with the Bull queues' counts", async () => {
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:6379' });
    const res = await t.http().get('/health').expect(200);
    expect(res.body.queue).toEqual({ status: 'ok', mode: 'bull', processing: false, waiting: 0, failed: 0 });
  });

  it('answers 503 naming the part that is down', async () => {
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    const res = await t.http().get('/health').expect(503);
    expect(res.body.down).toEqual(['queue']);
    expect(res.body.queue.message).toMatch(/^Redis 无法连接/);
  });

  it('answers 503 with pdf down when a configured font file is missing', async () => {
    t = await startTestApp({ XS_FONT_KAI: '/nonexistent/kai.ttf' });
    const res = await t.http().get('/health').expect(503);
    expect(res.body.down).toEqual(['pdf']);
    expect(res.body.pdf).toMatchObject({ status: 'down', missing: ['/nonexistent/kai.ttf'] });
    expect(res.body.pdf.message).toContain('楷体字体文件不存在');
  });

  it('every response carries a request id, kept from the client when it is sane', async () => {
    t = await startTestApp();
    const mine = await t.http().get('/health').set('X-Request-Id', 'client-req-12345').expect(200);
    expect(mine.headers['x-request-id']).toBe('client-req-12345');
    const odd = await t.http().get('/health').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
