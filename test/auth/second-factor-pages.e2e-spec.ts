import request from 'supertest';
import { SecurityEvent } from '../../src/audit/security-event.entity';
import { ADMIN_PASSWORD, startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { csrfIn, mainOf, signInWeb } from '../support/web-client';

/** The pages' side of the second factor: the 两步验证 step (code, recovery code, a wrong code) and the admin's reset. */
describe('second factor on the pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** Password through the form: the agent stands at the 两步验证 step. */
  async function halfSignedIn(username: string) {
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/login').expect(200);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfIn(form.text), username, password: TEST_PASSWORD })
      .expect(303);
    expect(res.headers.location).toBe('/login/second-factor');
    return agent;
  }

  it('the 两步验证 step: other pages lead back to it; a wrong code is shown on the form; a recovery code signs in once', async () => {
    await t.signIn('pagestaff', ['staff']);
    const agent = await halfSignedIn('pagestaff');
    expect((await agent.get('/directory').expect(303)).headers.location).toBe('/login/second-factor');
    const step = await agent.get('/login/second-factor').expect(200);
    expect(mainOf(step.text)).toContain('使用恢复码');
    const wrong = await agent
      .post('/login/second-factor')
      .type('form')
      .send({ _csrf: csrfIn(step.text), code: '000000' })
      .expect(400);
    expect(mainOf(wrong.text)).toContain('两步验证码不正确或已使用');
    const recovery = await agent.get('/login/second-factor?recovery=1').expect(200);
    expect(mainOf(recovery.text)).toContain('恢复码');
    const code = t.recoveryCodes('pagestaff')[0];
    await agent
      .post('/login/second-factor')
      .type('form')
      .send({ _csrf: csrfIn(recovery.text), code, recovery: '1' })
      .expect(303);
    await agent.get('/directory').expect(200);
    const again = await halfSignedIn('pagestaff');
    const page = await again.get('/login/second-factor').expect(200);
    await again
      .post('/login/second-factor')
      .type('form')
      .send({ _csrf: csrfIn(page.text), code })
      .expect(400);
    const types = (await t.ds.getRepository(SecurityEvent).findBy({ username: 'pagestaff' })).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['auth.factor_failed', 'auth.recovery_used']));
  });

  it("an administrator resets a staff member's factor from the user page: their sessions end, they enrol again", async () => {
    const { token, userId } = await t.signIn('lostphone', ['staff']);
    const admin = await signInWeb(t, 'admin', ADMIN_PASSWORD);
    const edit = await admin.get(`/admin/users/${userId}/edit`).expect(200);
    expect(mainOf(edit.text)).toContain('重置两步验证');
    await admin
      .post(`/admin/users/${userId}/second-factor/reset`)
      .type('form')
      .send({ _csrf: csrfIn(edit.text) })
      .expect(303);
    await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`).expect(401);
    const res = await t.http().post('/api/v1/auth/login').send({ username: 'lostphone', password: TEST_PASSWORD });
    expect(res.body.secondFactorSetupRequired).toBe(true);
    expect(await t.ds.getRepository(SecurityEvent).countBy({ type: 'auth.factor_reset' })).toBe(1);
    const after = await admin.get(`/admin/users/${userId}/edit`).expect(200);
    expect(mainOf(after.text)).not.toContain('重置两步验证');
  });

  it('new recovery codes on the 两步验证 page for the code of the app: shown once, the old ones void; a wrong code is shown on the form', async () => {
    await t.signIn('renewcodes', ['staff']);
    const old = t.recoveryCodes('renewcodes')[0];
    const agent = await signInWeb(t, 'renewcodes', TEST_PASSWORD);
    // Found from 修改密码, where the account's own settings are.
    expect(mainOf((await agent.get('/account/password').expect(200)).text)).toContain('href="/account/second-factor"');
    const page = await agent.get('/account/second-factor').expect(200);
    expect(mainOf(page.text)).toContain('重新生成恢复码');
    const wrong = await agent
      .post('/account/second-factor/recovery-codes')
      .type('form')
      .send({ _csrf: csrfIn(page.text), code: '000000' })
      .expect(400);
    expect(mainOf(wrong.text)).toContain('验证码不正确');
    const renewed = await agent
      .post('/account/second-factor/recovery-codes')
      .type('form')
      .send({ _csrf: csrfIn(page.text), code: t.secondFactorCode('renewcodes') })
      .expect(200);
    expect(mainOf(renewed.text)).toContain('已生成新的恢复码，原有恢复码已作废');
    const fresh = [...renewed.text.matchAll(/<li><code>([^<]+)<\/code><\/li>/g)].map((m) => m[1]);
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(old);
    const oldTry = await halfSignedIn('renewcodes');
    const step = await oldTry.get('/login/second-factor?recovery=1').expect(200);
    await oldTry
      .post('/login/second-factor')
      .type('form')
      .send({ _csrf: csrfIn(step.text), code: old, recovery: '1' })
      .expect(400);
    await oldTry
      .post('/login/second-factor')
      .type('form')
      .send({ _csrf: csrfIn(step.text), code: fresh[0], recovery: '1' })
      .expect(303);
    await oldTry.get('/directory').expect(200);
  });

  it('a member without a second factor is sent to the page, nothing generated', async () => {
    await t.signIn('nofactor', ['member'], { memberId: (await t.make.member({ name: '吴明' })).id });
    const agent = await signInWeb(t, 'nofactor', TEST_PASSWORD);
    expect(mainOf((await agent.get('/account/password').expect(200)).text)).not.toContain('/account/second-factor');
    const page = await agent.get('/account/second-factor').expect(200);
    const res = await agent
      .post('/account/second-factor/recovery-codes')
      .type('form')
      .send({ _csrf: csrfIn(page.text), code: '123456' })
      .expect(303);
    expect(res.headers.location).toBe('/account/second-factor');
  });
});
