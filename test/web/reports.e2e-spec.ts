import { Report, ReportDelivery } from '../../src/reports/report.entities';
import { Cast } from '../support/accounts';
import { binary } from '../support/http';
import { proposalAt } from '../support/proposals';
import { ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { Agent, csrfIn, mainOf, navOf, signInWeb, webCast } from '../support/web-client';

/** The report pages: requesting from a proposal's page, following the status, the PDF inline, delivery and 收文. */
describe('report pages', () => {
  let t: TestApp;
  let c: Cast;
  let replied: number;
  let web: Record<string, Agent>;

  beforeAll(async () => {
    t = await startTestApp();
    ({ c, web } = await webCast(t, { members: ['王建国', '李其他', '赵其他'], units: ['市住建局', '市财政局'] }));
    replied = await proposalAt(t, c, 'replied');
  });
  afterAll(() => t.close());

  /** Presses 生成… on the proposal's page: the report's id from the redirect. */
  async function requestFromProposalPage(who: string, kind: string): Promise<number> {
    const html = (await web[who].get(`/proposals/${replied}`).expect(200)).text;
    expect(html).toContain(`name="kind" value="${kind}"`);
    const res = await web[who]
      .post('/reports')
      .type('form')
      .send({ _csrf: csrfIn(html), kind, subjectType: 'proposal', subjectId: String(replied) })
      .expect(303);
    const id = Number(/^\/reports\/(\d+)$/.exec(res.headers.location)?.[1]);
    expect(id).toBeGreaterThan(0);
    return id;
  }

  it('requests a 答复函 from the proposal page, shows it rendering then done with the PDF inline, and serves the file to the page', async () => {
    const id = await requestFromProposalPage('staff', 'reply-letter');
    await t.jobs.finished('reports', `report:${id}`);
    const html = mainOf((await web.staff.get(`/reports/${id}`).expect(200)).text);
    expect(html).toContain('已生成');
    expect(html).toContain(`<iframe class="pdf-frame" src="/reports/${id}/file"`);
    expect(html).not.toContain('data-refresh-seconds');
    const file = await web.staff.get(`/reports/${id}/file`).buffer(true).parse(binary).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^inline;/);
    expect((file.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await web.staff.get(`/reports/${id}/file?download=1`).expect(200)).headers['content-disposition']).toMatch(
      /^attachment;/,
    );
    const list = mainOf((await web.staff.get('/reports').expect(200)).text);
    expect(list).toContain(`<a href="/reports/${id}">`);
  });

  it('asks the page to refresh itself while a report is queued', async () => {
    const report = await t.ds.getRepository(Report).save({
      kind: 'proposal-sheet',
      subjectType: 'proposal',
      subjectId: replied,
      params: '{}',
      title: '排队中的提案单',
      issueNo: null,
      // Another staff account's: a queued report of c.staff's own would be given back to its later identical requests.
      requestedByUserId: (await t.signInAs('staff')).userId,
      status: 'queued',
      attempts: 0,
      requestedAt: new Date(),
    });
    const html = mainOf((await web.staff.get(`/reports/${report.id}`).expect(200)).text);
    expect(html).toContain('data-refresh-seconds="2"');
    expect(html).toContain('排队中');
    expect(html).not.toContain('<iframe');
  });

  it('delivers to a leader from the report page; the leader finds it in 收文, opening it marks it read, staff see the receipt', async () => {
    const id = await requestFromProposalPage('staff', 'proposal-sheet');
    await t.jobs.finished('reports', `report:${id}`);
    const page = (await web.staff.get(`/reports/${id}`).expect(200)).text;
    expect(page).toContain(`value="${c.leader.userId}"`);
    const none = await web.staff
      .post(`/reports/${id}/deliver`)
      .type('form')
      .send({ _csrf: csrfIn(page) })
      .expect(400);
    expect(mainOf(none.text)).toContain('请至少选择一位领导');
    await web.staff
      .post(`/reports/${id}/deliver`)
      .type('form')
      .send({ _csrf: csrfIn(page), leaderUserIds: String(c.leader.userId) })
      .expect(303);
    expect(await t.ds.getRepository(ReportDelivery).countBy({ reportId: id })).toBe(1);

    const leaderHome = (await web.leader.get('/').expect(200)).text;
    expect(navOf(leaderHome)).toContain('>收文</a>');
    const inbox = mainOf((await web.leader.get('/reports/inbox').expect(200)).text);
    expect(inbox).toContain(`<a href="/reports/${id}">`);
    expect(inbox).toContain('未阅');
    // The leader reads the document, not its bookkeeping: no checksum, byte count or attempts (staff keep them).
    const leaderPage = mainOf((await web.leader.get(`/reports/${id}`).expect(200)).text);
    expect(leaderPage).toContain('页数');
    for (const internal of ['SHA-256', '校验值', '字节', '已尝试']) expect(leaderPage).not.toContain(internal);
    expect(mainOf(page)).toContain('SHA-256');
    await web.leader.get(`/reports/${id}/file`).expect(200);
    expect(mainOf((await web.leader.get('/reports/inbox').expect(200)).text)).toContain('已阅');
    expect(mainOf((await web.staff.get(`/reports/${id}`).expect(200)).text)).toMatch(/已阅/);
  });

  it("refuses what a role may not do: 收文 to non-leaders, delivery to non-staff, another person's report, a request without access, a missing CSRF token", async () => {
    await web.staff.get('/reports/inbox').expect(403);
    await web.lead.get('/reports/inbox').expect(403);
    const id = await requestFromProposalPage('staff', 'proposal-sheet');
    await t.jobs.finished('reports', `report:${id}`);
    const page = (await web.lead.get('/proposals/' + replied).expect(200)).text;
    await web.lead
      .post(`/reports/${id}/deliver`)
      .type('form')
      .send({ _csrf: csrfIn(page), leaderUserIds: String(c.leader.userId) })
      .expect(403);
    await web.co1.get(`/reports/${id}`).expect(404);
    await web.co1.get(`/reports/${id}/file`).expect(404);
    const before = await t.ds.getRepository(Report).count();
    const other = (await web.co1.get('/').expect(200)).text;
    await web.co1
      .post('/reports')
      .type('form')
      .send({ _csrf: csrfIn(other), kind: 'proposal-sheet', subjectType: 'proposal', subjectId: String(replied) })
      .expect(403);
    await web.staff
      .post('/reports')
      .type('form')
      .send({ kind: 'proposal-sheet', subjectType: 'proposal', subjectId: String(replied) })
      .expect(403);
    expect(await t.ds.getRepository(Report).count()).toBe(before);
  });

  it("shows reports in the 审计日志 in words: the filter offers every audited kind, a render's state change reads 状态：排队中 → 状态：已生成…", async () => {
    const id = await requestFromProposalPage('staff', 'proposal-sheet');
    await t.jobs.finished('reports', `report:${id}`);
    const admin = await signInWeb(t, 'admin', ADMIN_PASSWORD);
    const page = mainOf((await admin.get('/admin/audit?entityType=report').expect(200)).text);
    expect(page).toMatch(new RegExp(`申请生成</td>\\s*<td>报告 ${id}</td>`));
    expect(page).toMatch(
      new RegExp(
        `生成</td>\\s*<td>报告 ${id}</td>\\s*<td class="table__wrap">\\s*<span class="change">状态：排队中 → 状态：已生成；页数：\\d+`,
      ),
    );
    expect(page).toContain('<span class="change">类别：提案单</span>');
    expect(page).toContain(`<span class="change">对象：提案 ${replied}</span>`);
    for (const kind of ['提案', '协商议题', '视察调研', '报告', '账号'])
      expect(page).toMatch(new RegExp(`<option value="[a-z_]+"( selected)?>${kind}</option>`));
    expect(page).toContain('<option value="report" selected>报告</option>');
    expect(mainOf((await admin.get('/admin/audit?entityType=proposal').expect(200)).text)).toContain('答复</td>');
  });
});
