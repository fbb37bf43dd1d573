import request from 'supertest';
import { Committee } from '../../src/directory/directory.entities';
import { tinyPng, tinyPdf } from '../support/file-fixtures';
import { binary } from '../support/http';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { Agent, csrfIn, mainOf, navOf, signInWeb } from '../support/web-client';

/** The 视察调研 pages and 我的日程, through cookie sessions as a browser posts them (no script). */
describe('视察调研 pages', () => {
  let t: TestApp;
  const web: Record<string, Agent> = {};
  const ids: Record<string, number> = {};
  let committeeId: number;
  let visitId: number;

  /** The planner's fields for the 家政 visit on 18 June 2026 (Beijing wall clock, as `datetime-local` sends it). */
  const plan = (extra: Record<string, string | string[]> = {}) => ({
    kind: 'research',
    title: '家政服务业发展情况专题调研',
    purpose: '了解我市家政服务业发展现状、培训和诚信体系建设情况。',
    organizer: `committee:${committeeId}`,
    startsAt: '2026-06-18T08:30',
    endsAt: '2026-06-18T12:00',
    // Typed out of order: saved by time.
    stopAt: ['2026-06-18T10:30', '2026-06-18T08:30', ''],
    stopPlace: ['石嘴山市家政服务行业协会', '大武口区家政龙头企业', ''],
    stopContact: ['李会长', '王经理 0952-2012345', ''],
    stopPurpose: ['座谈：行业标准与诚信体系建设', '了解家政服务员培训和持证上岗情况', ''],
    participantMemberIds: [String(ids.wang), String(ids.lin)],
    ...extra,
  });

  async function post(who: string, path: string, page: string, fields: Record<string, string | string[]>) {
    const form = await web[who].get(page).expect(200);
    return web[who]
      .post(path)
      .type('form')
      .send({ _csrf: csrfIn(form.text), ...fields });
  }

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set(new Date('2026-06-01T09:00:00+08:00'));
    // The seeded committee.
    committeeId = (await t.ds.getRepository(Committee).findOneByOrFail({ name: '经济和资源环境委员会' })).id;
    const member = async (username: string, name: string) => {
      ids[username] = (await t.make.member({ name })).id;
      await t.signIn(username, ['member'], { memberId: ids[username] });
    };
    await member('wang', '王建军');
    await member('lin', '林志强');
    await member('outsider', '赵其他');
    await t.signIn('office', ['staff']);
    await t.signIn('vicechair', ['leader']);
    await t.signIn('bureau', ['unit'], { unitId: (await t.make.unit({ name: '市商务局' })).id });
    for (const u of ['wang', 'lin', 'outsider', 'office', 'vicechair', 'bureau'])
      web[u] = await signInWeb(t, u, TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('the menu offers 视察调研 to staff and leaders and 我的日程 to members; a member opening the planner gets the 403 page', async () => {
    expect(navOf((await web.office.get('/').expect(200)).text)).toContain('href="/visits"');
    expect(navOf((await web.vicechair.get('/').expect(200)).text)).toContain('href="/visits"');
    const memberNav = navOf((await web.wang.get('/').expect(200)).text);
    expect(memberNav).toContain('href="/schedule"');
    expect(memberNav).not.toContain('href="/visits"');
    for (const path of ['/visits', '/visits/new', '/visits/free-busy']) {
      const refused = await web.wang.get(path).expect(403);
      expect(mainOf(refused.text)).toContain('您的角色无权执行此操作');
    }
    await web.wang
      .get('/visits/conflicts.json?memberIds=1&startsAt=2026-06-18T08:30:00%2B08:00&endsAt=2026-06-18T12:00:00%2B08:00')
      .expect(403);
  });

  it('staff plan the visit: messages on the form, 增加一站 re-renders with one more row, the stops saved in time order', async () => {
    const empty = await post('office', '/visits/new', '/visits/new', plan({ title: '', organizer: '' })).then((r) => r);
    expect(empty.status).toBe(400);
    expect(mainOf(empty.text)).toContain('请填写活动名称');
    expect(mainOf(empty.text)).toContain('请选择组织方');
    // The rows come back sorted, as typed.
    expect(mainOf(empty.text).indexOf('大武口区家政龙头企业')).toBeLessThan(
      mainOf(empty.text).indexOf('石嘴山市家政服务行业协会'),
    );

    const more = await post('office', '/visits/new', '/visits/new', plan({ addStop: '1' }));
    expect(more.status).toBe(200);
    expect(mainOf(more.text).match(/name="stopAt"/g)).toHaveLength(4);
    expect(mainOf(more.text)).toContain('value="家政服务业发展情况专题调研"');

    const outside = await post(
      'office',
      '/visits/new',
      '/visits/new',
      plan({
        stopAt: ['2026-06-18T13:30', '2026-06-18T08:30'],
        stopPlace: ['石嘴山市家政服务行业协会', '大武口区家政龙头企业'],
        stopContact: ['', ''],
        stopPurpose: ['', ''],
      }),
    );
    expect(outside.status).toBe(400);
    expect(mainOf(outside.text)).toContain('第2站的时间不在视察调研的时间范围内');

    const made = await post('office', '/visits/new', '/visits/new', plan());
    expect(made.status).toBe(303);
    visitId = Number(/\/visits\/(\d+)\?done=created/.exec(made.headers.location)![1]);
    const page = mainOf((await web.office.get(made.headers.location).expect(200)).text);
    expect(page).toContain('视察调研已安排');
    expect(page.indexOf('第1站　大武口区家政龙头企业')).toBeGreaterThan(0);
    expect(page.indexOf('第2站　石嘴山市家政服务行业协会')).toBeGreaterThan(page.indexOf('第1站'));
    expect(page).toContain('2026年6月18日 08:30–12:00');
    expect(page).toContain('王建军');
    expect(page).toContain('林志强');
  });

  it('a clash is a warning beside the member with the other visit and its time; 仍然安排 sends allowConflicts', async () => {
    const clash = plan({
      title: '家政服务标准化调研',
      startsAt: '2026-06-18T11:00',
      endsAt: '2026-06-18T15:00',
      stopAt: ['2026-06-18T11:00'],
      stopPlace: ['市商务局'],
      stopContact: [''],
      stopPurpose: [''],
      participantMemberIds: [String(ids.wang), String(ids.outsider)],
    });
    const refused = await post('office', '/visits/new', '/visits/new', clash);
    expect(refused.status).toBe(409);
    const main = mainOf(refused.text);
    // Beside 王建军's box, not 赵其他's.
    const wangBox = main.slice(
      main.indexOf(`data-member-id="${ids.wang}"`),
      main.indexOf(`data-member-id="${ids.wang}"`) + 1500,
    );
    expect(wangBox).toContain('与视察调研“家政服务业发展情况专题调研”（2026年6月18日 08:30–12:00）冲突');
    const otherBox = main.slice(
      main.indexOf(`data-member-id="${ids.outsider}"`),
      main.indexOf(`data-member-id="${ids.outsider}"`) + 600,
    );
    expect(otherBox).not.toContain('冲突</li>');
    expect(main).toContain('仍然安排（忽略冲突）');
    expect(main).toContain('value="家政服务标准化调研"');
    // The script's check answers the same, with the page's cookie session.
    const json = await web.office
      .get('/visits/conflicts.json')
      .query({
        memberIds: `${ids.wang},${ids.outsider}`,
        startsAt: '2026-06-18T11:00:00+08:00',
        endsAt: '2026-06-18T15:00:00+08:00',
      })
      .expect(200);
    expect(json.body).toEqual([
      expect.objectContaining({
        memberId: ids.wang,
        name: '王建军',
        with: expect.objectContaining({ type: 'visit', id: visitId }),
      }),
    ]);

    const allowed = await post('office', '/visits/new', '/visits/new', { ...clash, allowConflicts: '1' });
    expect(allowed.status).toBe(303);
  });

  it('the free/busy grid shows the picked members by day, the busy cell titled with the visit', async () => {
    const page = mainOf(
      (
        await web.office
          .get(`/visits/free-busy?memberIds=${ids.wang},${ids.lin}&from=2026-06-15&to=2026-06-21`)
          .expect(200)
      ).text,
    );
    expect(page).toContain('6/18');
    expect(page).toContain('周六');
    expect(page).toMatch(/free-busy__cell--weekend/);
    expect(page).toMatch(/free-busy__cell--busy" title="视察调研：家政服务业发展情况专题调研/);
    expect(page.match(/free-busy__cell--busy/g)!.length).toBe(2);
    const bad = await web.office
      .get(`/visits/free-busy?memberIds=${ids.wang}&from=2026-06-01&to=2026-09-30`)
      .expect(400);
    expect(mainOf(bad.text)).toContain('一次最多查看 62 天');
  });

  it('a member not invited gets the 404 page; the invited answer on their page and on 我的日程 (请假 needs a reason)', async () => {
    await web.outsider.get(`/visits/${visitId}`).expect(404);
    const page = mainOf((await web.wang.get(`/visits/${visitId}`).expect(200)).text);
    expect(page).toContain('您受邀参加此次调研');
    expect(page).not.toContain('标记为已完成');
    const noReason = await post('wang', `/visits/${visitId}/rsvp`, `/visits/${visitId}`, {
      answer: 'decline',
      reason: '',
    });
    expect(noReason.status).toBe(400);
    expect(mainOf(noReason.text)).toContain('请假须说明理由');
    // The page shown again after the error keeps the unread count of the invitation beside 消息.
    expect(navOf(noReason.text)).toMatch(
      /消息 <span class="count-badge">[1-9]\d*<span class="visually-hidden"> 条未读/,
    );
    await post('wang', `/visits/${visitId}/rsvp`, `/visits/${visitId}`, { answer: 'accept' }).then((r) =>
      expect(r.status).toBe(303),
    );

    const schedule = mainOf((await web.lin.get('/schedule').expect(200)).text);
    expect(schedule).toContain('家政服务业发展情况专题调研');
    expect(schedule).toContain('1 项邀请待答复');
    const declined = await post('lin', `/visits/${visitId}/rsvp`, '/schedule', {
      answer: 'decline',
      reason: '当天在外地出差',
      back: 'schedule',
    });
    expect(declined.status).toBe(303);
    expect(declined.headers.location).toBe('/schedule?done=declined');
    expect(mainOf((await web.lin.get('/schedule?done=declined').expect(200)).text)).toContain('已请假');

    const staffView = mainOf((await web.office.get(`/visits/${visitId}`).expect(200)).text);
    expect(staffView).toContain('当天在外地出差');
    expect(staffView).toMatch(/参加 1<\/strong><strong class="tag tag--grey">请假 1/);
    // One wording for those yet to answer; units' people (recorded by staff) are not among them.
    expect(staffView).not.toContain('未答复');
  });

  it('staff record a finding and upload a photo (CSRF checked after the multipart body); a unit and a leader are refused', async () => {
    const before = await web.office.get(`/visits/${visitId}`).expect(200);
    const version = /name="version" value="(\d+)"/.exec(mainOf(before.text))![1];
    const noProblem = await web.office
      .post(`/visits/${visitId}/findings`)
      .type('form')
      .send({ _csrf: csrfIn(before.text), problem: '', version })
      .expect(400);
    expect(mainOf(noProblem.text)).toContain('请填写发现的问题');
    await web.office
      .post(`/visits/${visitId}/findings`)
      .type('form')
      .send({
        _csrf: csrfIn(before.text),
        problem: '家政服务员持证上岗率不足四成',
        suggestion: '推行培训—考证—上岗一体化',
        theme: '技能培训',
        version,
      })
      .expect(303);

    await web.office.post(`/visits/${visitId}/photos`).attach('file', tinyPng(), '培训基地.png').expect(403);
    await web.office
      .post(`/visits/${visitId}/photos`)
      .field('_csrf', 'forged')
      .attach('file', tinyPng(), '培训基地.png')
      .expect(403);
    const pdf = await web.office
      .post(`/visits/${visitId}/photos`)
      .field('_csrf', csrfIn(before.text))
      .attach('file', tinyPdf(), '材料.pdf')
      .expect(415);
    expect(mainOf(pdf.text)).toContain('JPEG 或 PNG');
    await web.office
      .post(`/visits/${visitId}/photos`)
      .field('_csrf', csrfIn(before.text))
      .attach('file', tinyPng(), '培训基地.png')
      .expect(303);

    const page = mainOf((await web.office.get(`/visits/${visitId}`).expect(200)).text);
    expect(page).toContain('家政服务员持证上岗率不足四成');
    // Its theme shows on the finding and is offered again for the next one.
    expect(page).toContain('<strong class="tag tag--grey">技能培训</strong>');
    expect(page).toMatch(/<datalist id="finding-themes"><option value="技能培训"><\/option><\/datalist>/);
    const thumb = /<img class="photo-grid__img" src="(\/visits\/\d+\/photos\/\d+)\?preview=1"/.exec(page)!;
    const image = await web.office.get(`${thumb[1]}?preview=1`).buffer(true).parse(binary).expect(200);
    expect(image.headers['content-type']).toBe('image/png');
    // The invited member sees it; someone not invited does not.
    await web.wang.get(thumb[1]).expect(200);
    await web.outsider.get(thumb[1]).expect(404);

    const bureauPage = await web.bureau.get('/').expect(200);
    await web.bureau
      .post(`/visits/${visitId}/photos`)
      .field('_csrf', csrfIn(bureauPage.text))
      .attach('file', tinyPng(), 'x.png')
      .expect(403);
    const leaderPage = await web.vicechair.get(`/visits/${visitId}`).expect(200);
    expect(mainOf(leaderPage.text)).not.toContain('记录问题和建议');
    expect(mainOf(leaderPage.text)).not.toContain('修改行程');
    await web.vicechair
      .post(`/visits/${visitId}/findings`)
      .type('form')
      .send({ _csrf: csrfIn(leaderPage.text), problem: '领导不能记录', version })
      .expect(403);
  });

  it('completing waits for the visit to begin; then it moves to 已开展', async () => {
    const early = mainOf((await web.office.get(`/visits/${visitId}`).expect(200)).text);
    expect(early).toContain('活动开始后可标记为已完成');
    t.clock.set(new Date('2026-06-18T12:30:00+08:00'));
    // Sessions idle that long have ended: sign in again.
    for (const u of Object.keys(web)) web[u] = await signInWeb(t, u, TEST_PASSWORD);
    const page = await web.office.get(`/visits/${visitId}`).expect(200);
    const version = /name="version" value="(\d+)"/.exec(mainOf(page.text))![1];
    await web.office
      .post(`/visits/${visitId}/complete`)
      .type('form')
      .send({ _csrf: csrfIn(page.text), version })
      .expect(303);
    const done = mainOf((await web.office.get(`/visits/${visitId}?done=completed`).expect(200)).text);
    expect(done).toContain('已标记为完成');
    expect(done).toContain('已完成');
    expect(mainOf((await web.office.get('/visits?tab=past').expect(200)).text)).toContain(`href="/visits/${visitId}"`);
    expect(mainOf((await web.office.get('/visits').expect(200)).text)).not.toContain(`href="/visits/${visitId}"`);
  });

  it('a completed visit with findings offers staff 生成协商要报 (a briefing of the visit), and not its invited member', async () => {
    const before = mainOf((await web.office.get(`/visits/${visitId}`).expect(200)).text);
    expect(before).toContain('生成协商要报');
    const form = /<form method="post" action="\/reports"[^]*?生成协商要报/.exec(before)![0];
    expect(form).toContain('name="kind" value="briefing"');
    expect(form).toContain('name="subjectType" value="visit"');
    expect(form).toContain(`name="subjectId" value="${visitId}"`);
    const page = await web.office.get(`/visits/${visitId}`).expect(200);
    const asked = await web.office
      .post('/reports')
      .type('form')
      .send({ _csrf: csrfIn(page.text), kind: 'briefing', subjectType: 'visit', subjectId: String(visitId) });
    expect(asked.status).toBe(303);
    expect(mainOf((await web.wang.get(`/visits/${visitId}`).expect(200)).text)).not.toContain('生成协商要报');
  });

  it('staff cancel a planned visit with a reason; it is listed under 已取消', async () => {
    const made = await post(
      'office',
      '/visits/new',
      '/visits/new',
      plan({
        title: '农村人居环境整治调研',
        startsAt: '2026-07-02T09:00',
        endsAt: '2026-07-02T12:00',
        stopAt: ['2026-07-02T09:30'],
        stopPlace: ['叶盛镇'],
        stopContact: [''],
        stopPurpose: [''],
      }),
    );
    const id = Number(/\/visits\/(\d+)/.exec(made.headers.location)![1]);
    const page = await web.office.get(`/visits/${id}`).expect(200);
    const version = /name="version" value="(\d+)"/.exec(mainOf(page.text))![1];
    await web.office
      .post(`/visits/${id}/cancel`)
      .type('form')
      .send({ _csrf: csrfIn(page.text), reason: '与常委会会议时间冲突', version })
      .expect(303);
    expect(mainOf((await web.office.get(`/visits/${id}`).expect(200)).text)).toContain('与常委会会议时间冲突');
    expect(mainOf((await web.office.get('/visits?tab=cancelled').expect(200)).text)).toContain('农村人居环境整治调研');
  });

  it('inviting more people shows clashes beside them too; 取消邀请 withdraws one', async () => {
    const made = await post(
      'office',
      '/visits/new',
      '/visits/new',
      plan({
        title: '家政培训基地回访',
        startsAt: '2026-07-10T09:00',
        endsAt: '2026-07-10T11:00',
        stopAt: ['2026-07-10T09:00'],
        stopPlace: ['大武口区家政龙头企业'],
        stopContact: [''],
        stopPurpose: [''],
        participantMemberIds: [String(ids.lin)],
      }),
    );
    const id = Number(/\/visits\/(\d+)/.exec(made.headers.location)![1]);
    // 王建军 is busy then with another visit.
    await post(
      'office',
      '/visits/new',
      '/visits/new',
      plan({
        title: '家政行业协会座谈',
        startsAt: '2026-07-10T10:00',
        endsAt: '2026-07-10T12:00',
        stopAt: ['2026-07-10T10:00'],
        stopPlace: ['石嘴山市家政服务行业协会'],
        stopContact: [''],
        stopPurpose: [''],
        participantMemberIds: [String(ids.wang)],
      }),
    );
    const form = mainOf((await web.office.get(`/visits/${id}/invite`).expect(200)).text);
    expect(form).not.toContain(`data-member-id="${ids.lin}"`);
    const version = /name="version" value="(\d+)"/.exec(form)![1];
    const clash = await post('office', `/visits/${id}/invite`, `/visits/${id}/invite`, {
      participantMemberIds: [String(ids.wang)],
      version,
    });
    expect(clash.status).toBe(409);
    expect(mainOf(clash.text)).toContain('与视察调研“家政行业协会座谈”（2026年7月10日 10:00–12:00）冲突');
    await post('office', `/visits/${id}/invite`, `/visits/${id}/invite`, {
      participantMemberIds: [String(ids.wang)],
      allowConflicts: '1',
      version,
    }).then((r) => expect(r.status).toBe(303));
    const page = await web.office.get(`/visits/${id}`).expect(200);
    expect(mainOf(page.text)).toContain('王建军');
    const remove = /action="(\/visits\/\d+\/participants\/\d+\/remove)"/.exec(mainOf(page.text))![1];
    await web.office
      .post(remove)
      .type('form')
      .send({ _csrf: csrfIn(page.text) })
      .expect(303);
    expect(mainOf((await web.office.get(`/visits/${id}?done=uninvited`).expect(200)).text)).toContain('已取消邀请');
  });

  it('我的日程: the subscription URL is shown once, replaced and revoked; the .ics downloads with the session', async () => {
    const page = await web.wang.get('/schedule').expect(200);
    expect(mainOf(page.text)).toContain('尚未开启订阅');
    const made = await web.wang
      .post('/schedule/feed')
      .type('form')
      .send({ _csrf: csrfIn(page.text) })
      .expect(200);
    // Handlebars writes `=` in an attribute as `&#x3D;`.
    const url = /id="feed-url" type="text" value="([^"]+)"/.exec(mainOf(made.text))![1].replace(/&#x3D;/g, '=');
    expect(url).toMatch(/^http:\/\/[^/]+\/api\/v1\/members\/\d+\/calendar\.ics\?token=[\w-]+$/);
    expect(mainOf(made.text)).toContain('只显示这一次');
    expect(mainOf(made.text)).toContain('Outlook');
    const again = mainOf((await web.wang.get('/schedule').expect(200)).text);
    expect(again).toContain('订阅已开启');
    expect(again).not.toContain(url);
    const feedPath = url.replace(/^https?:\/\/[^/]+/, '');
    const feed = await request(t.app.getHttpServer()).get(feedPath).expect(200);
    expect(feed.text).toContain('家政服务业发展情况专题调研');
    const ics = await web.wang.get('/schedule/calendar.ics').expect(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    expect(ics.text).toContain('BEGIN:VCALENDAR');
    await web.wang
      .post('/schedule/feed/revoke')
      .type('form')
      .send({ _csrf: csrfIn(page.text) })
      .expect(303);
    await request(t.app.getHttpServer()).get(feedPath).expect(401);
    // Staff have no schedule of their own.
    await web.office.get('/schedule').expect(403);
  });
});
