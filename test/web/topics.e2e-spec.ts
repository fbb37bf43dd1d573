import { Report } from '../../src/reports/report.entities';
import { Meeting, MeetingParticipant, Outcome, Topic } from '../../src/topics/topic.entities';
import { Cast, Facilitator } from '../support/accounts';
import { api } from '../support/api';
import { startTestApp, TestApp } from '../support/test-app';
import { raise, topicAt, TopicCast } from '../support/topics';
import { Agent, csrfIn, mainOf, navOf, submit, webCast, webFacilitator } from '../support/web-client';

/** The topic pages of every role, over the topic services. */
describe('topic pages', () => {
  let t: TestApp;
  let c: Cast;
  let web: Record<string, Agent>;
  let tc: TopicCast;
  let other: Facilitator;

  beforeAll(async () => {
    // The 公示单's QR code needs the public address.
    t = await startTestApp({ XS_PUBLIC_BASE_URL: 'https://xieshang.example.gov.cn' });
    ({ c, web } = await webCast(t));
    const facilitator = await webFacilitator(t, web, 'host', '清水湾社区协商议事室');
    other = await webFacilitator(t, web, 'otherhost', '恩和社区协商议事室');
    tc = {
      staff: c.staff,
      leader: c.leader,
      facilitator,
      member: c.lead,
      member2: c.co1,
      unit: c.unit,
      unit2: c.coUnit,
      committeeId: (await t.make.committee()).id,
    };
  });
  afterAll(() => t.close());

  const page = async (who: string, path: string, status = 200) =>
    mainOf((await web[who].get(path).expect(status)).text);
  /** POSTs a form of a page (its CSRF token, and the version the page shows for that form's action). */
  async function post(who: string, from: string, action: string, fields: Record<string, string>, status = 303) {
    const html = (await web[who].get(from).expect(200)).text;
    const form = html.slice(html.indexOf(`action="${action}"`));
    const version = /name="version" value="(\d+)"/.exec(form)?.[1];
    return web[who]
      .post(action)
      .type('form')
      .send({ _csrf: csrfIn(html), ...(version ? { version } : {}), ...fields })
      .expect(status);
  }
  const topic = (id: number) => t.ds.getRepository(Topic).findOneByOrFail({ id });

  it('shows 协商议题 to every role that reads topics and 成果办理 to units; 提出议题 to those who may raise', async () => {
    for (const who of ['lead', 'staff', 'leader', 'unit', 'host'])
      expect([who, navOf((await web[who].get('/').expect(200)).text).includes('>协商议题</a>')]).toEqual([who, true]);
    expect(navOf((await web.unit.get('/').expect(200)).text)).toContain('>成果办理</a>');
    expect(navOf((await web.staff.get('/').expect(200)).text)).not.toContain('>成果办理</a>');
    expect(mainOf((await web.host.get('/').expect(200)).text)).toContain('<a href="/topics">协商议题</a>');
    for (const who of ['lead', 'staff', 'host']) expect(await page(who, '/topics')).toContain('href="/topics/new"');
    for (const who of ['leader', 'unit']) expect(await page(who, '/topics')).not.toContain('href="/topics/new"');
    for (const [who, path] of [
      ['leader', '/topics/new'],
      ['unit', '/topics/new'],
      ['lead', '/outcomes'],
      ['staff', '/outcomes'],
      ['leader', '/meetings/member-search?q=王'],
    ]) {
      const res = await web[who].get(path);
      expect([who, path, res.status]).toEqual([who, path, 403]);
      expect(mainOf(res.text)).toContain('无权访问此页面');
    }
  });

  it('raises a topic through the form: errors in Chinese keep the input; a facilitator may only name their own point', async () => {
    const form = await page('host', '/topics/new');
    expect(form.match(/<option value="(committee|sector|point):\d+"/g)).toEqual([
      `<option value="point:${tc.facilitator.pointId}"`,
    ]);
    const fields = {
      title: '吉泰润园小区停车收费',
      description: '',
      level: 'community',
      source: 'public',
      organizer: `point:${tc.facilitator.pointId}`,
      respond252: '1',
    };
    const refused = mainOf((await submit(web.host, '/topics/new', fields, 400)).text);
    expect(refused).toContain('<a href="#f-description">');
    expect(refused).toMatch(/id="f-title"[^>]*value="吉泰润园小区停车收费"/);
    expect(refused).toMatch(/id="f-respond252"[^>]*checked/);
    // Another point, posted by hand: the service's 403 page.
    const otherPoint = await submit(
      web.host,
      '/topics/new',
      { ...fields, description: '停车难', organizer: `point:${other.pointId}` },
      403,
    );
    expect(mainOf(otherPoint.text)).toContain('议事点组织者只能为本协商议事点出题');
    const created = await submit(
      web.host,
      '/topics/new',
      { ...fields, description: '地下车位月租580元，居民反映偏高。' },
      303,
    );
    const id = Number(/^\/topics\/(\d+)\?done=created$/.exec(created.headers.location)![1]);
    expect(await topic(id)).toMatchObject({
      status: 'raised',
      organizerType: 'point',
      organizerId: tc.facilitator.pointId,
      responsePolicy: '252',
      raisedByUserId: tc.facilitator.userId,
    });
    // A member raises one for a committee.
    await submit(
      web.lead,
      '/topics/new',
      {
        ...fields,
        respond252: '',
        description: '建议协商',
        level: 'city',
        source: 'member',
        organizer: `committee:${tc.committeeId}`,
      },
      303,
    );
  });

  it('lays the board out in the five steps, scoped by role, with 不予定题 apart and the filters', async () => {
    const mine = await raise(
      t,
      tc.facilitator,
      { type: 'point', id: tc.facilitator.pointId },
      { title: '本议事点的议题' },
    );
    const theirs = await raise(t, other, { type: 'point', id: other.pointId }, { title: '别的议事点的议题' });
    const declined = await topicAt(t, tc, 'declined');
    const city = await topicAt(t, tc, 'resolving', {
      organizer: { type: 'committee', id: tc.committeeId },
      by: tc.staff,
    });
    const board = await page('host', '/topics');
    const column = (html: string, status: string) =>
      html.slice(
        html.indexOf(`board__column--${status}`),
        html.indexOf('</section>', html.indexOf(`board__column--${status}`)),
      );
    expect(column(board, 'raised')).toContain(`href="/topics/${mine}"`);
    expect(board).not.toContain(`href="/topics/${theirs}"`);
    expect(board).not.toContain(`href="/topics/${city.id}"`);
    expect(board.slice(board.indexOf('board__declined'))).toContain(`href="/topics/${declined.id}"`);
    const staffBoard = await page('staff', '/topics');
    expect(column(staffBoard, 'resolving')).toMatch(
      new RegExp(`href="/topics/${city.id}"[\\s\\S]*协商会</dt><dd>1 次[\\s\\S]*采纳率</dt><dd>0%`),
    );
    expect(staffBoard).toContain(`href="/topics/${theirs}"`);
    // The member sees what they raised or took part in, not another point's.
    const memberBoard = await page('lead', '/topics');
    expect(memberBoard).toContain(`href="/topics/${city.id}"`);
    expect(memberBoard).not.toContain(`href="/topics/${theirs}"`);
    // Filters: level, organiser, year.
    expect(await page('staff', '/topics?level=city')).not.toContain(`href="/topics/${mine}"`);
    const byPoint = await page('staff', `/topics?organizer=point:${other.pointId}`);
    expect(byPoint).toContain(`href="/topics/${theirs}"`);
    expect(byPoint).not.toContain(`href="/topics/${mine}"`);
    const year = new Date().getFullYear();
    expect(await page('staff', `/topics?year=${year}`)).toContain(`href="/topics/${mine}"`);
    expect(await page('staff', `/topics?year=${year - 1}`)).not.toContain(`href="/topics/${mine}"`);
    expect(await page('staff', '/topics?level=moon', 400)).toContain('层级须为市、区县、街道、社区或网格之一');
  });

  it('offers the organiser 定题 and 不予定题 (a reason required, said on the page), and the leader no step at all', async () => {
    const id = await raise(t, tc.facilitator, { type: 'point', id: tc.facilitator.pointId });
    const shown = await page('host', `/topics/${id}`);
    expect(shown).toContain(`action="/topics/${id}/settle"`);
    expect(shown).toContain(`action="/topics/${id}/decline"`);
    const leaderView = await page('leader', `/topics/${id}`);
    expect(leaderView).not.toContain('<form method="post" action="/topics/');
    const noReason = mainOf((await post('host', `/topics/${id}`, `/topics/${id}/decline`, { reason: '' }, 400)).text);
    expect(noReason).toContain('不予定题须说明理由');
    expect(noReason).toMatch(/<details class="details" open>\s*<summary class="details__summary">不予定题/);
    await post('host', `/topics/${id}`, `/topics/${id}/decline`, { reason: '属于物业合同纠纷' });
    expect(await topic(id)).toMatchObject({ status: 'declined', declineReason: '属于物业合同纠纷' });
    expect(await page('host', `/topics/${id}?done=declined`)).toContain('已作不予定题处理');
    // Another point's facilitator: the topic does not exist for them, and acting on it is refused.
    await page('otherhost', `/topics/${id}`, 404);
    const html = (await web.otherhost.get('/topics').expect(200)).text;
    await web.otherhost
      .post(`/topics/${id}/settle`)
      .type('form')
      .send({ _csrf: csrfIn(html) })
      .expect(403);
  });

  it('records a meeting through its page; others may not edit it: another point 404/403, a member 403', async () => {
    const f = await topicAt(t, tc, 'settled');
    const created = await submit(
      web.host,
      `/topics/${f.id}/meetings/new`,
      {
        kind: 'deliberation',
        title: '第一次协商议事会',
        startsAt: '2026-06-18T09:00',
        endsAt: '2026-06-18T08:00',
        venue: '议事厅',
        chair: '苏建华',
      },
      400,
    );
    expect(mainOf(created.text)).toContain('结束时间须晚于开始时间');
    const ok = await submit(
      web.host,
      `/topics/${f.id}/meetings/new`,
      {
        kind: 'deliberation',
        title: '第一次协商议事会',
        startsAt: '2026-06-18T09:00',
        endsAt: '2026-06-18T11:30',
        venue: '议事厅',
        chair: '苏建华',
      },
      303,
    );
    const meetingId = Number(/^\/meetings\/(\d+)\?done=meeting-created$/.exec(ok.headers.location)![1]);
    expect((await t.ds.getRepository(Meeting).findOneByOrFail({ id: meetingId })).startsAt.toISOString()).toBe(
      '2026-06-18T01:00:00.000Z',
    );
    const path = `/meetings/${meetingId}`;
    const unknown = mainOf(
      (
        await post(
          'host',
          path,
          `${path}/participants`,
          { memberNames: '查无此人', unitSide: 'department', peopleSide: 'resident' },
          400,
        )
      ).text,
    );
    expect(unknown).toContain('找不到在任委员：查无此人');
    const none = mainOf(
      (await post('host', path, `${path}/participants`, { unitSide: 'department', peopleSide: 'resident' }, 400)).text,
    );
    expect(none).toContain('请至少填写一位参会人员');
    await post('host', path, `${path}/participants`, {
      memberNames: '王建国',
      unitId: String(c.unit.unitId),
      unitPerson: '王科长',
      unitSide: 'department',
      people: '王桂兰\n赵志强',
      peopleSide: 'resident',
    });
    const people = await t.ds.getRepository(MeetingParticipant).find({ where: { meetingId }, order: { id: 'ASC' } });
    expect(people.map((p) => [p.memberId, p.unitId, p.name, p.side])).toEqual([
      [c.lead.memberId, null, null, 'member'],
      [null, c.unit.unitId, '王科长', 'department'],
      [null, null, '王桂兰', 'resident'],
      [null, null, '赵志强', 'resident'],
    ]);
    await post('host', path, `${path}/attendance`, {
      [`a${people[0].id}`]: 'present',
      [`a${people[1].id}`]: 'present',
      [`a${people[2].id}`]: 'excused',
      [`a${people[3].id}`]: 'absent',
    });
    expect(
      (await t.ds.getRepository(MeetingParticipant).find({ where: { meetingId }, order: { id: 'ASC' } })).map(
        (p) => p.attendance,
      ),
    ).toEqual(['present', 'present', 'excused', 'absent']);
    await post('host', path, `${path}/speeches`, { participantId: String(people[2].id), summary: '每月580元偏高。' });
    const noMinutes = mainOf((await post('host', path, `${path}/hold`, { minutes: '' }, 400)).text);
    expect(noMinutes).toContain('请填写会议纪要');
    await post('host', path, `${path}/hold`, { minutes: '达成共识。' });
    expect(await topic(f.id)).toMatchObject({ status: 'deliberating' });
    const view = await page('lead', path);
    expect(view).toContain('王桂兰');
    expect(view).toMatch(
      /王桂兰<\/td>\s*<td class="table__nowrap">居民\/群众代表<\/td>\s*<td>\s*<strong class="tag tag--attendance-excused">请假<\/strong>/,
    );
    expect(view).toContain('每月580元偏高。');
    expect(view).not.toContain(`action="${path}/participants"`);

    // Refused: the other point's facilitator cannot open it (404) nor post to it (403); a member may not post (403); one who did not take part does not see it.
    await page('otherhost', path, 404);
    const otherHtml = (await web.otherhost.get('/topics').expect(200)).text;
    await web.otherhost
      .post(`${path}/participants`)
      .type('form')
      .send({ _csrf: csrfIn(otherHtml), people: '冒名', peopleSide: 'resident', unitSide: 'department' })
      .expect(403);
    const memberHtml = (await web.lead.get(path).expect(200)).text;
    const refused = await web.lead
      .post(`${path}/speeches`)
      .type('form')
      .send({ _csrf: csrfIn(memberHtml), participantId: String(people[0].id), summary: '冒充' })
      .expect(403);
    expect(mainOf(refused.text)).toContain('无权访问此页面');
    await page('co2', path, 404);
    expect(await t.ds.getRepository(MeetingParticipant).countBy({ meetingId })).toBe(4);
  });

  it('adds outcomes by theme, lets its unit report on it in 成果办理 and refuses another unit; participants rate it', async () => {
    const f = await topicAt(t, tc, 'deliberating');
    const path = `/topics/${f.id}`;
    const noText = mainOf(
      (await post('host', path, `${path}/outcomes`, { kind: 'recommendation', theme: '强化保障', text: '' }, 400)).text,
    );
    expect(noText).toContain('<a href="#f-text">');
    expect(noText).toMatch(/id="f-theme"[^>]*value="强化保障"/);
    await post('host', path, `${path}/outcomes`, {
      kind: 'recommendation',
      theme: '强化保障',
      text: '设立专项资金',
      unitId: String(c.unit.unitId),
      dueAt: '2026-12-31T17:00',
    });
    const shown = await page('host', `${path}?done=outcome-added`);
    expect(shown).toContain('协商成果已添加');
    expect(shown).toMatch(
      /theme__title">强化保障<\/h3>[\s\S]*设立专项资金[\s\S]*责任单位：市住建局[\s\S]*办理期限：2026年12月31日/,
    );
    await post('host', path, `${path}/resolve`, {});
    expect(await topic(f.id)).toMatchObject({ status: 'resolving' });

    const [first, second] = await t.ds.getRepository(Outcome).find({ where: { topicId: f.id }, order: { id: 'ASC' } });
    const list = await page('unit', '/outcomes');
    expect(list).toContain(`action="/outcomes/${first.id}"`);
    expect(list).toContain(`action="/outcomes/${second.id}"`);
    expect(await page('counit', '/outcomes')).not.toContain(`/outcomes/${first.id}"`);
    // Another unit posting to this unit's outcome: the 403 page, nothing changed.
    const counitHtml = (await web.counit.get('/outcomes').expect(200)).text;
    const refused = await web.counit
      .post(`/outcomes/${first.id}`)
      .type('form')
      .send({ _csrf: csrfIn(counitHtml), version: String(first.version), status: 'done', feedback: '冒名' })
      .expect(403);
    expect(mainOf(refused.text)).toContain('您无权操作该协商议题');
    expect((await t.ds.getRepository(Outcome).findOneByOrFail({ id: first.id })).status).toBe('open');
    // 未采纳 without a reason: said beside that outcome's own field.
    const noReason = mainOf(
      (
        await post(
          'unit',
          '/outcomes',
          `/outcomes/${second.id}`,
          { status: 'not_adopted', feedback: '', back: '/outcomes' },
          400,
        )
      ).text,
    );
    expect(noReason).toContain(`<a href="#f-feedback-${second.id}">未采纳须说明理由</a>`);
    for (const o of [first, second]) {
      const done = await post('unit', '/outcomes', `/outcomes/${o.id}`, {
        status: 'done',
        feedback: '已完成',
        back: '/outcomes?tab=open',
      });
      expect(done.headers.location).toBe('/outcomes?tab=open&done=feedback');
    }
    expect(await t.ds.getRepository(Outcome).countBy({ topicId: f.id, status: 'done' })).toBe(2);
    expect(await page('unit', '/outcomes?tab=closed')).toContain('已完成');

    // 评题: the member who took part; one who did not gets no form and is refused.
    expect(await page('lead', path)).toContain(`action="${path}/evaluate"`);
    expect(await page('co2', path, 404)).toBeDefined();
    const bad = mainOf((await post('lead', path, `${path}/evaluate`, { comment: '很好' }, 400)).text);
    expect(bad).toContain('评分须为 1–5 的整数');
    await post('lead', path, `${path}/evaluate`, { score: '5', comment: '很好' });
    expect(await topic(f.id)).toMatchObject({ status: 'evaluated' });
    const after = await page('lead', `${path}?done=evaluated`);
    expect(after).toContain('评价已提交');
    expect(after).not.toContain(`action="${path}/evaluate"`);
    // The organiser sees each score; the member only the average.
    expect(await page('host', path)).toMatch(/<td class="table__num">5<\/td>/);
    expect(after).not.toContain('<td class="table__num">5</td>');
  });

  it('lets staff request the 协商要报 from the topic page once a meeting was held, and it is made', async () => {
    const raised = await topicAt(t, tc, 'settled', {
      organizer: { type: 'committee', id: tc.committeeId },
      by: tc.staff,
    });
    expect(await page('staff', `/topics/${raised.id}`)).not.toContain('生成协商要报');
    const f = await topicAt(t, tc, 'resolving', { organizer: { type: 'committee', id: tc.committeeId }, by: tc.staff });
    const shown = await page('staff', `/topics/${f.id}`);
    expect(shown).toContain('<input type="hidden" name="kind" value="briefing">');
    expect(await page('host', `/topics/${(await topicAt(t, tc, 'resolving')).id}`)).not.toContain('生成协商要报');
    const html = (await web.staff.get(`/topics/${f.id}`).expect(200)).text;
    const res = await web.staff
      .post('/reports')
      .type('form')
      .send({ _csrf: csrfIn(html), kind: 'briefing', subjectType: 'topic', subjectId: String(f.id) })
      .expect(303);
    const reportId = Number(/^\/reports\/(\d+)$/.exec(res.headers.location)![1]);
    await t.jobs.finished('reports', `report:${reportId}`);
    expect(await t.ds.getRepository(Report).findOneByOrFail({ id: reportId })).toMatchObject({
      kind: 'briefing',
      subjectType: 'topic',
      subjectId: f.id,
      status: 'done',
    });
  });

  it("offers 打印公示单 on a point's topic once its outcomes are public, to its facilitator and staff only, and the sheet is made", async () => {
    const f = await topicAt(t, tc, 'resolving');
    const path = `/topics/${f.id}`;
    expect(await page('host', path)).not.toContain('打印公示单');
    await api(t, tc.facilitator, 'post', `${path}/publish`, {});
    const form = '<input type="hidden" name="kind" value="notice-sheet">';
    expect(await page('host', path)).toContain(form);
    expect(await page('staff', path)).toContain('打印公示单');
    expect(await page('leader', path)).not.toContain('打印公示单');
    const city = await topicAt(t, tc, 'resolving', {
      organizer: { type: 'committee', id: tc.committeeId },
      by: tc.staff,
    });
    await api(t, tc.staff, 'post', `/topics/${city.id}/publish`, {});
    expect(await page('staff', `/topics/${city.id}`)).not.toContain('打印公示单');
    const html = (await web.host.get(path).expect(200)).text;
    const res = await web.host
      .post('/reports')
      .type('form')
      .send({ _csrf: csrfIn(html), kind: 'notice-sheet', subjectType: 'topic', subjectId: String(f.id) })
      .expect(303);
    const reportId = Number(/^\/reports\/(\d+)$/.exec(res.headers.location)![1]);
    await t.jobs.finished('reports', `report:${reportId}`);
    expect(await t.ds.getRepository(Report).findOneByOrFail({ id: reportId })).toMatchObject({
      kind: 'notice-sheet',
      subjectId: f.id,
      status: 'done',
      pages: 1,
    });
    // The facilitator follows it on the report's page, like the office does.
    expect(await page('host', `/reports/${reportId}`)).toContain('公示单');
  });

  it('lets the organiser report on an outcome from the topic page; a stale version is said on that outcome', async () => {
    const f = await topicAt(t, tc, 'resolving');
    const path = `/topics/${f.id}`;
    const o = await t.ds.getRepository(Outcome).findOneByOrFail({ id: f.outcomeId! });
    const html = (await web.host.get(path).expect(200)).text;
    expect(html).toContain(`action="/outcomes/${o.id}"`);
    await api(t, tc.unit, 'patch', `/outcomes/${o.id}`, { status: 'in_progress', feedback: '已部署' });
    const stale = await web.host
      .post(`/outcomes/${o.id}`)
      .type('form')
      .send({ _csrf: csrfIn(html), version: String(o.version), status: 'done', feedback: '完成', back: path })
      .expect(409);
    expect(mainOf(stale.text)).toContain('该记录已被他人修改，请刷新后重试');
    expect(mainOf(stale.text)).toMatch(
      new RegExp(
        `<details class="details outcome__form" open>\\s*<summary class="details__summary">反馈办理情况</summary>\\s*<form method="post" action="/outcomes/${o.id}"`,
      ),
    );
    const ok = await post('host', path, `/outcomes/${o.id}`, { status: 'done', feedback: '完成', back: path });
    expect(ok.headers.location).toBe(`${path}?done=feedback`);
  });
});
