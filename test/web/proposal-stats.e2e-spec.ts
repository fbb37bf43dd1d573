import { Notification } from '../../src/notifications/notification.entity';
import { Proposal } from '../../src/proposals/proposal.entities';
import { Cast } from '../support/accounts';
import { api } from '../support/api';
import { proposalAt } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';
import { Agent, csrfIn, mainOf, navOf, webCast } from '../support/web-client';

/** 办理统计 (rates with server-drawn charts) and 超期提案 with 催办, as pages. */
describe('proposal statistics and overdue pages', () => {
  let t: TestApp;
  let c: Cast;
  let web: Record<string, Agent>;
  let overdue: number;

  beforeAll(async () => {
    t = await startTestApp();
    ({ c, web } = await webCast(t, { members: ['王建国', '李其他', '赵其他'], units: ['市住建局', '市财政局'] }));
    // Four proposals: one completed (满意), one replied, one assigned and overdue, one rejected.
    await proposalAt(t, c, 'completed');
    await proposalAt(t, c, 'replied');
    overdue = await proposalAt(t, c, 'assigned');
    await t.ds.getRepository(Proposal).update({ id: overdue }, { overdue: true });
    const rejected = await proposalAt(t, c, 'submitted');
    await api(t, c.staff, 'post', `/proposals/${rejected}/review`, {
      decision: 'reject',
      ground: 'no_suggestion',
      reason: '缺少具体建议',
    });
  });
  afterAll(() => t.close());

  it('shows staff and leaders the rates with their fractions, the counts by unit, and the charts as images', async () => {
    for (const who of ['staff', 'leader']) {
      expect(navOf((await web[who].get('/').expect(200)).text)).toContain('>办理统计</a>');
      const html = mainOf((await web[who].get(`/proposals/stats?sessionId=${c.sessionId}`).expect(200)).text);
      expect(html).toContain('提案办理统计：十二届二次会议');
      // 立案 3 of 4 reviewed; 办复 2 of 3 assigned; one evaluation, 满意.
      expect(html).toContain('75%<span class="stat-card__detail">3/4</span>');
      expect(html).toContain('67%<span class="stat-card__detail">2/3</span>');
      expect(html).toContain('100%<span class="stat-card__detail">1/1</span>');
      expect(html).toContain('<td>市住建局</td><td>3</td><td>2</td><td>1</td>');
      const charts = [...html.matchAll(/<img class="chart" src="data:image\/svg\+xml;base64,([^"]+)"/g)].map((m) =>
        Buffer.from(m[1], 'base64').toString('utf8'),
      );
      expect(charts).toHaveLength(4);
      expect(charts[0]).toContain('立案率');
      expect(charts[0]).toContain('75%');
      expect(charts[3]).toContain('市住建局');
      // The page's button asks for the session's 提案办理情况报告 (the request itself: web-reports).
      expect(html).toContain('name="kind" value="proposal-annual"');
      expect(html).toContain(`name="subjectId" value="${c.sessionId}"`);
    }
  });

  it('refuses the statistics to members and units', async () => {
    await web.lead.get('/proposals/stats').expect(403);
    await web.unit.get('/proposals/stats').expect(403);
    expect(navOf((await web.lead.get('/').expect(200)).text)).not.toContain('办理统计');
  });

  it('lists overdue proposals for staff, and 催办 from the list counts the chase and tells the unit', async () => {
    const list = (await web.staff.get('/proposals/overdue').expect(200)).text;
    expect(mainOf(list)).toContain(`<a href="/proposals/${overdue}">`);
    expect(mainOf(list)).toContain('未催办');
    const version = new RegExp(`action="/proposals/${overdue}/chase"[\\s\\S]*?name="version" value="(\\d+)"`).exec(
      list,
    )?.[1];
    const res = await web.staff
      .post(`/proposals/${overdue}/chase`)
      .type('form')
      .send({ _csrf: csrfIn(list), version, back: 'overdue' })
      .expect(303);
    expect(res.headers.location).toBe('/proposals/overdue?done=chased');
    const after = mainOf((await web.staff.get(res.headers.location).expect(200)).text);
    expect(after).toContain('已催办');
    expect(after).toMatch(/1 次，最近/);
    expect((await t.ds.getRepository(Proposal).findOneByOrFail({ id: overdue })).chaseCount).toBe(1);
    expect(await t.ds.getRepository(Notification).countBy({ userId: c.unit.userId, kind: 'proposal.chased' })).toBe(1);
  });

  it('offers 催办 on the proposal page to staff only, and refuses the list and the button to members and units', async () => {
    expect((await web.staff.get(`/proposals/${overdue}`).expect(200)).text).toContain(
      `action="/proposals/${overdue}/chase"`,
    );
    expect((await web.unit.get(`/proposals/${overdue}`).expect(200)).text).not.toContain('/chase"');
    await web.lead.get('/proposals/overdue').expect(403);
    await web.unit.get('/proposals/overdue').expect(403);
    const page = (await web.unit.get(`/proposals/${overdue}`).expect(200)).text;
    await web.unit
      .post(`/proposals/${overdue}/chase`)
      .type('form')
      .send({ _csrf: csrfIn(page) })
      .expect(403);
  });
});
