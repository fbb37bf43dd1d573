import { EntityManager } from 'typeorm';
import { Tx } from '../../src/database/tx';
import { Notification } from '../../src/notifications/notification.entity';
import { NotificationMessage, NotificationsService } from '../../src/notifications/notifications.service';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { csrfIn, mainOf, navOf, signInWeb } from '../support/web-client';

let n = 0;
const message = (label: string, extra: Partial<NotificationMessage> = {}): NotificationMessage => ({
  kind: 'proposal.accepted',
  title: `您的提案已立案（${label}）`,
  body: `十二届二次会议 第${String(++n).padStart(4, '0')}号提案已立案，将交承办单位办理。`,
  link: '/proposals/1',
  dedupeKey: `test:${label}:${process.pid}:${n}`,
  ...extra,
});

describe('notifications', () => {
  let t: TestApp;
  let service: NotificationsService;
  const notify = (userIds: number[], m: NotificationMessage) =>
    t.app.get(Tx).run((em: EntityManager) => service.notify(em, userIds, m));
  const get = (token: string, query = '') =>
    t.http().get(`/api/v1/notifications${query}`).set('Authorization', `Bearer ${token}`);
  const post = (token: string, path: string) =>
    t.http().post(`/api/v1/notifications${path}`).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await startTestApp();
    service = t.app.get(NotificationsService);
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.reset());

  it('notify is idempotent by dedupeKey: a re-run adds nothing, another key adds one more', async () => {
    const a = await t.signInAs('member');
    const b = await t.signInAs('member');
    const m = message('幂等');
    expect(await notify([a.userId, b.userId, a.userId], m)).toBe(2);
    expect(await notify([a.userId, b.userId], m)).toBe(0);
    // Two runs at once (a job delivered twice): still one each.
    await Promise.all([notify([a.userId], { ...m, title: '再次' }), notify([a.userId], m)]);
    expect(await t.ds.getRepository(Notification).countBy({ userId: a.userId, dedupeKey: m.dedupeKey })).toBe(1);
    expect(await notify([a.userId], message('另一件'))).toBe(1);
    expect((await get(a.token).expect(200)).body).toMatchObject({ total: 2, unread: 2 });
    expect((await get(b.token).expect(200)).body).toMatchObject({ total: 1, unread: 1 });
  });

  it("notify writes inside the caller's transaction: a rolled-back change leaves no notification", async () => {
    const a = await t.signInAs('member');
    const m = message('回滚');
    await expect(
      t.app.get(Tx).run(async (em) => {
        await service.notify(em, [a.userId], m);
        throw new Error('工作流失败');
      }),
    ).rejects.toThrow('工作流失败');
    expect(await t.ds.getRepository(Notification).countBy({ userId: a.userId })).toBe(0);
  });

  it('finds whom to notify: the accounts of a member, of a unit, and all staff (enabled ones only)', async () => {
    const member = await t.make.member();
    const unit = await t.make.unit();
    const m1 = await t.signIn(`nm-${process.pid}-a`, ['member'], { memberId: member.id });
    const u1 = await t.signIn(`nu-${process.pid}-a`, ['unit'], { unitId: unit.id });
    const u2 = await t.signIn(`nu-${process.pid}-b`, ['unit'], { unitId: unit.id });
    const s1 = await t.signIn(`ns-${process.pid}-a`, ['staff', 'leader']);
    const off = await t.signIn(`ns-${process.pid}-off`, ['staff']);
    await t.ds.query('UPDATE users SET disabled = ? WHERE id = ?', [true, off.userId]);
    await t.app.get(Tx).run(async (em) => {
      expect(await service.usersOfMember(em, member.id)).toEqual([m1.userId]);
      expect((await service.usersOfUnit(em, unit.id)).sort((x, y) => x - y)).toEqual([u1.userId, u2.userId]);
      const staff = await service.staffUsers(em);
      expect(staff).toContain(s1.userId);
      expect(staff).not.toContain(off.userId);
      expect(staff).not.toContain(m1.userId);
    });
  });

  it("lists only the caller's own messages, newest first, paged, with the unread count; ?unread=1 filters", async () => {
    const a = await t.signInAs('unit');
    const other = await t.signInAs('unit');
    for (const label of ['一', '二', '三']) {
      await notify([a.userId], message(label));
      t.clock.advance(60_000);
    }
    await notify([other.userId], message('别人的'));
    const page = await get(a.token, '?page=1&pageSize=2').expect(200);
    expect(page.body).toMatchObject({ total: 3, page: 1, pageSize: 2, unread: 3 });
    expect(page.body.items.map((i: { title: string }) => i.title)).toEqual([
      '您的提案已立案（三）',
      '您的提案已立案（二）',
    ]);
    expect(page.body.items[0]).toEqual({
      id: expect.any(Number),
      kind: 'proposal.accepted',
      title: '您的提案已立案（三）',
      body: expect.stringContaining('已立案'),
      link: '/proposals/1',
      createdAt: expect.any(String),
      readAt: null,
    });
    await post(a.token, `/${page.body.items[0].id}/read`).expect(200);
    const unread = await get(a.token, '?unread=1').expect(200);
    expect(unread.body).toMatchObject({ total: 2, unread: 2 });
    expect(unread.body.items.every((i: { readAt: string | null }) => i.readAt === null)).toBe(true);
    expect((await get(a.token, '?unread=maybe').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await get(a.token, '?pageSize=101').expect(400)).body.code).toBe('VALIDATION_FAILED');
    await get('', '').expect(401);
  });

  it("marks one read (stamped by the Clock, once); someone else's is 404 and stays unread", async () => {
    const a = await t.signInAs('member');
    const b = await t.signInAs('member');
    await notify([a.userId], message('读'));
    await notify([b.userId], message('他人'));
    const mine = (await get(a.token).expect(200)).body.items[0];
    const theirs = (await get(b.token).expect(200)).body.items[0];
    // Two hours on: sessions still valid (the Clock moves them too).
    const moved = t.clock.advance(2 * 3600_000);
    const read = await post(a.token, `/${mine.id}/read`).expect(200);
    t.clock.reset();
    expect(read.body.id).toBe(mine.id);
    expect(new Date(read.body.readAt).getTime()).toBeGreaterThanOrEqual(moved.getTime());
    expect(new Date(read.body.readAt).getTime()).toBeLessThan(moved.getTime() + 60_000);
    expect((await post(a.token, `/${mine.id}/read`).expect(200)).body.readAt).toBe(read.body.readAt);
    const refused = await post(a.token, `/${theirs.id}/read`).expect(404);
    expect(refused.body).toEqual({ statusCode: 404, code: 'NOTIFICATION_NOT_FOUND', message: '消息不存在' });
    await post(a.token, '/99999999/read').expect(404);
    expect((await get(b.token).expect(200)).body).toMatchObject({
      unread: 1,
      items: [expect.objectContaining({ id: theirs.id, readAt: null })],
    });
  });

  it("read-all marks every own message read and leaves others' alone", async () => {
    const a = await t.signInAs('staff');
    const b = await t.signInAs('staff');
    await notify([a.userId, b.userId], message('全部一'));
    await notify([a.userId, b.userId], message('全部二'));
    expect((await post(a.token, '/read-all').expect(200)).body).toEqual({ updated: 2, unread: 0 });
    expect((await post(a.token, '/read-all').expect(200)).body).toEqual({ updated: 0, unread: 0 });
    expect((await get(a.token).expect(200)).body).toMatchObject({ total: 2, unread: 0 });
    expect((await get(b.token).expect(200)).body).toMatchObject({ total: 2, unread: 2 });
  });

  describe('the inbox page', () => {
    it('shows the unread count in the menu and lists the messages', async () => {
      const member = await t.make.member();
      const { userId } = await t.signIn(`inbox-${process.pid}-1`, ['member'], { memberId: member.id });
      await notify([userId], message('网页', { title: '您的提案已交办', link: '/proposals/7' }));
      await notify([userId], message('网页二', { title: '您的提案已答复<script>', link: null }));
      const agent = await signInWeb(t, `inbox-${process.pid}-1`, TEST_PASSWORD);
      const home = await agent.get('/').expect(200);
      expect(navOf(home.text)).toContain(
        '<a class="service-nav__link" href="/inbox">消息 <span class="count-badge">2<span class="visually-hidden"> 条未读</span></span></a>',
      );
      const inbox = await agent.get('/inbox').expect(200);
      expect(inbox.text).toContain('<title>消息 - ');
      expect(navOf(inbox.text)).toMatch(/href="\/inbox" aria-current="page">消息/);
      const main = mainOf(inbox.text);
      expect(main).toContain('<h1 class="heading-l">消息</h1>');
      expect(main).toContain('您有 <strong>2</strong> 条未读消息');
      expect(main).toContain('<a href="/proposals/7">您的提案已交办</a>');
      expect(main).toContain('您的提案已答复&lt;script&gt;');
      expect(main).toMatch(
        /<button type="submit" class="link-button">标为已读<span class="visually-hidden">：您的提案已交办<\/span><\/button>/,
      );
    });

    it('marks one read and then all read through CSRF-protected form posts', async () => {
      const { userId } = await t.signIn(`inbox-${process.pid}-2`, ['staff']);
      for (const label of ['甲', '乙', '丙'])
        await notify([userId], message(`表单${label}`, { title: `消息${label}` }));
      const agent = await signInWeb(t, `inbox-${process.pid}-2`, TEST_PASSWORD);
      const page = await agent.get('/inbox?unread=1').expect(200);
      const id = /action="\/inbox\/(\d+)\/read"/.exec(page.text)![1];
      const done = await agent
        .post(`/inbox/${id}/read`)
        .type('form')
        .send({ _csrf: csrfIn(page.text), back: '/inbox?unread=1' })
        .expect(303);
      expect(done.headers.location).toBe('/inbox?unread=1&done=read');
      const after = await agent.get(done.headers.location).expect(200);
      expect(mainOf(after.text)).toContain('已标为已读');
      expect(mainOf(after.text)).toContain('您有 <strong>2</strong> 条未读消息');
      expect(navOf(after.text)).toContain('<span class="count-badge">2<');
      const all = await agent
        .post('/inbox/read-all')
        .type('form')
        .send({ _csrf: csrfIn(after.text) })
        .expect(303);
      expect(all.headers.location).toBe('/inbox?done=all');
      const empty = await agent.get('/inbox?done=all').expect(200);
      expect(mainOf(empty.text)).toContain('全部消息已标为已读');
      expect(navOf(empty.text)).not.toContain('count-badge');
      expect(mainOf((await agent.get('/inbox?unread=1').expect(200)).text)).toContain('没有未读消息。');
    });

    it('refuses a mark-read post without a valid _csrf (403) and changes nothing', async () => {
      const { userId } = await t.signIn(`inbox-${process.pid}-3`, ['leader']);
      await notify([userId], message('防伪'));
      const agent = await signInWeb(t, `inbox-${process.pid}-3`, TEST_PASSWORD);
      const page = await agent.get('/inbox').expect(200);
      const id = /action="\/inbox\/(\d+)\/read"/.exec(page.text)![1];
      const refused = await agent.post(`/inbox/${id}/read`).type('form').send({}).expect(403);
      expect(mainOf(refused.text)).toContain('表单已过期');
      await agent.post('/inbox/read-all').type('form').send({ _csrf: 'forged' }).expect(403);
      expect(await service.unreadCount(userId)).toBe(1);
    });

    it("someone else's message cannot be marked read through the page either (404)", async () => {
      const owner = await t.signInAs('member');
      await notify([owner.userId], message('他人网页'));
      const theirs = (await get(owner.token).expect(200)).body.items[0];
      await t.signIn(`inbox-${process.pid}-4`, ['member'], { memberId: (await t.make.member()).id });
      const agent = await signInWeb(t, `inbox-${process.pid}-4`, TEST_PASSWORD);
      const page = await agent.get('/inbox').expect(200);
      expect(mainOf(page.text)).toContain('还没有消息。');
      const res = await agent
        .post(`/inbox/${theirs.id}/read`)
        .type('form')
        .send({ _csrf: csrfIn(page.text) })
        .expect(404);
      expect(mainOf(res.text)).toContain('消息不存在');
      expect(await service.unreadCount(owner.userId)).toBe(1);
    });

    it('sends a visitor without a session to sign in', async () => {
      expect((await t.http().get('/inbox').expect(303)).headers.location).toBe('/login?next=%2Finbox');
    });
  });
});
