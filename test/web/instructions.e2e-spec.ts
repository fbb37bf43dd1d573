import { Cast } from '../support/accounts';
import { api } from '../support/api';
import { proposalAt } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';
import { Agent, csrfIn, mainOf, navOf, webCast } from '../support/web-client';

/**
 * The 批示 pages: a leader's 批示 on a 提案单 delivered to them (from the document's page), staff handing it to a
 * unit, the unit's 批示交办 page and its report, staff's 确认办结 — each form's refusals shown in Chinese beside the field.
 */
describe('批示 pages', () => {
  let t: TestApp;
  let c: Cast;
  let web: Record<string, Agent>;
  let reportId = 0;
  let instructionId = 0;

  /** POSTs `fields` with the CSRF token of the page at `from`. */
  async function post(who: string, from: string, to: string, fields: Record<string, string>, status: number) {
    const page = await web[who].get(from).expect(200);
    return web[who]
      .post(to)
      .type('form')
      .send({ _csrf: csrfIn(page.text), ...fields })
      .expect(status);
  }

  beforeAll(async () => {
    t = await startTestApp();
    ({ c, web } = await webCast(t, { members: ['王建国', '李附议', '赵其他'], units: ['市住建局', '市财政局'] }));
    const proposal = await proposalAt(t, c, 'assigned');
    const req = await api(
      t,
      c.staff,
      'post',
      '/reports',
      { kind: 'proposal-sheet', subject: { type: 'proposal', id: proposal } },
      202,
    );
    reportId = req.id;
    await t.jobs.finished('reports', `report:${reportId}`);
    await api(t, c.staff, 'post', `/reports/${reportId}/deliver`, { leaderUserIds: [c.leader.userId] });
  }, 180_000);
  afterAll(() => t.close());

  it('lets the leader make a 批示 from the delivered document’s page, refusing an empty one beside the field', async () => {
    const page = mainOf((await web.leader.get(`/reports/${reportId}`).expect(200)).text);
    expect(page).toContain('<h2 class="heading-m" id="instructions-heading">批示</h2>');
    expect(page).toContain('还没有批示。');
    const form = `/instructions/new?targetType=report&targetId=${reportId}`;
    // Handlebars writes the link's `=` and `&` as entities.
    expect(page).toContain(`targetType&#x3D;report&amp;targetId&#x3D;${reportId}">作出批示</a>`);
    const html = mainOf((await web.leader.get(form).expect(200)).text);
    expect(html).toContain('作出批示');
    expect(html).toContain('<option value="副市长"');
    expect(html).not.toContain('name="leaderName"');
    const target = { targetType: 'report', targetId: String(reportId) };
    const empty = await post('leader', form, '/instructions', { ...target, leaderLevel: '副市长', text: '' }, 400);
    expect(mainOf(empty.text)).toContain('请填写批示内容');
    const saved = await post(
      'leader',
      form,
      '/instructions',
      { ...target, leaderLevel: '副市长', text: '请市住建局牵头，抓紧研究落实。' },
      303,
    );
    expect(saved.headers.location).toBe(`/reports/${reportId}#instructions`);
    const after = mainOf((await web.leader.get(`/reports/${reportId}`).expect(200)).text);
    expect(after).toContain('请市住建局牵头，抓紧研究落实。');
    expect(after).toContain('（副市长）');
    instructionId = (await api(t, c.leader, 'get', `/instructions?targetType=report&targetId=${reportId}`)).items[0].id;
  });

  it('lets staff hand the 批示 to a unit from the document’s page', async () => {
    const page = mainOf((await web.staff.get(`/reports/${reportId}`).expect(200)).text);
    expect(page).toContain(`href="/instructions/${instructionId}/items/new"`);
    expect(page).toContain('录入纸质批示');
    const form = `/instructions/${instructionId}/items/new`;
    const html = mainOf((await web.staff.get(form).expect(200)).text);
    expect(html).toContain('市住建局');
    const to = `/instructions/${instructionId}/items`;
    const due = new Date(Date.now() + 8 * 3600_000 + 20 * 86_400_000).toISOString().slice(0, 10);
    const noUnit = await post('staff', form, to, { unitId: '', task: '制定加装电梯方案', dueOn: due }, 400);
    expect(mainOf(noUnit.text)).toContain('请选择承办单位');
    const saved = await post(
      'staff',
      form,
      to,
      { unitId: String(c.unit.unitId), task: '制定加装电梯方案', dueOn: due },
      303,
    );
    expect(saved.headers.location).toBe(`/reports/${reportId}#instructions`);
    const after = mainOf((await web.staff.get(`/reports/${reportId}`).expect(200)).text);
    expect(after).toContain('制定加装电梯方案');
    expect(after).toContain('承办单位：市住建局');
    expect(after).toContain('待办理');
    await web.leader.get(form).expect(403);
  });

  it('shows the unit its items with the report form, and takes its report', async () => {
    expect(navOf((await web.unit.get('/').expect(200)).text)).toContain('href="/instructions/items"');
    const html = mainOf((await web.unit.get('/instructions/items').expect(200)).text);
    expect(html).toContain('制定加装电梯方案');
    expect(html).toContain('报告办理情况');
    const itemId = Number(/action="\/instructions\/items\/(\d+)\/report"/.exec(html)?.[1]);
    const to = `/instructions/items/${itemId}/report`;
    const empty = await post('unit', '/instructions/items', to, { version: '1', text: '' }, 400);
    expect(mainOf(empty.text)).toContain('请填写办理进展');
    const done = await post('unit', '/instructions/items', to, { version: '1', text: '方案已印发。' }, 303);
    expect(done.headers.location).toBe('/instructions/items?tab=open&done=report');
    const after = mainOf((await web.unit.get(done.headers.location).expect(200)).text);
    expect(after).toContain('已报告办理情况');
    expect(after).toContain('方案已印发。');
    expect(mainOf((await web.counit.get('/instructions/items').expect(200)).text)).not.toContain('制定加装电梯方案');
    await web.lead.get('/instructions/items').expect(403);
  });

  it('lets staff accept the report; the document then shows the 批示 carried out', async () => {
    const html = mainOf((await web.staff.get('/instructions/items?tab=reported').expect(200)).text);
    expect(html).toContain('确认办结');
    const itemId = Number(/action="\/instructions\/items\/(\d+)\/accept"/.exec(html)?.[1]);
    const version = (await api(t, c.staff, 'get', `/instructions/items/${itemId}`)).version as number;
    await post(
      'staff',
      '/instructions/items?tab=reported',
      `/instructions/items/${itemId}/accept`,
      { version: String(version), tab: 'reported' },
      303,
    );
    const page = mainOf((await web.leader.get(`/reports/${reportId}`).expect(200)).text);
    expect(page).toContain('已落实');
    expect(page).toContain('已办结 1 件');
    const dashboard = mainOf((await web.leader.get('/dashboard').expect(200)).text);
    expect(dashboard).toContain('<h2 class="heading-m" id="dash-instructions">领导批示</h2>');
    expect(dashboard).toMatch(/<dt>已落实<\/dt><dd>1 件<\/dd>/);
  });

  it('shows a key proposal’s 批示 on its page to staff and leaders, with the form; its proposer does not see them', async () => {
    const key = await proposalAt(t, c, 'accepted');
    await api(t, c.leader, 'post', `/proposals/${key}/key`, {});
    const before = mainOf((await web.leader.get(`/proposals/${key}`).expect(200)).text);
    expect(before).toContain('id="instructions-heading">批示</h2>');
    expect(before).toContain(`targetType&#x3D;proposal&amp;targetId&#x3D;${key}">作出批示</a>`);
    await api(
      t,
      c.leader,
      'post',
      '/instructions',
      {
        target: { type: 'proposal', id: key },
        text: '这件重点提案要抓好督办。',
        leaderLevel: '副市长',
      },
      201,
    );
    for (const who of ['leader', 'staff']) {
      const page = mainOf((await web[who].get(`/proposals/${key}`).expect(200)).text);
      expect(page).toContain('这件重点提案要抓好督办。');
    }
    expect(mainOf((await web.staff.get(`/proposals/${key}`).expect(200)).text)).toContain('录入纸质批示');
    const proposer = mainOf((await web.lead.get(`/proposals/${key}`).expect(200)).text);
    expect(proposer).not.toContain('instructions-heading');
    // A proposal that is not a key one has no 批示 section.
    const plain = await proposalAt(t, c, 'accepted');
    expect(mainOf((await web.staff.get(`/proposals/${plain}`).expect(200)).text)).not.toContain('instructions-heading');
  });
});
