import { Logger } from '@nestjs/common';
import request from 'supertest';
import { SecurityEvent } from '../../src/audit/security-event.entity';
import { ADMIN_PASSWORD, startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { csrfIn, mainOf, navOf, signInWeb } from '../support/web-client';

/**
 * Security events (issue 15 item 8, 等保 安全审计): sign-in, its failures, lock-out, sign-out and refused
 * requests are recorded with the account, the name tried, the address and the user agent; the request log
 * line says who and from where; only administrators read them.
 */
describe('security events', () => {
  let t: TestApp;
  let admin: string;
  let n = 0;
  /** A fresh address per test, so the per-address throttle and the filters see only this test's requests. */
  const nextIp = () => `192.0.2.${(process.pid % 50) + ++n}`;
  const uniq = (prefix: string) => `${prefix}${process.pid % 1000}x${++n}`;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  const events = async (query: string) => {
    const res = await t.http().get(`/api/v1/security-events?${query}`).set('Authorization', `Bearer ${admin}`);
    expect(res.status).toBe(200);
    return res.body as { items: Record<string, unknown>[]; total: number; page: number; pageSize: number };
  };

  it('a failed API sign-in records the name tried, the address and the user agent, once', async () => {
    const ip = nextIp();
    const name = uniq('nobody');
    await t
      .http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', ip)
      .set('User-Agent', 'XsTest/1.0 (security events)')
      .send({ username: name, password: 'wrong-password-1' })
      .expect(401);
    const page = await events(`ip=${ip}`);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      type: 'auth.login_failed',
      typeLabel: '登录失败',
      userId: null,
      username: name,
      ip,
      userAgent: 'XsTest/1.0 (security events)',
      detail: { kind: 'api', code: 'INVALID_CREDENTIALS' },
    });
    expect(typeof page.items[0].requestId).toBe('string');
  });

  it('a successful API sign-in records the account', async () => {
    // A member: the password alone signs in (staff would need the second factor too, second-factor.e2e-spec).
    const { userId } = await t.signInAs('member');
    const username = (await t.ds.query('SELECT username FROM users WHERE id = ?', [userId]))[0].username as string;
    const ip = nextIp();
    await t
      .http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', ip)
      .send({ username, password: TEST_PASSWORD })
      .expect(200);
    const page = await events(`ip=${ip}`);
    expect(page.items).toEqual([
      expect.objectContaining({
        type: 'auth.login',
        typeLabel: '登录成功',
        userId,
        username,
        ip,
        detail: { kind: 'api' },
      }),
    ]);
  });

  it("the login throttle's 429 records auth.locked with the name tried", async () => {
    const { userId } = await t.signInAs('member');
    const username = (await t.ds.query('SELECT username FROM users WHERE id = ?', [userId]))[0].username as string;
    const ip = nextIp();
    let status = 0;
    for (let i = 0; i < 30 && status !== 429; i++) {
      status = (
        await t
          .http()
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', ip)
          .send({ username, password: `wrong-password-${i}` })
      ).status;
    }
    expect(status).toBe(429);
    const locked = await events(`type=auth.locked&username=${username}`);
    expect(locked.items).toEqual([
      expect.objectContaining({ type: 'auth.locked', typeLabel: '账号锁定', userId: null, username, ip }),
    ]);
    const failed = await events(`type=auth.login_failed&username=${username}`);
    expect(failed.total).toBeGreaterThan(0);
    // The refusals are sign-in events, not also access.denied.
    expect((await events(`type=access.denied&ip=${ip}`)).total).toBe(0);
  });

  it('a page sign-in records success and failure, and the sign-out', async () => {
    const { userId } = await t.signInAs('leader');
    const username = (await t.ds.query('SELECT username FROM users WHERE id = ?', [userId]))[0].username as string;
    const ip = nextIp();
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/login').set('X-Forwarded-For', ip).expect(200);
    await agent
      .post('/login')
      .set('X-Forwarded-For', ip)
      .type('form')
      .send({ _csrf: csrfIn(form.text), username, password: 'not-the-password' })
      .expect(401);
    await agent
      .post('/login')
      .set('X-Forwarded-For', ip)
      .type('form')
      .send({ _csrf: csrfIn(form.text), username, password: TEST_PASSWORD })
      .expect(303);
    const home = await agent.get('/').set('X-Forwarded-For', ip).expect(200);
    await agent
      .post('/logout')
      .set('X-Forwarded-For', ip)
      .type('form')
      .send({ _csrf: csrfIn(home.text) })
      .expect(303);
    const page = await events(`ip=${ip}`);
    expect(page.items.map((e) => [e.type, e.userId, e.username, (e.detail as { kind?: string }).kind])).toEqual([
      ['auth.logout', userId, username, 'web'],
      ['auth.login', userId, username, 'web'],
      ['auth.login_failed', null, username, 'web'],
    ]);
  });

  it('an API sign-out is recorded with the account', async () => {
    const { token, userId } = await t.signInAs('unit');
    const ip = nextIp();
    await t
      .http()
      .post('/api/v1/auth/logout')
      .set('X-Forwarded-For', ip)
      .set('Authorization', `Bearer ${token}`)
      .expect(204);
    expect((await events(`ip=${ip}`)).items).toEqual([
      expect.objectContaining({ type: 'auth.logout', typeLabel: '退出登录', userId, detail: { kind: 'api' } }),
    ]);
  });

  it('a 403 (a member calling an administrator endpoint) records access.denied with the account, method and path', async () => {
    const { token, userId } = await t.signInAs('member');
    const ip = nextIp();
    await t.http().get('/api/v1/users').set('X-Forwarded-For', ip).set('Authorization', `Bearer ${token}`).expect(403);
    expect((await events(`ip=${ip}`)).items).toEqual([
      expect.objectContaining({
        type: 'access.denied',
        typeLabel: '拒绝访问',
        userId,
        detail: { method: 'GET', path: '/api/v1/users', status: 403, code: 'FORBIDDEN' },
      }),
    ]);
  });

  it('a 401 (an unknown token) records access.denied without an account', async () => {
    const ip = nextIp();
    await t.http().get('/api/v1/users/me').set('X-Forwarded-For', ip).set('Authorization', 'Bearer forged').expect(401);
    expect((await events(`ip=${ip}`)).items).toEqual([
      expect.objectContaining({
        type: 'access.denied',
        userId: null,
        username: null,
        detail: { method: 'GET', path: '/api/v1/users/me', status: 401, code: 'INVALID_TOKEN' },
      }),
    ]);
  });

  it("a signed-out visitor's page visit is not recorded, a page visit with a forged session cookie is", async () => {
    const quiet = nextIp();
    await t.http().get('/proposals').set('X-Forwarded-For', quiet).expect(303);
    expect((await events(`ip=${quiet}`)).items).toEqual([]);
    const forged = nextIp();
    await t.http().get('/proposals').set('X-Forwarded-For', forged).set('Cookie', 'xs_session=forged').expect(303);
    expect((await events(`ip=${forged}`)).items).toEqual([
      expect.objectContaining({ type: 'access.denied', detail: expect.objectContaining({ code: 'INVALID_TOKEN' }) }),
    ]);
  });

  it('a page POST without its CSRF token records csrf.refused with the account', async () => {
    const { userId } = await t.signInAs('staff');
    const username = (await t.ds.query('SELECT username FROM users WHERE id = ?', [userId]))[0].username as string;
    const agent = await signInWeb(t, username, TEST_PASSWORD);
    const ip = nextIp();
    await agent.post('/logout').set('X-Forwarded-For', ip).type('form').send({}).expect(403);
    // Signed out: the sign-in form posted without the cookie's token.
    await t.http().post('/login').set('X-Forwarded-For', ip).type('form').send({ username, password: 'x' }).expect(403);
    const page = await events(`ip=${ip}`);
    expect(page.items).toEqual([
      expect.objectContaining({
        type: 'csrf.refused',
        userId: null,
        detail: expect.objectContaining({ path: '/login' }),
      }),
      expect.objectContaining({
        type: 'csrf.refused',
        typeLabel: '跨站请求被拒',
        userId,
        username,
        detail: { method: 'POST', path: '/logout', status: 403, code: 'CSRF_FAILED' },
      }),
    ]);
  });

  it('the administrator filters by type, user name, address and day; a bad filter is 400', async () => {
    const name = uniq('filtered');
    const ip = nextIp();
    for (let i = 0; i < 3; i++)
      await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ username: name, password: 'x' });
    const byName = await events(`username=${name}&pageSize=2`);
    expect(byName).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(byName.items.every((e) => e.username === name && e.type === 'auth.login_failed')).toBe(true);
    expect((await events(`username=${name}&type=auth.login`)).total).toBe(0);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: t.config.displayTimeZone }).format(t.clock.now());
    expect((await events(`username=${name}&from=${today}&to=${today}`)).total).toBe(3);
    expect((await events(`username=${name}&to=2020-01-01`)).total).toBe(0);
    const bad = await t.http().get('/api/v1/security-events?type=auth.guess').set('Authorization', `Bearer ${admin}`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBeTruthy();
    const date = await t.http().get('/api/v1/security-events?from=2026-13-01').set('Authorization', `Bearer ${admin}`);
    expect(date.status).toBe(400);
  });

  it('members, staff, units, leaders and facilitators get 403 on the API and the page', async () => {
    for (const role of ['member', 'staff', 'unit', 'leader', 'facilitator'] as const) {
      const { token, userId } = await t.signInAs(role);
      await t.http().get('/api/v1/security-events').set('Authorization', `Bearer ${token}`).expect(403);
      const username = (await t.ds.query('SELECT username FROM users WHERE id = ?', [userId]))[0].username as string;
      const agent = await signInWeb(t, username, TEST_PASSWORD);
      const page = await agent.get('/admin/security-events').expect(403);
      expect(navOf(page.text)).not.toContain('安全事件');
    }
    await t.http().get('/api/v1/security-events').expect(401);
  });

  it("the administrator's page lists the events with Chinese labels, filters them, and is in the menu", async () => {
    const name = uniq('pagecheck');
    await t
      .http()
      .post('/api/v1/auth/login')
      .set('User-Agent', 'PageCheck/2.0')
      .send({ username: name, password: 'x' });
    const agent = await signInWeb(t, 'admin', ADMIN_PASSWORD);
    const page = await agent.get(`/admin/security-events?username=${name}`).expect(200);
    expect(navOf(page.text)).toContain('href="/admin/security-events" aria-current="page"');
    const main = mainOf(page.text);
    expect(main).toContain('登录失败');
    expect(main).toContain(name);
    expect(main).toContain('PageCheck/2.0');
    expect(main).toContain('<option value="access.denied">拒绝访问</option>');
    const none = await agent.get(`/admin/security-events?username=${name}&type=auth.logout`).expect(200);
    expect(mainOf(none.text)).toContain('没有符合条件的安全事件');
    await agent.get('/admin/security-events?type=nonsense').expect(400);
  });

  it('the request log line carries the account id and the client address', async () => {
    const { token, userId } = await t.signInAs('staff');
    const ip = nextIp();
    const log = jest.spyOn(Logger.prototype, 'log');
    try {
      await t
        .http()
        .get('/api/v1/users/me')
        .set('X-Forwarded-For', ip)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      await t.http().get('/api/v1/users/me').set('X-Forwarded-For', ip).expect(401);
      const lines = log.mock.calls
        .map(([line]) => line as Record<string, unknown>)
        .filter((line) => line?.msg === 'request' && line.path === '/api/v1/users/me');
      expect(lines).toEqual([
        expect.objectContaining({ method: 'GET', status: 200, userId, ip }),
        expect.objectContaining({ method: 'GET', status: 401, userId: null, ip }),
      ]);
    } finally {
      log.mockRestore();
    }
  });

  it('concurrent refusals each leave their own row', async () => {
    const before = await t.ds.getRepository(SecurityEvent).count();
    const ip = nextIp();
    await Promise.all(
      Array.from({ length: 5 }, () =>
        t.http().get('/api/v1/audit').set('X-Forwarded-For', ip).set('Authorization', 'Bearer nope').expect(401),
      ),
    );
    expect(await t.ds.getRepository(SecurityEvent).count()).toBe(before + 5);
  });
});
