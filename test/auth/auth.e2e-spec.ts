import { AuthSession } from '../../src/auth/auth-session.entity';
import { ADMIN_PASSWORD, startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

describe('accounts and sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Passwords and sessions alone: the second factor is off here (test/auth/second-factor.e2e-spec.ts covers it).
    t = await startTestApp({ XS_SECOND_FACTOR_ROLES: '' });
  });
  afterAll(() => t.close());

  it('creates the first admin from XS_ADMIN_USER / XS_ADMIN_PASSWORD and signs in with a bearer token', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: ADMIN_PASSWORD })
      .expect(200);
    expect(res.body.user).toMatchObject({ username: 'admin', roles: ['admin'] });
    const me = await t
      .http()
      .get('/api/v1/users/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body.username).toBe('admin');
  });

  it('refuses a wrong password with 401 in the error shape, in Chinese', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: 'wrong-password1' })
      .expect(401);
    expect(res.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
  });

  it('answers 401 without a token and for a forged one', async () => {
    expect((await t.http().get('/api/v1/users/me').expect(401)).body.code).toBe('UNAUTHENTICATED');
    const forged = await t.http().get('/api/v1/users/me').set('Authorization', 'Bearer forged-token-value').expect(401);
    expect(forged.body).toMatchObject({ code: 'INVALID_TOKEN', message: '登录已失效，请重新登录' });
  });

  it('refuses an expired token', async () => {
    const { token, userId } = await t.signIn('expiring', ['staff']);
    await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`).expect(200);
    await t.ds.getRepository(AuthSession).update({ userId }, { expiresAt: new Date(Date.now() - 1000) });
    await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('throttles a user name after five failures with 429 and Retry-After, even for the right password', async () => {
    await t.signIn('target1', ['member'], { memberId: (await t.make.member()).id });
    for (let i = 0; i < 5; i++) {
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'target1', password: 'guess' + i })
        .expect(401);
    }
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'target1', password: TEST_PASSWORD })
      .expect(429);
    expect(res.body.code).toBe('LOGIN_THROTTLED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a disabled account cannot sign in and its open sessions end', async () => {
    const { token, userId } = await t.signIn('leaving', ['staff']);
    const admin = await t.tokenFor('admin');
    await t
      .http()
      .patch(`/api/v1/users/${userId}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ disabled: true })
      .expect(200);
    await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`).expect(401);
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'leaving', password: TEST_PASSWORD })
      .expect(401);
    expect(res.body.code).toBe('ACCOUNT_DISABLED');
  });

  it('a user changes their own password: the policy applies, the old password stops working', async () => {
    const { token } = await t.signIn('changer', ['staff']);
    const auth = { Authorization: `Bearer ${token}` };
    const weak = await t
      .http()
      .post('/api/v1/users/me/password')
      .set(auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' })
      .expect(400);
    expect(weak.body.details.fields.newPassword).toContain('密码至少 8 位');
    await t
      .http()
      .post('/api/v1/users/me/password')
      .set(auth)
      .send({ currentPassword: 'not-mine-123', newPassword: 'NewPassw0rd9' })
      .expect(400);
    await t
      .http()
      .post('/api/v1/users/me/password')
      .set(auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'NewPassw0rd9' })
      .expect(204);
    await t.http().post('/api/v1/auth/login').send({ username: 'changer', password: TEST_PASSWORD }).expect(401);
    await t.http().post('/api/v1/auth/login').send({ username: 'changer', password: 'NewPassw0rd9' }).expect(200);
  });

  it('only an admin creates accounts; a duplicate user name is 409; a member account needs its member', async () => {
    const staff = await t.tokenFor('staff');
    const admin = await t.tokenFor('admin');
    const body = { username: 'newstaff', password: 'Welcome2026', displayName: '新同事', roles: ['staff'] };
    await t.http().post('/api/v1/users').set('Authorization', `Bearer ${staff}`).send(body).expect(403);
    await t.http().post('/api/v1/users').set('Authorization', `Bearer ${admin}`).send(body).expect(201);
    expect(
      (await t.http().post('/api/v1/users').set('Authorization', `Bearer ${admin}`).send(body).expect(409)).body.code,
    ).toBe('USERNAME_TAKEN');
    const noMember = await t
      .http()
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ ...body, username: 'mem1', roles: ['member'] })
      .expect(400);
    expect(noMember.body.details.fields.memberId).toBeDefined();
  });

  it('rejects malformed JSON, unknown fields and wrong types with 400 and writes nothing', async () => {
    const admin = await t.tokenFor('admin');
    const before = await t.http().get('/api/v1/users?pageSize=100').set('Authorization', `Bearer ${admin}`).expect(200);
    const bad = await t
      .http()
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin}`)
      .set('Content-Type', 'application/json')
      .send('{"username":')
      .expect(400);
    expect(bad.body.code).toBe('INVALID_JSON');
    const unknown = await t
      .http()
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ username: 'x1x', password: 'Welcome2026', displayName: 'x', roles: ['staff'], isRoot: true })
      .expect(400);
    expect(unknown.body.details.fields.isRoot).toEqual(['不允许的字段']);
    await t
      .http()
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ username: 'x2x', password: 12345678, displayName: 'x', roles: 'staff' })
      .expect(400);
    const after = await t.http().get('/api/v1/users?pageSize=100').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(after.body.total).toBe(before.body.total);
  });

  it('answers 413 for a body over the limit', async () => {
    const admin = await t.tokenFor('admin');
    const res = await t
      .http()
      .post('/api/v1/sectors')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: '界'.repeat(400_000) })
      .expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
