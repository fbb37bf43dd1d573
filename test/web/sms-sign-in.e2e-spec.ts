import request from 'supertest';
import { startSmsGateway, SmsPeer, smsEnv } from '../support/notice-peers';
import { ADMIN_PASSWORD, startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { csrfIn, mainOf } from '../support/web-client';

/** 短信验证码登录 and 重置密码 through the pages, against the signature-checking SMS gateway. */
describe('SMS sign-in pages', () => {
  let t: TestApp;
  let sms: SmsPeer;
  let n = 0;

  beforeAll(async () => {
    sms = await startSmsGateway();
    t = await startTestApp({
      ...smsEnv(sms),
    });
  });
  afterAll(async () => {
    await t.close();
    await sms.close();
  });

  const member = async () => {
    const account = await t.signInAs('member');
    const mobile = `136${String(process.pid % 10000).padStart(4, '0')}${String(++n).padStart(4, '0')}`;
    const admin = await t.login('admin', ADMIN_PASSWORD);
    await t
      .http()
      .patch(`/api/v1/users/${account.userId}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ mobile })
      .expect(200);
    return { ...account, mobile };
  };
  const lastCode = (mobile: string) =>
    /验证码：(\d{6})/.exec(sms.texts.filter((s) => s.mobile === mobile).at(-1)?.content ?? '')?.[1] ?? '';
  const post = async (agent: ReturnType<typeof request.agent>, path: string, fields: Record<string, string>) => {
    const form = await agent.get(path).expect(200);
    return agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfIn(form.text), ...fields });
  };

  it('offers the way on the sign-in page; a code asked for on the page signs the member in', async () => {
    const m = await member();
    const agent = request.agent(t.app.getHttpServer());
    const login = mainOf((await agent.get('/login').expect(200)).text);
    expect(login).toContain('href="/login/sms"');
    expect(login).toContain('href="/login/reset"');
    const sent = await post(agent, '/login/sms', { mobile: m.mobile, action: 'send' });
    expect(sent.status).toBe(200);
    expect(mainOf(sent.text)).toContain(`验证码已发送至 ${m.mobile.slice(0, 3)}****${m.mobile.slice(7)}`);
    expect(mainOf(sent.text)).toContain(`value="${m.mobile}"`);
    const wrong = await post(agent, '/login/sms', { mobile: m.mobile, code: '000000', action: 'login' });
    expect(wrong.status).toBe(401);
    expect(mainOf(wrong.text)).toContain('验证码错误或已失效');
    const right = await post(agent, '/login/sms', {
      mobile: m.mobile,
      code: lastCode(m.mobile),
      action: 'login',
      next: '/inbox',
    });
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/inbox');
    await agent.get('/inbox').expect(200);
  });

  it('the code forms refuse a post without, or with a wrong, CSRF token (403, no text sent); a typed script comes back as text', async () => {
    const m = await member();
    const agent = request.agent(t.app.getHttpServer());
    const before = sms.texts.length;
    for (const path of ['/login/sms', '/login/reset']) {
      await agent.get(path).expect(200);
      await agent.post(path).type('form').send({ mobile: m.mobile, action: 'send' }).expect(403);
      await agent.post(path).type('form').send({ mobile: m.mobile, action: 'send', _csrf: 'forged-token' }).expect(403);
    }
    expect(sms.texts.length).toBe(before);
    const script = '<script>alert(1)</script>';
    const echoed = await post(agent, '/login/sms', { mobile: script, action: 'send' });
    expect(echoed.status).toBe(400);
    expect(mainOf(echoed.text)).not.toContain(script);
    expect(mainOf(echoed.text)).toContain('&lt;script&gt;');
  });

  it('a second code within the minute is refused on the page with the wait', async () => {
    const m = await member();
    const agent = request.agent(t.app.getHttpServer());
    expect((await post(agent, '/login/sms', { mobile: m.mobile, action: 'send' })).status).toBe(200);
    const again = await post(agent, '/login/sms', { mobile: m.mobile, action: 'send' });
    expect(again.status).toBe(429);
    expect(again.headers['retry-after']).toBeDefined();
    expect(mainOf(again.text)).toMatch(/秒后再重新获取/);
  });

  it('两步验证 by SMS on the page: a staff member with a number asks for the code and signs in with it', async () => {
    const { userId } = await t.signIn('pagesmsfactor', ['staff']);
    const mobile = `136${String(process.pid % 10000).padStart(4, '0')}${String(++n).padStart(4, '0')}`;
    const admin = await t.login('admin', ADMIN_PASSWORD);
    await t
      .http()
      .patch(`/api/v1/users/${userId}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ mobile })
      .expect(200);
    const agent = request.agent(t.app.getHttpServer());
    const signed = await post(agent, '/login', { username: 'pagesmsfactor', password: TEST_PASSWORD }).then((r) =>
      r.status === 303 ? r : Promise.reject(new Error(`login: ${r.status}`)),
    );
    expect(signed.headers.location).toBe('/login/second-factor');
    const masked = `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
    const step = await agent.get('/login/second-factor').expect(200);
    expect(mainOf(step.text)).toContain(`改用短信验证码（发送至 ${masked}）`);
    const sent = await agent
      .post('/login/second-factor/sms')
      .type('form')
      .send({ _csrf: csrfIn(step.text), next: '/' })
      .expect(200);
    expect(mainOf(sent.text)).toContain(`验证码已发送至 ${masked}`);
    const tooSoon = await agent
      .post('/login/second-factor/sms')
      .type('form')
      .send({ _csrf: csrfIn(step.text), next: '/' })
      .expect(429);
    expect(mainOf(tooSoon.text)).toContain('秒后再重新获取');
    await agent
      .post('/login/second-factor')
      .type('form')
      .send({ _csrf: csrfIn(step.text), code: lastCode(mobile), next: '/' })
      .expect(303);
    await agent.get('/directory').expect(200);
  });

  it('resets a forgotten password on the page and sends the person back to sign in with it', async () => {
    const m = await member();
    const agent = request.agent(t.app.getHttpServer());
    expect((await post(agent, '/login/reset', { mobile: m.mobile, action: 'send' })).status).toBe(200);
    const done = await post(agent, '/login/reset', {
      mobile: m.mobile,
      code: lastCode(m.mobile),
      newPassword: 'Renewed-2026y',
      action: 'reset',
    });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/login?reset=1');
    expect(mainOf((await agent.get('/login?reset=1').expect(200)).text)).toContain('密码已重置，请用新密码登录');
  });
});

describe('SMS sign-in pages without an SMS provider', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('the sign-in page does not offer it, and its page says it is not open', async () => {
    expect(mainOf((await t.http().get('/login').expect(200)).text)).not.toContain('/login/sms');
    expect(mainOf((await t.http().get('/login/sms').expect(200)).text)).toContain('本系统未开通短信验证码');
  });
});
