import { Report } from '../../src/reports/report.entities';
import { binary } from '../support/http';
import { expectA4, expectSubsetTrueType, pdfFacts } from '../support/pdf-tools';
import { seedYear, SeededYear } from '../support/records';
import { startTestApp, TestApp } from '../support/test-app';

/** 委员履职档案 (PDF) of one member and year, rendered by the reports job in Chromium. */
describe('reports: 委员履职档案', () => {
  let t: TestApp;
  let s: SeededYear;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedYear(t);
  });
  afterAll(() => t?.close());

  const request = (who: { auth: Record<string, string> }, memberId: number, params?: object) =>
    t
      .http()
      .post('/api/v1/reports')
      .set(who.auth)
      .send({ kind: 'member-record', subject: { type: 'member', id: memberId }, ...(params ? { params } : {}) });

  it('prints the year: proposals, attendance, speeches, outcomes, every points line, points and grade, in subset TrueType fonts', async () => {
    const res = await request(s.a, s.a.memberId!, { year: 2026 });
    expect(res.status).toBe(202);
    await t.jobs.finished('reports', `report:${res.body.id}`);
    const report = (await t.http().get(`/api/v1/reports/${res.body.id}`).set(s.a.auth).expect(200)).body;
    expect(report).toMatchObject({
      kind: 'member-record',
      kindLabel: '委员履职档案',
      status: 'done',
      params: { year: 2026 },
    });
    const name = (await t.http().get(`/api/v1/members/${s.a.memberId}`).set(s.c.staff.auth)).body.name;
    expect(report.title).toBe(`${name}委员2026年度履职档案`);
    const facts = pdfFacts(
      (await t.http().get(`/api/v1/reports/${report.id}/file`).set(s.a.auth).buffer(true).parse(binary).expect(200))
        .body,
    );
    // No 社情民意 filed: no section for it (the numbering closes up).
    expect(facts.squeezed).not.toContain('社情民意');
    for (const text of [
      `${name}委员2026年度履职档案`,
      '一、提交提案',
      '领衔提交提案3件，其中立案2件、重点提案1件、优秀提案1件；附议提案1件，其中立案1件。',
      '应参加协商会议5次，出席1次，请假1次，缺席2次，尚未登记1次；会议发言1次。',
      '三、视察调研',
      '应参加视察调研4次，参加2次，请假1次，缺席1次。',
      '四、成果采纳',
      '所提协商议题的成果已落实1项。',
      '五、积分明细',
      '无故缺席调研：职业教育产教融合调研',
      '2026年9月3日',
      '议》确定为重点提案',
      '附议的提案《关于完善农村客运网络的建议》',
      '无故缺席：便民生活圈界别协商会',
      '2026年6月18日',
      '基础分60分加积分58分，截至打印之日得分100分（以100分为限）；年度尚未结束，等次待年度结束后评定。',
      '100分待评定',
    ])
      expect(facts.squeezed).toContain(text);
    expectSubsetTrueType(facts);
    expectA4(facts);
  });

  it("refuses another member's record (403), units (403), a bad year (400); staff may print anyone's", async () => {
    const before = await t.ds.getRepository(Report).count();
    expect((await request(s.a, s.co.memberId!)).status).toBe(403);
    expect((await request(s.c.unit, s.a.memberId!)).status).toBe(403);
    expect((await request(s.c.staff, s.a.memberId!, { year: 'last' })).status).toBe(400);
    expect((await request(s.c.staff, s.a.memberId!, { month: 1 })).status).toBe(400);
    expect((await request(s.c.staff, 999999)).status).toBe(404);
    expect(await t.ds.getRepository(Report).count()).toBe(before);
    const staff = await request(s.c.staff, s.co.memberId!);
    expect(staff.status).toBe(202);
    await t.jobs.finished('reports', `report:${staff.body.id}`);
    expect((await t.http().get(`/api/v1/reports/${staff.body.id}`).set(s.c.staff.auth)).body).toMatchObject({
      status: 'done',
      params: { year: 2026 },
    });
  });
  it('gives 社情民意 its own section once the member has filed an item that year', async () => {
    const o = (
      await t
        .http()
        .post('/api/v1/opinions')
        .set(s.co.auth)
        .send({ title: '关于农村供水管网老化的情况反映', content: '管网漏损率高。', category: 'livelihood' })
        .expect(201)
    ).body;
    await t.http().post(`/api/v1/opinions/${o.id}/submit`).set(s.co.auth).send({}).expect(200);
    const res = await request(s.co, s.co.memberId!);
    expect(res.status).toBe(202);
    await t.jobs.finished('reports', `report:${res.body.id}`);
    const facts = pdfFacts(
      (await t.http().get(`/api/v1/reports/${res.body.id}/file`).set(s.co.auth).buffer(true).parse(binary).expect(200))
        .body,
    );
    expect(facts.squeezed).toMatch(/[一二三四五六]、社情民意报送社情民意信息1条，采用编报0条，被上级采用0次。/);
  });
});
