import { proposalAt } from '../support/proposals';
import { seedYear, SeededYear } from '../support/records';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { Agent, mainOf, navOf, signInWeb } from '../support/web-client';

/** 履职档案 pages: a member's own record, the staff ranking with its export, the leaders' year at a glance. */
describe('duty record pages', () => {
  let t: TestApp;
  let s: SeededYear;
  const web: Record<string, Agent> = {};

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedYear(t);
    const links: Record<string, [string[], { memberId?: number; unitId?: number }]> = {
      a: [['member'], { memberId: s.a.memberId! }],
      co: [['member'], { memberId: s.co.memberId! }],
      staff: [['staff'], {}],
      leader: [['leader'], {}],
      unit: [['unit'], { unitId: (await t.make.unit()).id }],
    };
    for (const [name, [roles, link]] of Object.entries(links)) {
      await t.signIn(`rec-${name}`, roles as never, link);
      web[name] = await signInWeb(t, `rec-${name}`, TEST_PASSWORD);
    }
  });
  afterAll(() => t.close());

  it("shows a member their own year with the points lines linked to their sources, and refuses another member's", async () => {
    const home = (await web.a.get('/').expect(200)).text;
    expect(navOf(home)).toContain('>履职档案</a>');
    expect(navOf(home)).not.toContain('>履职排名</a>');
    const html = mainOf((await web.a.get('/records/mine?year=2026').expect(200)).text);
    expect(html).toContain('我的履职档案：2026年');
    expect(html).toContain('<dt>积分</dt><dd>58</dd>');
    expect(html).toContain('<dd>年度未结束<span class="stat-card__detail">年度结束后评定；得分为截至今日</span></dd>');
    expect(html).toContain('3 件，立案 2 件，重点提案 1 件，优秀提案 1 件');
    expect(html).toContain('应参加 5 次：出席 1，请假 1，缺席 2，尚未登记 1');
    expect(html).toContain(`<a href="/proposals/${s.proposals.p1}">提案</a>`);
    expect(html).toMatch(
      /<td>2026年6月18日<\/td><td>无故缺席：便民生活圈界别协商会<\/td><td><a href="\/topics\/\d+">会议<\/a><\/td><td>-5<\/td>/,
    );
    expect(html).toContain('name="kind" value="member-record"');
    expect(html).toContain('name="year" value="2026"');
    expect(html).toContain('<tr><th scope="row">视察调研</th><td>应参加 4 次：参加 2，请假 1，缺席 1</td></tr>');
    expect(html).toContain(
      `<td>2026年9月3日</td><td>无故缺席调研：职业教育产教融合调研</td><td><a href="/visits/${s.visits.v4}">视察调研</a></td><td>-5</td>`,
    );
    const empty = mainOf((await web.a.get('/records/mine?year=2019').expect(200)).text);
    expect(empty).toContain('2019年还没有履职记录。');
    await web.a.get(`/records/members/${s.co.memberId}`).expect(403);
    expect((await web.a.get(`/records/members/${s.a.memberId}?year=2026`).expect(200)).text).toContain(
      '<dt>积分</dt><dd>58</dd>',
    );
    await web.a.get('/records').expect(403);
    await web.a.get('/dashboard').expect(403);
    await web.unit.get('/records/mine').expect(403);
  });

  it('requests the PDF of the record from its page', async () => {
    const page = (await web.a.get('/records/mine?year=2026').expect(200)).text;
    const csrf = /name="_csrf" value="([^"]*)"/.exec(page.slice(page.indexOf('action="/reports"')))![1];
    const res = await web.a
      .post('/reports')
      .type('form')
      .send({
        _csrf: csrf,
        kind: 'member-record',
        subjectType: 'member',
        subjectId: String(s.a.memberId),
        year: '2026',
      })
      .expect(303);
    expect(res.headers.location).toMatch(/^\/reports\/\d+$/);
  });

  it('ranks members for staff with filters and a spreadsheet download; a member link opens their record', async () => {
    expect(navOf((await web.staff.get('/').expect(200)).text)).toContain('>履职排名</a>');
    const html = mainOf((await web.staff.get('/records?year=2026').expect(200)).text);
    expect(html).toContain('委员履职排名：2026年');
    expect(html).toMatch(new RegExp(`<td>1</td>\\s*<td><a href="/records/members/${s.a.memberId}\\?year=2026">`));
    expect(html).toContain('href="/records/export.xlsx?year&#x3D;2026"');
    expect(html).toContain('<th scope="col">视察调研 参加／应参加</th>');
    expect(html).toMatch(
      new RegExp(
        `/records/members/${s.a.memberId}\\?year=2026">[^<]+</a></td>\\s*<td>教育界</td>\\s*<td>3／2</td>\\s*<td>1</td>\\s*<td>1／5</td>\\s*<td>2／4</td>`,
      ),
    );
    const file = await web.staff.get('/records/export.xlsx?year=2026').expect(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect((await web.staff.get(`/records/members/${s.co.memberId}?year=2026`).expect(200)).text).toContain(
      '的履职档案：2026年',
    );
    await web.staff.get('/records?year=abc').expect(400);
  });

  it('gives leaders the year at a glance, every number a link to the list behind it', async () => {
    const html = mainOf((await web.leader.get('/dashboard?year=2026').expect(200)).text);
    expect(html).toContain('年度概览：2026年');
    expect(html).toContain('<a href="/proposals?year=2026">4 件</a>');
    expect(html).toContain('<a href="/proposals?year=2026&amp;key=true">1 件</a>');
    expect(html).toContain('<a href="/proposals?year=2026&amp;status=accepted">2</a>');
    expect(html).toContain(`<a href="/proposals/${s.proposals.p1}">关于建设城市社区嵌入式养老服务设施的建议</a>`);
    expect(html).toContain('<a href="/topics?year=2026">2 个</a>');
    expect(html).toContain('50%<span class="stat-card__detail">1/2</span>');
    expect(html).toMatch(
      /<td>教育界<\/td><td><a href="\/records\?year=2026&amp;sectorId=\d+">3<\/a><\/td><td>10%（1\/10）<\/td><td>60%（3\/5）<\/td>/,
    );
    expect(html).toContain('<a href="/visits?year=2026&amp;status=completed">4 次</a>');
    expect(html).toContain('<a href="/visits?year=2026&amp;status=planned">1 次</a>');
    expect(html).toContain(
      '<a href="/visits?year=2026&amp;status=completed">60%<span class="stat-card__detail">3/5</span></a>',
    );
    expect(html).toContain('<a href="/records?year=2026">2 名</a>');
    expect(html).toContain('另有1次已取消。');
    expect([...html.matchAll(/<img class="chart" src="data:image\/svg\+xml;base64,/g)]).toHaveLength(4);
    // The lists behind the numbers answer with the same counts.
    expect(mainOf((await web.leader.get('/proposals?year=2026&status=accepted').expect(200)).text)).toContain(
      '共 2 条',
    );
  });

  it("says the year rule on 年度概览, and points to the next year's session already taking proposals", async () => {
    const before = mainOf((await web.leader.get('/dashboard?year=2026').expect(200)).text);
    expect(before).toContain('提案按所属会次计入大会提案截止日期所在的年度');
    expect(before).not.toContain('的提案已开始征集');
    // The next 大会's proposals, collected from October 2026 (the clock stands in November 2026), count in 2027.
    const next = await t.make.session({
      name: '五届五次会议',
      opensAt: new Date('2026-10-01T00:00:00+08:00'),
      closesAt: new Date('2027-01-20T18:00:00+08:00'),
    });
    await proposalAt(t, { ...s.c, sessionId: next.id }, 'submitted');
    const html = mainOf((await web.leader.get('/dashboard?year=2026').expect(200)).text);
    expect(html).toContain(
      '五届五次会议的提案已开始征集，已收到 1 件，计入 <a href="/dashboard?year=2027">2027年度</a>。',
    );
    expect(html).toContain('<a href="/proposals?year=2026">4 件</a>');
    const api = (await t.http().get('/api/v1/stats/dashboard?year=2026').set(s.c.leader.auth).expect(200)).body;
    expect(api.collecting).toEqual([{ id: next.id, name: '五届五次会议', year: 2027, proposals: 1 }]);
    const later = (await t.http().get('/api/v1/stats/dashboard?year=2027').set(s.c.leader.auth).expect(200)).body;
    expect(later.collecting).toEqual([]);
    expect(later.sessions).toContainEqual({ id: next.id, name: '五届五次会议' });
  });
});
