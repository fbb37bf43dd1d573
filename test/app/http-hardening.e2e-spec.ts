import { startTestApp, TestApp } from '../support/test-app';

/*
 * Security review L5 and L9 (issue 15, item 14): a body nested thousands of levels deep is a 400 in the API's
 * error shape, not a 500 from the validation pipe's recursion; every API answer, errors and 401s included,
 * is `Cache-Control: no-store`, while file downloads keep their own header.
 */
describe('HTTP hardening: JSON depth and Cache-Control on the API', () => {
  let t: TestApp;
  let staff: string;
  const deep = (n: number) => `{"username":"admin","password":"x","x":${'['.repeat(n)}${']'.repeat(n)}}`;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.tokenFor('staff');
  });
  afterAll(() => t.close());

  it('a 5,000-deep array to the sign-in is a 400 JSON_TOO_DEEP in Chinese, not a 500', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send(deep(5000))
      .expect(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'JSON_TOO_DEEP', message: '请求内容嵌套层数过多（最多 64 层）' });
  });

  it('the same to an endpoint that needs a sign-in, with a token: 400; depth 64 passes the check', async () => {
    const body = `{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const res = await t
      .http()
      .post('/api/v1/sectors')
      .set('Authorization', `Bearer ${staff}`)
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(400);
    expect(res.body.code).toBe('JSON_TOO_DEEP');
    // 64 levels are read (and refused by validation as the wrong type, not for their depth).
    const ok = await t
      .http()
      .post('/api/v1/sectors')
      .set('Authorization', `Bearer ${staff}`)
      .set('Content-Type', 'application/json')
      .send(`{"name":${'['.repeat(63)}${']'.repeat(63)}}`)
      .expect(400);
    expect(ok.body.code).toBe('VALIDATION_FAILED');
  });

  it('a normal body still works: sign-in and a create', async () => {
    // Through the support's login: the administrator's sign-in takes the second factor too.
    expect(await t.login('admin', 'Xieshang2026')).toMatch(/^[\w-]{43}$/);
    await t
      .http()
      .post('/api/v1/sectors')
      .set('Authorization', `Bearer ${staff}`)
      .send({ name: `测试界别${process.pid}` })
      .expect(201);
  });

  it('API answers carry Cache-Control: no-store — a list, a create, a 400, a 404, a 401, a mixed-case prefix', async () => {
    const auth = { Authorization: `Bearer ${staff}` };
    const answers = [
      await t.http().get('/api/v1/sectors').set(auth).expect(200),
      await t
        .http()
        .post('/api/v1/sectors')
        .set(auth)
        .send({ name: `缓存界别${process.pid}` })
        .expect(201),
      await t.http().post('/api/v1/sectors').set(auth).send({ name: 1 }).expect(400),
      await t.http().get('/api/v1/proposals/999999').set(auth).expect(404),
      await t.http().get('/api/v1/users/me').expect(401),
      await t.http().post('/api/v1/auth/login').send({ username: 'admin', password: 'wrong-password1' }).expect(401),
      await t.http().get('/API/v1/users/me'),
    ];
    for (const res of answers) expect([res.status, res.headers['cache-control']]).toEqual([res.status, 'no-store']);
  });

  it('pages keep their own header; the health probe is not touched', async () => {
    const login = await t.http().get('/login').expect(200);
    expect(login.headers['cache-control']).toBe('no-store');
    const health = await t.http().get('/health');
    expect(health.headers['cache-control']).toBeUndefined();
  });
});

/* Security review L9: the API map is served with the demo data or XS_API_DOCS=1 only (the suites turn it on). */
describe('the OpenAPI document outside the demo', () => {
  it('is not served when XS_API_DOCS=0 (the default without XS_DEMO)', async () => {
    const t = await startTestApp({ XS_API_DOCS: '0' });
    try {
      for (const path of ['/api/docs', '/api/docs-json', '/api/docs/'])
        expect((await t.http().get(path)).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('is served when turned on', async () => {
    const t = await startTestApp({ XS_API_DOCS: '1' });
    try {
      const doc = await t.http().get('/api/docs-json').expect(200);
      expect(doc.body.paths).toHaveProperty(['/api/v1/reports']);
    } finally {
      await t.close();
    }
  });
});
