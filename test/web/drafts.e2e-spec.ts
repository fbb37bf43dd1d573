import request from 'supertest';
import { Account, Facilitator } from '../support/accounts';
import { api } from '../support/api';
import { COVENANT, pointHost } from '../support/drafts';
import { binary } from '../support/http';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { Agent, csrfIn, mainOf, navOf, signInWeb } from '../support/web-client';

/** The 征求意见 and 协商计划 pages, through a cookie session as a browser would post them. */
describe('征求意见 and 协商计划 pages', () => {
  let t: TestApp;
  let host: Facilitator;
  let member: Account;
  const web: Record<string, Agent> = {};
  let draftId: number;

  beforeAll(async () => {
    t = await startTestApp();
    host = await pointHost(t, 'jinping', '金塔社区协商议事室');
    const memberId = (await t.make.member({ name: '张文华' })).id;
    const m = await t.signIn('zhang', ['member'], { memberId });
    member = { token: m.token, userId: m.userId, memberId, unitId: null, auth: { Authorization: `Bearer ${m.token}` } };
    await t.signIn('office', ['staff']);
    await t.signIn('vicechair', ['leader']);
    for (const u of ['jinping', 'zhang', 'office', 'vicechair']) web[u] = await signInWeb(t, u, TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('the menu offers 征求意见 to organisers and 协商计划 to staff and leaders', async () => {
    expect(navOf((await web.jinping.get('/').expect(200)).text)).toContain('href="/drafts"');
    expect(navOf((await web.jinping.get('/').expect(200)).text)).not.toContain('href="/plans"');
    expect(navOf((await web.office.get('/').expect(200)).text)).toContain('href="/plans"');
    expect(navOf((await web.vicechair.get('/').expect(200)).text)).toContain('href="/plans"');
    expect(navOf((await web.zhang.get('/').expect(200)).text)).not.toContain('href="/drafts"');
  });

  it('the facilitator drafts a 居民公约 by pasting it, and puts it out for comment to the public', async () => {
    const form = await web.jinping.get('/drafts/new').expect(200);
    const empty = await web.jinping
      .post('/drafts/new')
      .type('form')
      .send({ _csrf: csrfIn(form.text), title: '', text: '' })
      .expect(400);
    expect(mainOf(empty.text)).toContain('请填写征求意见稿名称');
    const made = await web.jinping
      .post('/drafts/new')
      .type('form')
      .send({ _csrf: csrfIn(form.text), title: '金塔社区居民公约（修订征求意见稿）', text: COVENANT })
      .expect(303);
    draftId = Number(/\/drafts\/(\d+)/.exec(made.headers.location)![1]);
    // Invite the member through the API (the page form has no picker for it).
    await api(t, host, 'patch', `/drafts/${draftId}`, { invitedMemberIds: [member.memberId] });
    const page = await web.jinping.get(`/drafts/${draftId}`).expect(200);
    expect(mainOf(page.text)).toContain('拟稿中');
    const past = await web.jinping
      .post(`/drafts/${draftId}/open`)
      .type('form')
      .send({
        _csrf: csrfIn(page.text),
        closesAt: '2020-01-01T09:00',
        version: String((await api(t, host, 'get', `/drafts/${draftId}`)).version),
      })
      .expect(400);
    expect(mainOf(past.text)).toContain('截止时间须晚于现在');
    const version = String((await api(t, host, 'get', `/drafts/${draftId}`)).version);
    await web.jinping
      .post(`/drafts/${draftId}/open`)
      .type('form')
      .send({ _csrf: csrfIn(page.text), closesAt: '2099-03-31T17:00', openToPublic: '1', version })
      .expect(303);
    const opened = mainOf((await web.jinping.get(`/drafts/${draftId}?done=opened`).expect(200)).text);
    expect(opened).toContain('已发布征求意见');
    expect(opened).toContain('2099年3月31日 17:00');
    expect(opened).toContain(`href="/public/drafts/${draftId}"`);
  });

  it('the invited member comments clause by clause on their page; empty boxes are no comment', async () => {
    const page = await web.zhang.get(`/drafts/${draftId}`).expect(200);
    const d = await api(t, member, 'get', `/drafts/${draftId}`);
    const nothing = await web.zhang
      .post(`/drafts/${draftId}/comments`)
      .type('form')
      .send({ _csrf: csrfIn(page.text) })
      .expect(400);
    expect(mainOf(nothing.text)).toContain('请至少在一个意见框中填写意见');
    await web.zhang
      .post(`/drafts/${draftId}/comments`)
      .type('form')
      .send({ _csrf: csrfIn(page.text), [`c${d.clauses[2].id}`]: '建议明确集中充电点', general: '' })
      .expect(303);
    const after = mainOf((await web.zhang.get(`/drafts/${draftId}?done=commented`).expect(200)).text);
    expect(after).toContain('您已提出 1 条意见');
    expect(after).toContain('建议明确集中充电点');
  });

  it('the public comments without signing in (CSRF by cookie); the phone is never shown there', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const page = await agent.get(`/public/drafts/${draftId}`).expect(200);
    expect(mainOf(page.text)).toContain('第三条');
    const d = await api(t, host, 'get', `/drafts/${draftId}`);
    await request(t.app.getHttpServer())
      .post(`/public/drafts/${draftId}`)
      .type('form')
      .send({ _csrf: csrfIn(page.text), name: '吴群', [`c${d.clauses[3].id}`]: '养犬应当登记' })
      .expect(403);
    const noName = await agent
      .post(`/public/drafts/${draftId}`)
      .type('form')
      .send({ _csrf: csrfIn(page.text), name: '', [`c${d.clauses[3].id}`]: '养犬应当登记' })
      .expect(400);
    expect(mainOf(noName.text)).toContain('请填写姓名');
    expect(mainOf(noName.text)).toContain('养犬应当登记');
    const sent = await agent
      .post(`/public/drafts/${draftId}`)
      .type('form')
      .send({ _csrf: csrfIn(page.text), name: '吴群', phone: '13912345678', [`c${d.clauses[3].id}`]: '养犬应当登记' })
      .expect(303);
    const thanks = await agent.get(sent.headers.location).expect(200);
    expect(mainOf(thanks.text)).toContain('已收到您的 1 条意见');
    expect(thanks.text).not.toContain('13912345678');
  });

  it("heads each chapter once, above its first clause, on the public page and in the organiser's 意见汇总; the name comes after the text", async () => {
    const text = [
      '第一章 总则',
      '第一条 本章程适用于金塔社区。',
      '第二条 居民会议每年召开一次。',
      '第二章 居民权利',
      '第三条 居民享有选举权。',
    ].join('\n');
    const d = await api(
      t,
      host,
      'post',
      '/drafts',
      { title: '金塔社区居民自治章程（征求意见稿）', text, organizer: { type: 'point', id: host.pointId } },
      201,
    );
    const closesAt = new Date(t.clock.now().getTime() + 3 * 3_600_000).toISOString();
    await api(t, host, 'post', `/drafts/${d.id}/open`, { closesAt, openToPublic: true });
    const agent = request.agent(t.app.getHttpServer());
    const page = mainOf((await agent.get(`/public/drafts/${d.id}`).expect(200)).text);
    expect(page.match(/<h2 class="heading-m clause__chapter">[^<]+<\/h2>/g)).toEqual([
      '<h2 class="heading-m clause__chapter">第一章 总则</h2>',
      '<h2 class="heading-m clause__chapter">第二章 居民权利</h2>',
    ]);
    expect(page.split('第一章 总则')).toHaveLength(2);
    // What to say first, who says it after: the name field follows the last comment box.
    expect(page.indexOf('id="f-name"')).toBeGreaterThan(page.indexOf('id="f-general"'));
    await agent
      .post(`/public/drafts/${d.id}`)
      .type('form')
      .send({ _csrf: csrfIn(page), name: '吴群', [`c${d.clauses[2].id}`]: '建议写明选举办法' })
      .expect(303);
    const organiser = mainOf((await web.jinping.get(`/drafts/${d.id}`).expect(200)).text);
    expect(organiser.match(/<tr class="table__group"><th scope="rowgroup" colspan="6">[^<]+<\/th><\/tr>/g)).toEqual([
      '<tr class="table__group"><th scope="rowgroup" colspan="6">第一章 总则</th></tr>',
      '<tr class="table__group"><th scope="rowgroup" colspan="6">第二章 居民权利</th></tr>',
    ]);
    expect(organiser).toContain('第二章 居民权利 · 第三条');
  });

  it('the organiser types in a paper form, closes, answers a comment and records the revision; the export downloads', async () => {
    const rec = await web.jinping.get(`/drafts/${draftId}/record`).expect(200);
    const d = await api(t, host, 'get', `/drafts/${draftId}`);
    await web.jinping
      .post(`/drafts/${draftId}/comments`)
      .type('form')
      .send({
        _csrf: csrfIn(rec.text),
        authorName: '李军',
        phone: '13800001111',
        [`c${d.clauses[1].id}`]: '增加爱护绿化的内容',
      })
      .expect(303);
    const page = await web.jinping.get(`/drafts/${draftId}`).expect(200);
    expect(mainOf(page.text)).toContain('3 条，3 人（参与人员 1，征求意见表 1，公众 1）');
    expect(mainOf(page.text)).toContain('李军（征求意见表，13800001111）');
    await web.jinping
      .post(`/drafts/${draftId}/close`)
      .type('form')
      .send({ _csrf: csrfIn(page.text), version: String((await api(t, host, 'get', `/drafts/${draftId}`)).version) })
      .expect(303);
    const summary = await api(t, host, 'get', `/drafts/${draftId}/summary`);
    const comment = summary.clauses[2].comments[0];
    const refused = await web.jinping
      .post(`/drafts/${draftId}/comments/${comment.id}/disposition`)
      .type('form')
      .send({ _csrf: csrfIn(page.text), disposition: 'not_adopted', reason: '' })
      .expect(400);
    expect(mainOf(refused.text)).toContain('不采纳须说明理由');
    await web.jinping
      .post(`/drafts/${draftId}/comments/${comment.id}/disposition`)
      .type('form')
      .send({ _csrf: csrfIn(page.text), disposition: 'partly', reason: '充电点由物业公布' })
      .expect(303);
    expect(mainOf((await web.jinping.get(`/drafts/${draftId}`).expect(200)).text)).toContain('理由：充电点由物业公布');
    const xlsx = await web.jinping.get(`/drafts/${draftId}/export.xlsx`).buffer(true).parse(binary).expect(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    const revise = await web.jinping.get(`/drafts/${draftId}/revise`).expect(200);
    expect(revise.text).toContain('第五条 本公约自居民会议通过之日起施行。');
    const version = String((await api(t, host, 'get', `/drafts/${draftId}`)).version);
    await web.jinping
      .post(`/drafts/${draftId}/revise`)
      .type('form')
      .send({ _csrf: csrfIn(revise.text), text: `${COVENANT}\n第六条 文明停车。`, note: '增加一条', version })
      .expect(303);
    const revised = mainOf((await web.jinping.get(`/drafts/${draftId}`).expect(200)).text);
    expect(revised).toContain('文本（修订稿（第2稿））');
    expect(revised).toContain(`href="/drafts/${draftId}?revision=1"`);
    expect(mainOf((await web.jinping.get(`/drafts/${draftId}?revision=1`).expect(200)).text)).not.toContain(
      '第六条 文明停车',
    );
  });

  it('the plan page: staff add items by quarter, approve and start one; leaders read it without the forms', async () => {
    const list = await web.office.get('/plans').expect(200);
    const made = await web.office
      .post('/plans')
      .type('form')
      .send({ _csrf: csrfIn(list.text), year: '2099', title: '' })
      .expect(303);
    const planId = Number(/\/plans\/(\d+)/.exec(made.headers.location)![1]);
    const page = await web.office.get(`/plans/${planId}`).expect(200);
    const bad = await web.office
      .post(`/plans/${planId}/items`)
      .type('form')
      .send({ _csrf: csrfIn(page.text), title: '盘活工业低效用地', form: '', organizer: '', quarter: '', version: '1' })
      .expect(400);
    expect(mainOf(bad.text)).toContain('季度须为 1–4');
    await web.office
      .post(`/plans/${planId}/items`)
      .type('form')
      .send({
        _csrf: csrfIn(page.text),
        title: '老旧小区改造后的环境维护',
        form: 'deliberation',
        organizer: `point:${host.pointId}`,
        quarter: '2',
        leadUnitId: '',
        notes: '',
        version: '1',
      })
      .expect(303);
    const draft = await web.office.get(`/plans/${planId}`).expect(200);
    expect(mainOf(draft.text)).toContain('老旧小区改造后的环境维护');
    await web.office
      .post(`/plans/${planId}/approve`)
      .type('form')
      .send({
        _csrf: csrfIn(draft.text),
        version: String((await web.office.get(`/plans/${planId}`)).text.match(/name="version" value="(\d+)"/)![1]),
      })
      .expect(303);
    const approved = await web.office.get(`/plans/${planId}`).expect(200);
    const itemId = /\/items\/(\d+)\/start/.exec(approved.text)![1];
    await web.office
      .post(`/plans/${planId}/items/${itemId}/start`)
      .type('form')
      .send({ _csrf: csrfIn(approved.text) })
      .expect(303);
    const again = await web.office
      .post(`/plans/${planId}/items/${itemId}/start`)
      .type('form')
      .send({ _csrf: csrfIn(approved.text) })
      .expect(409);
    expect(mainOf(again.text)).toContain('该计划事项已启动为协商议题');
    const leader = mainOf((await web.vicechair.get(`/plans/${planId}`).expect(200)).text);
    expect(leader).toContain('进行中');
    expect(leader).toContain('<progress');
    expect(leader).not.toContain('<form method="post"');
    await web.zhang.get(`/plans/${planId}`).expect(403);
  });
});
