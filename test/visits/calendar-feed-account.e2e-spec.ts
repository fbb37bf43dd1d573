import { CalendarFeed } from '../../src/visits/visit.entities';
import { account, Account } from '../support/accounts';
import { api } from '../support/api';
import { QUIET_SWEEPS } from '../support/deadlines';
import { startTestApp, TestApp, TEST_PASSWORD } from '../support/test-app';

/*
 * Security review L4 (issue 15, item 14): a calendar feed URL kept answering after its member's account was
 * disabled, and outlived password changes. Now the feed is revoked when the account is disabled or its
 * password is set (by an admin or by the member), and checked against the account on every read: the old
 * URL stays dead after the account is enabled again.
 */
describe('calendar feed: ends with the account', () => {
  let t: TestApp;
  let admin: Account;

  beforeAll(async () => {
    t = await startTestApp(QUIET_SWEEPS);
    const token = await t.tokenFor('admin');
    admin = { token, auth: { Authorization: `Bearer ${token}` } } as Account;
  });
  afterAll(() => t?.close());

  const feedUrl = async (m: Account) =>
    new URL((await api(t, m, 'post', `/members/${m.memberId}/calendar-feed`, {}, 201)).url as string);
  const read = (url: URL) => t.http().get(`${url.pathname}${url.search}`);

  it('disabled: the feed is 401 at once; enabled again, the old URL stays revoked, a new one works', async () => {
    const m = await account(t, 'member');
    const url = await feedUrl(m);
    await read(url).expect(200);
    await api(t, admin, 'patch', `/users/${m.userId}`, { disabled: true });
    expect((await read(url).expect(401)).body.code).toBe('INVALID_FEED_TOKEN');
    await api(t, admin, 'patch', `/users/${m.userId}`, { disabled: false });
    await read(url).expect(401);
    expect(await t.ds.getRepository(CalendarFeed).countBy({ memberId: m.memberId! })).toBe(0);
    // Signed in again, the member makes a new URL, which works.
    const { username } = await api(t, admin, 'get', `/users/${m.userId}`);
    const login = await t.http().post('/api/v1/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
    const again = { ...m, auth: { Authorization: `Bearer ${login.body.accessToken}` } };
    await read(await feedUrl(again)).expect(200);
  });

  it('disabled and enabled again before the calendar app next reads: the URL was revoked all the same', async () => {
    const m = await account(t, 'member');
    const url = await feedUrl(m);
    await api(t, admin, 'patch', `/users/${m.userId}`, { disabled: true });
    await api(t, admin, 'patch', `/users/${m.userId}`, { disabled: false });
    expect((await read(url).expect(401)).body.code).toBe('INVALID_FEED_TOKEN');
  });

  it('an admin resets the password: the feed is revoked', async () => {
    const m = await account(t, 'member');
    const url = await feedUrl(m);
    await api(t, admin, 'patch', `/users/${m.userId}`, { password: 'NewPassw0rd2026' });
    await read(url).expect(401);
    const me = await t.http().get(`/api/v1/members/${m.memberId}/calendar-feed`).set(m.auth);
    expect(me.status).toBe(401); // the reset ended the member's sessions as well
  });

  it('the member changes their own password: the old feed is revoked, a feed made afterwards works', async () => {
    const m = await account(t, 'member');
    const url = await feedUrl(m);
    await t
      .http()
      .post('/api/v1/users/me/password')
      .set(m.auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'Changed2026pw' })
      .expect(204);
    await read(url).expect(401);
    await read(url).expect(401);
    const fresh = await feedUrl(m);
    await read(fresh).expect(200);
  });
});
