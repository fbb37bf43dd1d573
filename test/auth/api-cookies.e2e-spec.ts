import { User } from '../../src/auth/user.entity';
import { ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { Agent, signInWeb } from '../support/web-client';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * The JSON API takes only bearer tokens (security review H2). Whether a request is an API call is decided from
 * the matched handler, not from the spelling of the path, and paths match case-sensitively: a signed-in page
 * session's cookie opens no API handler, under `/api/v1` or under `/API/v1`, so a forged cross-site form
 * cannot call the API with it.
 */
describe('the JSON API refuses the page session cookie', () => {
  let t: TestApp;
  let admin: Agent;
  let routes: Array<{ method: Method; route: string }>;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await signInWeb(t, 'admin', ADMIN_PASSWORD);
    // Every JSON endpoint, as the role matrix enumerates them; `{…}` stands for record 1.
    const doc = await t.http().get('/api/docs-json').expect(200);
    routes = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)
      .filter(([route]) => route.startsWith('/api/v1/'))
      .flatMap(([route, ops]) =>
        (Object.keys(ops) as Method[])
          .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map((method) => ({ method, route: route.replace(/\{\w+\}/g, '1') })),
      );
  });
  afterAll(() => t.close());

  /** As a forged form would send it: a foreign Origin, a form-encoded body; with the admin's cookie unless anonymous. */
  const forged = (method: Method, path: string, anonymous = false) => {
    const req = (anonymous ? t.http() : admin)[method](path).set('Origin', 'http://evil.example');
    return method === 'get' ? req : req.type('form').send('username=csrfadmin&roles=admin');
  };

  it('the review’s reproduction: POST /API/v1/users with the admin cookie, a foreign Origin and a form creates nobody', async () => {
    const res = await admin
      .post('/API/v1/users')
      .set('Origin', 'http://evil.example')
      .type('form')
      .send('username=csrfadmin&password=Pwned2026xyz&displayName=CSRF&roles=admin&roles=staff');
    expect(res.status).not.toBe(201);
    expect([401, 404]).toContain(res.status);
    expect(await t.ds.getRepository(User).existsBy({ username: 'csrfadmin' })).toBe(false);
    // The same session still opens its pages, and a bearer token still opens the API (under its real path only).
    await admin.get('/').expect(200);
    const token = await t.tokenFor('admin');
    await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`).expect(200);
    await t.http().get('/API/v1/users/me').set('Authorization', `Bearer ${token}`).expect(404);
    await admin.get('/API/v1/users/me').expect(404);
  });

  it('finds the endpoints to try', () => {
    expect(routes.length).toBeGreaterThan(100);
  });

  it.each([['/API/v1/'], ['/aPi/v1/'], ['/Api/V1/']])(
    'no endpoint answers under %s, with the admin cookie: 401 or 404, never 2xx',
    async (prefix) => {
      const answered: string[] = [];
      for (const { method, route } of routes) {
        const res = await forged(method, prefix + route.slice('/api/v1/'.length));
        if (res.status !== 401 && res.status !== 404) answered.push(`${method.toUpperCase()} ${route}: ${res.status}`);
      }
      expect(answered).toEqual([]);
    },
  );

  it('under /api/v1, the admin cookie counts for nothing: each endpoint answers as to an anonymous caller', async () => {
    const differs: string[] = [];
    for (const { method, route } of routes) {
      const anonymous = (await forged(method, route, true)).status;
      const res = await forged(method, route);
      if (res.status !== anonymous)
        differs.push(`${method.toUpperCase()} ${route}: ${res.status}, anonymous ${anonymous}`);
    }
    expect(differs).toEqual([]);
    // Most endpoints are for signed-in callers only: the cookie got 401 there.
    const refused = await Promise.all(routes.map(async ({ method, route }) => (await forged(method, route)).status));
    expect(refused.filter((s) => s === 401).length).toBeGreaterThan(100);
  });
});
