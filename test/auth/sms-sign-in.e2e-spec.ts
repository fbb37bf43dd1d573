import { SecurityEvent } from '../../src/audit/security-event.entity';
import { startSmsGateway, SmsPeer, smsEnv } from '../support/notice-peers';
import { ADMIN_PASSWORD, startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

const HOUR = 3600_000;
let seq = 0;

/** Sign-in and password reset by SMS code, against an SMS gateway that checks signatures, on the moved Clock. */
describe('sign-in by SMS code', () => {
  let t: TestApp;
  let sms: SmsPeer;
  /** The administrator signed in at the moved Clock's time (a token from real time is past its 12 hours). */
  const adminToken = () => t.login('admin', ADMIN_PASSWORD);

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
  // Each test starts in a fresh hour of the moved Clock, so the hourly limits of one do not reach the next.
  let hour = 0;
  beforeEach(() => t.clock.set(new Date(Date.now() + ++hour * 2 * HOUR)));
  afterAll(() => t.clock.reset());

  const mobileOf = () => `135${String(process.pid % 10000).padStart(4, '0')}${String(++seq).padStart(4, '0')}`;
  /** An account of `role` with a fresh mobile, set by the administrator (signed in again on the moved Clock). */
  const withMobile = async (role: 'member' | 'unit' | 'staff') => {
    const account = await t.signInAs(role);
    const mobile = mobileOf();
    await t
      .http()
      .patch(`/api/v1/users/${account.userId}`)
      .set('Authorization', `Bearer ${await adminToken()}`)
      .send({ mobile })
      .expect(200);
    return { ...account, mobile };
  };
  const ask = (mobile: string, purpose = 'login') => t.http().post('/api/v1/auth/sms-code').send({ mobile, purpose });
  const codeSentTo = (mobile: string) => {
    const texts = sms.texts.filter((s) => s.mobile === mobile);
    return /验证码：(\d{6})/.exec(texts[texts.length - 1]?.content ?? '')?.[1];
  };
  const login = (mobile: string, code: string) => t.http().post('/api/v1/auth/login/sms').send({ mobile, code });

  it('a member asks for a code, gets it by SMS and signs in with it once', async () => {
    const m = await withMobile('member');
    const sent = await ask(m.mobile).expect(202);
    expect(sent.body).toEqual({
      sentTo: `${m.mobile.slice(0, 3)}****${m.mobile.slice(7)}`,
      expiresInSeconds: 300,
      resendAfterSeconds: 60,
    });
    const code = codeSentTo(m.mobile)!;
    expect(code).toMatch(/^\d{6}$/);
    expect(sms.texts.at(-1)!.content).toMatch(/^【吴忠市政协】验证码：\d{6}/);
    const res = await login(m.mobile, code).expect(200);
    expect(res.body.user).toMatchObject({ id: m.userId, roles: ['member'] });
    await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    const again = await login(m.mobile, code).expect(401);
    expect(again.body).toMatchObject({
      code: 'INVALID_SMS_CODE',
      message: '验证码错误或已失效，请核对短信中的验证码，或重新获取',
    });
    const events = await t.ds.getRepository(SecurityEvent).find({ where: { userId: m.userId }, order: { id: 'ASC' } });
    expect(events.map((e) => e.type)).toContain('auth.login');
  });

  it('a staff account passes its second factor with a code texted to its number: asked for at login, used once', async () => {
    const { userId } = await t.signIn('factorsms', ['staff']);
    const mobile = mobileOf();
    const admin = { Authorization: `Bearer ${await adminToken()}` };
    await t.http().patch(`/api/v1/users/${userId}`).set(admin).send({ mobile }).expect(200);
    const password = { username: 'factorsms', password: TEST_PASSWORD };
    const asked = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ ...password, sendSmsCode: true })
      .expect(401);
    expect(asked.body).toMatchObject({
      code: 'SECOND_FACTOR_REQUIRED',
      message: `验证码已发送至 ${mobile.slice(0, 3)}****${mobile.slice(7)}，请以 code 提交`,
      details: { smsCode: { expiresInSeconds: 300 } },
    });
    expect(asked.body.accessToken).toBeUndefined();
    const code = codeSentTo(mobile)!;
    expect(code).toMatch(/^\d{6}$/);
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ ...password, code })
      .expect(200);
    await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    const again = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ ...password, code })
      .expect(401);
    expect(again.body.code).toBe('INVALID_SECOND_FACTOR');
    const types = (await t.ds.getRepository(SecurityEvent).findBy({ username: 'factorsms' })).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['auth.code_sent', 'auth.login', 'auth.factor_failed']));
  });

  it('a staff account without a number is told to use the app; without sendSmsCode nothing is texted', async () => {
    await t.signIn('factornomobile', ['staff']);
    const password = { username: 'factornomobile', password: TEST_PASSWORD };
    const before = sms.texts.length;
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ ...password, sendSmsCode: true })
      .expect(409);
    expect(res.body).toMatchObject({ code: 'NO_MOBILE' });
    expect(res.body.message).toContain('验证器');
    const plain = await t.http().post('/api/v1/auth/login').send(password).expect(401);
    expect(plain.body.code).toBe('SECOND_FACTOR_REQUIRED');
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ ...password, sendSmsCode: 'yes' })
      .expect(400);
    expect(sms.texts.length).toBe(before);
  });

  it('answers the same for a number without an account and for a staff account, and sends neither a code', async () => {
    const staff = await withMobile('staff');
    const nobody = mobileOf();
    const before = sms.texts.length;
    const a = await ask(nobody).expect(202);
    const b = await ask(staff.mobile).expect(202);
    expect(Object.keys(a.body)).toEqual(Object.keys(b.body));
    expect(sms.texts.length).toBe(before);
    await login(staff.mobile, '000000').expect(401);
  });

  it('a code dies after 5 wrong tries, even 50 tried at once, and after 5 minutes', async () => {
    const m = await withMobile('unit');
    await ask(m.mobile).expect(202);
    const code = codeSentTo(m.mobile)!;
    const wrong = code === '999999' ? '999998' : '999999';
    const answers = await Promise.all(Array.from({ length: 50 }, () => login(m.mobile, wrong)));
    expect(answers.every((r) => r.status === 401)).toBe(true);
    await login(m.mobile, code).expect(401);
    t.clock.advance(61_000);
    await ask(m.mobile).expect(202);
    const fresh = codeSentTo(m.mobile)!;
    t.clock.advance(5 * 60_000 + 1000);
    await login(m.mobile, fresh).expect(401);
  });

  it('limits codes per number — one a minute, five an hour — under a burst of 50 requests', async () => {
    const m = await withMobile('member');
    const before = sms.texts.filter((s) => s.mobile === m.mobile).length;
    const burst = await Promise.all(Array.from({ length: 50 }, () => ask(m.mobile)));
    expect(burst.filter((r) => r.status === 202)).toHaveLength(1);
    const refused = burst.filter((r) => r.status === 429);
    expect(refused).toHaveLength(49);
    expect(refused[0].body).toMatchObject({
      code: 'SMS_CODE_THROTTLED',
      message: expect.stringContaining('秒后再重新获取'),
    });
    expect(Number(refused[0].headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 4; i++) {
      t.clock.advance(61_000);
      await ask(m.mobile).expect(202);
    }
    t.clock.advance(61_000);
    const hourly = await ask(m.mobile).expect(429);
    expect(hourly.body.message).toMatch(/分钟后再试/);
    expect(sms.texts.filter((s) => s.mobile === m.mobile).length - before).toBe(5);
  });

  it('limits codes per address to 20 an hour, across numbers', async () => {
    const answers = [];
    for (let i = 0; i < 22; i++) answers.push((await ask(mobileOf())).status);
    expect(answers.filter((s) => s === 202)).toHaveLength(20);
    expect(answers.slice(20)).toEqual([429, 429]);
  });

  it('resets a forgotten password by SMS code: a weak one is refused without spending the code; the old sessions end', async () => {
    const m = await withMobile('member');
    await ask(m.mobile, 'reset').expect(202);
    const code = codeSentTo(m.mobile)!;
    const weak = await t
      .http()
      .post('/api/v1/auth/password-reset')
      .send({ mobile: m.mobile, code, newPassword: 'short' })
      .expect(400);
    expect(weak.body.details.fields.newPassword[0]).toMatch(/至少/);
    await login(m.mobile, code).expect(401);
    await t
      .http()
      .post('/api/v1/auth/password-reset')
      .send({ mobile: m.mobile, code, newPassword: 'Renewed-2026x' })
      .expect(204);
    await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${m.token}`).expect(401);
    const me = await t
      .http()
      .get(`/api/v1/users/${m.userId}`)
      .set('Authorization', `Bearer ${await adminToken()}`);
    const username = me.body.username as string;
    await t.http().post('/api/v1/auth/login').send({ username, password: 'Renewed-2026x' }).expect(200);
    await t
      .http()
      .post('/api/v1/auth/password-reset')
      .send({ mobile: m.mobile, code, newPassword: 'Another-2026x' })
      .expect(401);
    const types = (await t.ds.getRepository(SecurityEvent).find({ where: { userId: m.userId } })).map((e) => e.type);
    expect(types).toContain('auth.password_reset');
  });

  it('refuses bad input: a number that is not a mobile, an unknown purpose or field, a code that is not 6 digits', async () => {
    expect((await ask('12345').expect(400)).body.details.fields.mobile[0]).toContain('11 位');
    await ask(mobileOf(), 'sudo').expect(400);
    await t
      .http()
      .post('/api/v1/auth/sms-code')
      .send({ mobile: mobileOf(), purpose: 'login', admin: true })
      .expect(400);
    await login(mobileOf(), '12ab56').expect(400);
  });
});

describe('sign-in by SMS code where SMS is not configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('says so (409) instead of pretending to send', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/sms-code')
      .send({ mobile: '13800138000', purpose: 'login' })
      .expect(409);
    expect(res.body).toMatchObject({ code: 'SMS_NOT_AVAILABLE', message: expect.stringContaining('未开通短信验证码') });
  });
});
