import { generateSync } from 'otplib';
import { SecurityEvent } from '../../src/audit/security-event.entity';
import { stepAt } from '../../src/auth/second-factor.crypto';
import { UserSecondFactor } from '../../src/auth/second-factor.entity';
import { UsersService } from '../../src/auth/users.service';
import { Role } from '../../src/common/roles';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/**
 * The second factor through the API (docs/design/second-factor.md): enrolment with a code computed from the
 * returned secret at the moved clock's time, the pending token, sign-in with and without a code, replay, the
 * window, recovery codes, the throttle, the administrator's reset. Each test uses an account of its own and an
 * address of its own (X-Forwarded-For), so the throttle's counts do not mix.
 */
describe('second factor (TOTP) through the API', () => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const ip = () => `203.0.113.${++n}`;
  const codeAt = (secret: string, step: number) => generateSync({ secret, epoch: step * 30 });
  const login = (body: Record<string, string>, from: string) =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', from).send(body);
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** A new account of these roles, enrolled by hand: its secret and the step its confirming code used. */
  async function enrolled(roles: Role[], from = ip()) {
    const username = `f${process.pid % 1000}x${++n}`;
    await t.app
      .get(UsersService)
      .create({ id: null, displayName: '测试' }, { username, password: TEST_PASSWORD, displayName: username, roles });
    const first = await login({ username, password: TEST_PASSWORD }, from).expect(200);
    expect(first.body.secondFactorSetupRequired).toBe(true);
    const token = first.body.accessToken as string;
    const setup = await t.http().post('/api/v1/users/me/second-factor/setup').set(bearer(token)).expect(200);
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.+secret=/);
    expect(setup.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const step = stepAt(t.clock.now());
    const confirm = await t
      .http()
      .post('/api/v1/users/me/second-factor/confirm')
      .set(bearer(token))
      .send({ code: codeAt(setup.body.secret, step) })
      .expect(200);
    expect(confirm.body.recoveryCodes).toHaveLength(10);
    return {
      username,
      token,
      secret: setup.body.secret as string,
      step,
      recovery: confirm.body.recoveryCodes as string[],
    };
  }

  it('enrols a staff account: the pending token is refused elsewhere until a code from the returned secret confirms it', async () => {
    const username = `f${process.pid % 1000}p${++n}`;
    await t.app
      .get(UsersService)
      .create(
        { id: null, displayName: '测试' },
        { username, password: TEST_PASSWORD, displayName: username, roles: ['staff'] },
      );
    const res = await login({ username, password: TEST_PASSWORD }, ip()).expect(200);
    const token = res.body.accessToken as string;
    const refused = await t.http().get('/api/v1/proposals').set(bearer(token)).expect(403);
    expect(refused.body.code).toBe('SECOND_FACTOR_REQUIRED');
    await t.http().get('/api/v1/users/me').set(bearer(token)).expect(200);
    const setup = await t.http().post('/api/v1/users/me/second-factor/setup').set(bearer(token)).expect(200);
    const row = await t.ds.getRepository(UserSecondFactor).findOneByOrFail({ userId: res.body.user.id });
    expect(row.secretCipher).not.toContain(setup.body.secret);
    t.clock.advance(3600_000);
    const wrong = await t
      .http()
      .post('/api/v1/users/me/second-factor/confirm')
      .set(bearer(token))
      .send({ code: '000000' });
    expect(wrong.status).toBe(400);
    await t
      .http()
      .post('/api/v1/users/me/second-factor/confirm')
      .set(bearer(token))
      .send({ code: codeAt(setup.body.secret, stepAt(t.clock.now())) })
      .expect(200);
    await t.http().get('/api/v1/proposals').set(bearer(token)).expect(200);
    const events = await t.ds.getRepository(SecurityEvent).findBy({ username, type: 'auth.factor_enrolled' });
    expect(events).toHaveLength(1);
  });

  it('an enrolled account: no code → 401 and no token; a wrong code → 401 INVALID_SECOND_FACTOR; the right one → a token', async () => {
    const a = await enrolled(['staff']);
    const from = ip();
    const none = await login({ username: a.username, password: TEST_PASSWORD }, from).expect(401);
    expect(none.body).toMatchObject({ code: 'SECOND_FACTOR_REQUIRED' });
    expect(none.body.accessToken).toBeUndefined();
    const wrong = await login({ username: a.username, password: TEST_PASSWORD, code: '000000' }, from).expect(401);
    expect(wrong.body.code).toBe('INVALID_SECOND_FACTOR');
    const ok = await login(
      { username: a.username, password: TEST_PASSWORD, code: codeAt(a.secret, a.step + 1) },
      from,
    ).expect(200);
    await t.http().get('/api/v1/proposals').set(bearer(ok.body.accessToken)).expect(200);
    const failed = await t.ds.getRepository(SecurityEvent).findBy({ username: a.username, type: 'auth.factor_failed' });
    expect(failed).toHaveLength(1);
  });

  it('refuses a code used once already (replay) and a code from two steps ago', async () => {
    const a = await enrolled(['admin']);
    const from = ip();
    // The confirming code's step is used: the same code again is refused.
    const replay = await login({ username: a.username, password: TEST_PASSWORD, code: codeAt(a.secret, a.step) }, from);
    expect(replay.body.code).toBe('INVALID_SECOND_FACTOR');
    t.clock.advance(90_000);
    const now = stepAt(t.clock.now());
    const old = await login({ username: a.username, password: TEST_PASSWORD, code: codeAt(a.secret, now - 2) }, from);
    expect(old.body.code).toBe('INVALID_SECOND_FACTOR');
    await login({ username: a.username, password: TEST_PASSWORD, code: codeAt(a.secret, now - 1) }, from).expect(200);
    const again = await login({ username: a.username, password: TEST_PASSWORD, code: codeAt(a.secret, now - 1) }, from);
    expect(again.body.code).toBe('INVALID_SECOND_FACTOR');
  });

  it('a recovery code signs in once; the second use is refused', async () => {
    const a = await enrolled(['staff']);
    const from = ip();
    const code = a.recovery[3].toUpperCase();
    await login({ username: a.username, password: TEST_PASSWORD, code }, from).expect(200);
    const second = await login({ username: a.username, password: TEST_PASSWORD, code }, from).expect(401);
    expect(second.body.code).toBe('INVALID_SECOND_FACTOR');
    const used = await t.ds.getRepository(SecurityEvent).findBy({ username: a.username, type: 'auth.recovery_used' });
    expect(used).toHaveLength(1);
  });

  it('wrong codes are counted by the login throttle: the fifth locks the name, even the right code then gets 429', async () => {
    const a = await enrolled(['staff']);
    for (let i = 0; i < 5; i++) {
      const res = await login({ username: a.username, password: TEST_PASSWORD, code: `00000${i}` }, ip());
      expect(res.body.code).toBe('INVALID_SECOND_FACTOR');
    }
    const locked = await login(
      { username: a.username, password: TEST_PASSWORD, code: codeAt(a.secret, a.step + 1) },
      ip(),
    );
    expect(locked.status).toBe(429);
  });

  it('an administrator resets a factor: the sessions end, the user enrols again; staff and members are refused 403', async () => {
    const a = await enrolled(['staff']);
    const me = await t.http().get('/api/v1/users/me').set(bearer(a.token)).expect(200);
    for (const role of ['staff', 'member'] as const) {
      const other = await t.tokenFor(role);
      await t.http().post(`/api/v1/users/${me.body.id}/second-factor/reset`).set(bearer(other)).expect(403);
    }
    await t
      .http()
      .post(`/api/v1/users/${me.body.id}/second-factor/reset`)
      .set(bearer(await t.tokenFor('admin')))
      .expect(204);
    await t.http().get('/api/v1/users/me').set(bearer(a.token)).expect(401);
    const again = await login({ username: a.username, password: TEST_PASSWORD }, ip()).expect(200);
    expect(again.body.secondFactorSetupRequired).toBe(true);
    expect(await t.ds.getRepository(SecurityEvent).countBy({ type: 'auth.factor_reset' })).toBeGreaterThan(0);
  });

  it('regenerates the recovery codes given a current code; the old ones stop working', async () => {
    const a = await enrolled(['staff']);
    const res = await t
      .http()
      .post('/api/v1/users/me/second-factor/recovery-codes')
      .set(bearer(a.token))
      .send({ code: codeAt(a.secret, a.step + 1) })
      .expect(200);
    expect(res.body.recoveryCodes).toHaveLength(10);
    const old = await login({ username: a.username, password: TEST_PASSWORD, code: a.recovery[0] }, ip());
    expect(old.body.code).toBe('INVALID_SECOND_FACTOR');
    await login({ username: a.username, password: TEST_PASSWORD, code: res.body.recoveryCodes[0] }, ip()).expect(200);
  });

  it('a token still lacking its second factor is refused by every other endpoint of the OpenAPI document (403 SECOND_FACTOR_REQUIRED)', async () => {
    const username = `f${process.pid % 1000}s${++n}`;
    await t.app
      .get(UsersService)
      .create(
        { id: null, displayName: '测试' },
        { username, password: TEST_PASSWORD, displayName: username, roles: ['admin'] },
      );
    const token = (await login({ username, password: TEST_PASSWORD }, ip()).expect(200)).body.accessToken as string;
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const open = [
      'get /api/v1/users/me',
      'post /api/v1/auth/logout',
      'post /api/v1/users/me/second-factor/setup',
      'post /api/v1/users/me/second-factor/confirm',
      'post /api/v1/auth/login',
      // Sign-in and reset by SMS code take no session at all (public, as /auth/login).
      'post /api/v1/auth/sms-code',
      'post /api/v1/auth/login/sms',
      'post /api/v1/auth/password-reset',
    ];
    const answers: string[] = [];
    for (const [route, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops).filter((m) => ['get', 'post', 'patch', 'put', 'delete'].includes(m))) {
        // Public routes (health, the public lists, the calendar feed with its own token) take no session at all.
        const isPublic = !route.startsWith('/api/v1/') || route.includes('/public') || route.endsWith('.ics');
        if (open.includes(`${method} ${route}`) || isPublic) continue;
        const agent = t.http();
        const res = await agent[method as 'get'](route.replace(/\{\w+\}/g, '1'))
          .set(bearer(token))
          .send({});
        if (res.status !== 403 || res.body.code !== 'SECOND_FACTOR_REQUIRED')
          answers.push(`${method} ${route} ${res.status}`);
      }
    }
    expect(answers).toEqual([]);
  });

  it('the second-factor endpoints refuse unknown body fields (400)', async () => {
    const a = await enrolled(['staff']);
    const res = await t
      .http()
      .post('/api/v1/users/me/second-factor/recovery-codes')
      .set(bearer(a.token))
      .send({ code: '123456', secret: 'x' })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('a member account signs in with the password alone, as before', async () => {
    const { token } = await t.signInAs('member');
    await t.http().get('/api/v1/users/me').set(bearer(token)).expect(200);
    expect(await t.ds.getRepository(UserSecondFactor).count()).toBeGreaterThan(0);
  });
});
