import ExcelJS from 'exceljs';
import { Cast } from '../support/accounts';
import { api } from '../support/api';
import { atTime, shanghai } from '../support/deadlines';
import { binary } from '../support/http';
import { proposalAt } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';
import { Agent, csrfIn, mainOf, navOf, submit, webCast } from '../support/web-client';

/** 回头看 pages: commitment rows on the reply form, the proposal page's report and verdict forms, the staff's list. */
describe('回头看 pages', () => {
  let t: TestApp;
  let c: Cast;
  let web: Record<string, Agent>;
  let id: number;

  beforeAll(async () => {
    t = await startTestApp();
    ({ c, web } = await webCast(t));
  }, 180_000);
  afterAll(() => t.close());

  const page = async (who: string, path: string, status = 200) =>
    mainOf((await web[who].get(path).expect(status)).text);
  /** POSTs one of the commitment forms of the proposal's page, with the page's CSRF token and the form's version. */
  async function post(who: string, path: string, fields: Record<string, string>, status = 303) {
    const html = (await web[who].get(`/proposals/${id}`).expect(200)).text;
    const form = html.slice(html.indexOf(`action="${path}"`));
    const version = /name="version" value="(\d+)"/.exec(form)?.[1] ?? '';
    return web[who]
      .post(path)
      .type('form')
      .send({ _csrf: csrfIn(html), version, ...fields })
      .expect(status);
  }

  it('the reply form has three 承诺事项 rows; empty rows are ignored, an A reply with one is refused in Chinese', async () => {
    id = await proposalAt(t, c, 'assigned');
    await api(t, c.unit, 'post', `/proposals/${id}/communications`, { mode: 'phone', summary: '电话沟通' }, 201);
    const path = `/proposals/${id}/reply`;
    const form = await page('unit', path);
    expect(form).toContain('承诺事项（B、C类答复填写，A类答复不填）');
    for (const n of [1, 2, 3]) {
      expect(form).toContain(`<label class="label" for="f-commitment${n}Text">第${n}项承诺内容</label>`);
      expect(form).toMatch(new RegExp(`id="f-commitment${n}Due" name="commitment${n}Due"\\s+type="date"`));
    }
    const fields = { classification: 'A', content: '已采纳。', public: 'yes' };
    const refused = mainOf(
      (await submit(web.unit, path, { ...fields, commitment2Text: '年底前完成', commitment2Due: '2099-12-31' }, 400))
        .text,
    );
    expect(refused).toContain('A类答复不填写承诺事项，承诺事项只随B、C类答复填写');
    // What was typed is shown again.
    expect(refused).toContain('value="年底前完成"');
    const halfFilled = mainOf(
      (await submit(web.unit, path, { ...fields, classification: 'B', commitment1Text: '年底前完成' }, 400)).text,
    );
    expect(halfFilled).toContain('第 1 项承诺事项的完成期限须为日期，如 2027-06-30');
    await submit(
      web.unit,
      path,
      {
        ...fields,
        classification: 'B',
        content: '已列入明年计划。',
        commitment2Text: '年底前完成加装电梯审批简化',
        commitment2Due: '2099-12-31',
      },
      303,
    );
    expect(await api(t, c.staff, 'get', `/proposals/${id}/commitments`)).toMatchObject([
      { position: 1, text: '年底前完成加装电梯审批简化', dueDate: '2099-12-31', state: 'due' },
    ]);
  });

  it('the proposal page lists the commitment; the unit reports on it, the lead judges it, each sees the other’s words', async () => {
    const lead = await page('lead', `/proposals/${id}`);
    expect(lead).toMatch(
      /承诺事项（回头看）[\s\S]*待落实<\/strong> 市住建局 · B类答复 · 完成期限 2099年12月31日[\s\S]*1\. 年底前完成加装电梯审批简化/,
    );
    expect(lead).not.toContain('/report"');
    expect(lead).not.toContain('/verdict"');
    const [commitment] = (await api(t, c.unit, 'get', `/proposals/${id}/commitments`)) as unknown as { id: number }[];
    const report = `/proposals/${id}/commitments/${commitment.id}/report`;
    const verdict = `/proposals/${id}/commitments/${commitment.id}/verdict`;
    expect(await page('unit', `/proposals/${id}`)).toContain(`action="${report}"`);

    const empty = mainOf((await post('unit', report, { text: '' }, 400)).text);
    expect(empty).toContain('请填写落实情况');
    await post('unit', report, { text: '审批流程已简化，办理时限压缩至15个工作日' });
    await web.lead.post(report).type('form').send({}).expect(403);

    const judged = await page('lead', `/proposals/${id}?done=commitment-reported`);
    expect(judged).toContain('审批流程已简化，办理时限压缩至15个工作日');
    expect(judged).toContain(`action="${verdict}"`);
    const noComment = mainOf((await post('lead', verdict, { kept: 'no' }, 400)).text);
    expect(noComment).toContain('认为承诺未兑现时，请说明情况');
    await post('lead', verdict, { kept: 'yes', comment: '确已简化' });
    const done = await page('unit', `/proposals/${id}?done=commitment-judged`);
    expect(done).toContain('评判已提交，承办单位会收到消息。');
    expect(done).toMatch(/提案人评判<\/dt><dd>已兑现（按期）：确已简化/);
    expect(done).not.toContain(`action="${report}"`);
  });

  it('回头看 for staff: the menu entry, filters, the rates by unit with 0 and — for none yet, and the Excel export', async () => {
    // Another unit's promise, due in March and never reported: overdue now.
    await atTime(t, shanghai('2026-01-10T10:00'), async () => {
      const late = await proposalAt(t, c, 'assigned', { unit: c.coUnit });
      await api(t, c.coUnit, 'post', `/proposals/${late}/communications`, { mode: 'phone', summary: '沟通' }, 201);
      await api(t, c.coUnit, 'post', `/proposals/${late}/reply`, {
        classification: 'C',
        content: '留作参考。',
        public: true,
        commitments: [{ text: '一季度内完成路灯改造', dueDate: '2026-03-31' }],
      });
    });
    expect(navOf((await web.staff.get('/').expect(200)).text)).toContain('>回头看</a>');
    expect(navOf((await web.lead.get('/').expect(200)).text)).not.toContain('>回头看</a>');
    const all = await page('staff', '/proposals/follow-up');
    expect(all).toMatch(/一季度内完成路灯改造[\s\S]*市财政局[\s\S]*2026年3月31日[\s\S]*已逾期未报告/);
    expect(all).toContain('年底前完成加装电梯审批简化');
    expect(all).toMatch(/<td>市住建局<\/td><td>1<\/td><td>1<\/td><td>1<\/td><td>1<\/td><td>100%/);
    expect(all).toMatch(/<td>市财政局<\/td><td>1<\/td><td>1<\/td><td>0<\/td><td>0<\/td><td>0%/);
    const overdue = await page('staff', '/proposals/follow-up?state=overdue');
    expect(overdue).toContain('一季度内完成路灯改造');
    expect(overdue).not.toContain('年底前完成加装电梯审批简化');
    const future = await page('leader', '/proposals/follow-up?year=2001');
    expect(future).toContain('没有符合条件的承诺事项。');
    expect(future).toContain('暂无承诺事项。');
    await web.staff.get('/proposals/follow-up?state=late').expect(400);

    // The unit sees its own, without the rates or the export.
    const unit = await page('counit', '/proposals/follow-up');
    expect(unit).toContain('一季度内完成路灯改造');
    expect(unit).not.toContain('年底前完成加装电梯审批简化');
    expect(unit).not.toContain('按期兑现率');
    // The lead member sees the commitments of their proposals; a member who signed none, none.
    expect(await page('lead', '/proposals/follow-up')).toContain('一季度内完成路灯改造');
    expect(await page('co1', '/proposals/follow-up')).toContain('没有符合条件的承诺事项。');
    // A commitment posted under another proposal's address is not found there.
    const [own] = (await api(t, c.coUnit, 'get', '/commitments')).items as { id: number }[];
    const home = (await web.counit.get('/proposals/follow-up').expect(200)).text;
    await web.counit
      .post(`/proposals/${id}/commitments/${own.id}/report`)
      .type('form')
      .send({ _csrf: csrfIn(home), text: '已完成' })
      .expect(404);

    expect(all).toContain('href="/proposals/follow-up.xlsx?"');
    const file = await web.staff.get('/proposals/follow-up.xlsx?state=overdue').buffer(true).parse(binary).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body);
    const sheet = book.getWorksheet('承诺事项')!;
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['立案编号', '承诺事项', '完成期限', '状态']));
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).values).toEqual(
      expect.arrayContaining(['一季度内完成路灯改造', '2026-03-31', '已逾期未报告']),
    );
  });
});
