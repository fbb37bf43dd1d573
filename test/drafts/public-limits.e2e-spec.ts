import { facilitator, Facilitator } from '../support/accounts';
import { draftAt } from '../support/drafts';
import { startTestApp, TestApp } from '../support/test-app';

/*
 * Security review L8 (issue 15, item 13): the public page's only brake was 60 comments per draft per address
 * per hour — and an IPv6 client holds a whole /64. Now an IPv6 address counts by its /64, and all addresses
 * together may leave XS_PUBLIC_COMMENTS_PER_DRAFT_HOUR public comments on one draft in an hour (100 here,
 * 600 by default). The client address comes from X-Forwarded-For, which the app believes from loopback
 * (XS_TRUST_PROXY's default), as it would from the proxy in front of it.
 */
describe('public comments: per /64 and per draft within the hour', () => {
  let t: TestApp;
  let host: Facilitator;

  beforeAll(async () => {
    t = await startTestApp({ XS_PUBLIC_COMMENTS_PER_DRAFT_HOUR: '100' });
    host = await facilitator(t);
  });
  afterAll(() => t?.close());

  const publicDraft = async () => {
    const d = await draftAt(t, host, 'editing', { organizer: { type: 'point', id: host.pointId } });
    await t
      .http()
      .post(`/api/v1/drafts/${d.id}/open`)
      .set(host.auth)
      .send({ closesAt: new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString(), openToPublic: true })
      .expect(200);
    return d.id;
  };
  const many = (k: number) => Array.from({ length: k }, (_, i) => ({ text: `意见${i}` }));
  const send = (draftId: number, from: string, k: number) =>
    t
      .http()
      .post(`/api/v1/public/drafts/${draftId}/comments`)
      .set('X-Forwarded-For', from)
      .send({ name: '居民', comments: many(k) });

  it('two addresses in one IPv6 /64 share the per-address count; the next /64 does not', async () => {
    const id = await publicDraft();
    await send(id, '2001:db8:aa:1::1', 60).expect(201);
    const refused = await send(id, '2001:db8:aa:1:ffff:eeee:dddd:cccc', 1).expect(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_COMMENTS' });
    expect(refused.body.message).toMatch(/^提交的意见过多，请 \d+ 分钟后再试$/);
    await send(id, '2001:db8:aa:2::1', 1).expect(201);
    // IPv4 written as IPv4-mapped IPv6 is the same address.
    await send(id, '203.0.113.9', 30).expect(201);
    expect((await send(id, '::ffff:203.0.113.9', 31).expect(429)).body.code).toBe('TOO_MANY_COMMENTS');
  });

  it('many addresses at once on one draft: stopped at the draft’s hourly limit (429), free again an hour later', async () => {
    const id = await publicDraft();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => send(id, `198.51.100.${i + 1}`, 10)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 429, 429]);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.body.code).toBe('TOO_MANY_DRAFT_COMMENTS');
    expect(refused.body.message).toMatch(/^这份征求意见稿一小时内收到的网上意见已达上限，请 \d+ 分钟后再试$/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const summary = await t.http().get(`/api/v1/drafts/${id}/summary`).set(host.auth).expect(200);
    expect(summary.body.totals.bySource.public).toBe(100);
    // A fresh address is refused too; another draft is not affected; an hour later the draft takes comments again.
    expect((await send(id, '192.0.2.200', 1).expect(429)).body.code).toBe('TOO_MANY_DRAFT_COMMENTS');
    await send(await publicDraft(), '192.0.2.200', 1).expect(201);
    t.clock.advance(3_600_000 + 1000);
    await send(id, '192.0.2.200', 1).expect(201);
  });
});
