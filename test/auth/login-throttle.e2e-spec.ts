import { LoginThrottle } from '../../src/auth/login-throttle.entity';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/**
 * Sign-in throttling under concurrency (security review H1): an attempt is reserved in the database before
 * its password is compared, so a burst of parallel requests gets no more guesses than a serial run, and a
 * success gives back only its own reservation instead of clearing the failures of its window.
 * Each test signs in from an address of its own (X-Forwarded-For; the test app trusts loopback). The suite
 * hashes with bcrypt cost 10, as production does about, rather than the tests' usual 4: with a compare that
 * quick, requests of a burst hardly overlap on SQLite and a missing reservation would go unnoticed there.
 */
describe('sign-in throttling under concurrent requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Passwords and sessions alone: the second factor is off here (test/auth/second-factor.e2e-spec.ts covers it).
    t = await startTestApp({ XS_BCRYPT_ROUNDS: '10', XS_SECOND_FACTOR_ROLES: '' });
  });
  afterAll(() => t.close());

  const login = (username: string, password: string, ip: string) =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ username, password });

  const tally = (statuses: number[]) =>
    statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

  it('50 parallel wrong passwords for one user name: five are evaluated (401), the other 45 get 429', async () => {
    await t.signIn('burst1', ['staff']);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => login('burst1', `Wrong-guess${i}`, `198.51.100.${(i % 50) + 1}`)),
    );
    expect(tally(answers.map((r) => r.status))).toEqual({ 401: 5, 429: 45 });
    const refused = answers.find((r) => r.status === 429)!;
    expect(refused.body.code).toBe('LOGIN_THROTTLED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The name is locked: the right password is refused too.
    expect((await login('burst1', TEST_PASSWORD, '198.51.100.99')).status).toBe(429);
    expect(await t.ds.getRepository(LoginThrottle).findOneByOrFail({ key: 'user:burst1' })).toMatchObject({
      failures: 5,
      lockedUntil: expect.any(Date),
    });
  });

  it('40 parallel from one address, 39 wrong and the right password: at most 20 failures are evaluated, and a success resets nothing', async () => {
    await t.signIn('burst2', ['staff']);
    const ip = '203.0.113.50';
    const answers = await Promise.all([
      ...Array.from({ length: 39 }, (_, i) => login(`nosuch${i}`, `Wrong-guess${i}`, ip)),
      login('burst2', TEST_PASSWORD, ip),
    ]);
    const counts = tally(answers.map((r) => r.status));
    const failed = counts[401] ?? 0;
    // The right password may be among the first attempts (then it gives its own place back, and one more guess
    // may take it); it never gets in once 20 failures are counted.
    expect(failed).toBeLessThanOrEqual(20);
    expect(failed + (counts[200] ?? 0)).toBeLessThanOrEqual(21);
    expect(failed + (counts[200] ?? 0) + (counts[429] ?? 0)).toBe(40);
    const row = await t.ds.getRepository(LoginThrottle).findOneByOrFail({ key: `ip:${ip}` });
    expect(row.failures).toBe(failed);
    // Up to the limit, the address's failures still count: after the 20th the right password is refused too.
    for (let i = failed; i < 20; i++) expect((await login(`nosuch-late${i}`, 'Wrong-guess', ip)).status).toBe(401);
    const after = await login('burst2', TEST_PASSWORD, ip);
    expect(after.status).toBe(429);
    expect(after.body.code).toBe('LOGIN_THROTTLED');
  });

  it('a success gives back only its own attempt: four failures, a success, one more failure lock the name', async () => {
    await t.signIn('burst3', ['staff']);
    const ip = '192.0.2.33';
    for (let i = 0; i < 4; i++) expect((await login('burst3', `Wrong-guess${i}`, ip)).status).toBe(401);
    expect((await login('burst3', TEST_PASSWORD, ip)).status).toBe(200);
    expect((await login('burst3', 'Wrong-guess9', ip)).status).toBe(401);
    const locked = await login('burst3', TEST_PASSWORD, '192.0.2.34');
    expect(locked.status).toBe(429);
  });

  it('a success inside a parallel burst does not wipe the failures of its window', async () => {
    await t.signIn('burst4', ['staff']);
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, (_, i) => login('burst4', `Wrong-guess${i}`, `192.0.2.${40 + i}`)),
      login('burst4', TEST_PASSWORD, '192.0.2.45'),
    ]);
    expect(tally(answers.map((r) => r.status))).toEqual({ 401: 4, 200: 1 });
    expect((await login('burst4', 'Wrong-guess8', '192.0.2.46')).status).toBe(401);
    expect((await login('burst4', TEST_PASSWORD, '192.0.2.47')).status).toBe(429);
  });

  it('the lock ends after 15 minutes: the next attempt starts a new window', async () => {
    await t.signIn('burst5', ['staff']);
    const ip = '192.0.2.60';
    for (let i = 0; i < 5; i++) expect((await login('burst5', `Wrong-guess${i}`, ip)).status).toBe(401);
    expect((await login('burst5', TEST_PASSWORD, ip)).status).toBe(429);
    t.clock.advance(14 * 60_000);
    expect((await login('burst5', TEST_PASSWORD, ip)).status).toBe(429);
    t.clock.advance(2 * 60_000);
    expect((await login('burst5', TEST_PASSWORD, ip)).status).toBe(200);
    expect((await t.ds.getRepository(LoginThrottle).findOneByOrFail({ key: 'user:burst5' })).failures).toBe(0);
  });
});
