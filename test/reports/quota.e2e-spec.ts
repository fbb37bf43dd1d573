import { Report, ReportRequestCounter } from '../../src/reports/report.entities';
import { Account, account, cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { proposalAt } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';

/*
 * Security review L3 (issue 15, item 13): report requests had no brake — 10 requests by a member for one
 * proposal gave 10 renders. Now an identical request while the first is queued, rendering or just rendered
 * (its subject unchanged) gets that report back (200, no new render), and each person has an hourly quota
 * (here 4 for members, 6 for staff; 30 and 200 by default), refused beyond with 429 and the time to wait.
 * The requests are sent at once: the person's counter row is locked, so the decisions hold on both engines.
 */
describe('reports: reuse of an identical request, and the hourly quota', () => {
  let t: TestApp;
  let c: Cast;

  beforeAll(async () => {
    t = await startTestApp({ XS_REPORT_QUOTA_PER_HOUR: '4', XS_REPORT_QUOTA_STAFF_PER_HOUR: '6' });
    c = await cast(t);
  });
  afterAll(async () => {
    await t?.jobs.drain();
    await t?.close();
  });

  const post = (who: Account, body: object) => t.http().post('/api/v1/reports').set(who.auth).send(body);
  const sheet = (id: number) => ({ kind: 'proposal-sheet', subject: { type: 'proposal', id } });
  const record = (who: Account, year: number) => ({
    kind: 'member-record',
    subject: { type: 'member', id: who.memberId },
    params: { year },
  });
  const reportsOf = (who: Account) => t.ds.getRepository(Report).countBy({ requestedByUserId: who.userId });

  it('10 identical requests at once: one report and one render; the others get it back with 200', async () => {
    const id = await proposalAt(t, c, 'submitted');
    const before = await reportsOf(c.lead);
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(c.lead, sheet(id))));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 202]);
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    expect(await reportsOf(c.lead)).toBe(before + 1);
    const [reportId] = [...ids];
    await t.jobs.finished('reports', `report:${reportId}`);
    // Rendered a moment ago, the proposal unchanged: the same report again, rendered once.
    const again = await post(c.lead, sheet(id)).expect(200);
    expect(again.body).toMatchObject({ id: reportId, status: 'done', attempts: 1 });
    expect(await reportsOf(c.lead)).toBe(before + 1);
    expect((await t.ds.getRepository(ReportRequestCounter).findOneByOrFail({ userId: c.lead.userId })).requests).toBe(
      11,
    );
  });

  it('a changed subject, or a report older than the reuse window, is rendered anew (202)', async () => {
    const id = await proposalAt(t, c, 'accepted');
    const first = await post(c.staff, sheet(id)).expect(202);
    await t.jobs.finished('reports', `report:${first.body.id}`);
    expect((await post(c.staff, sheet(id)).expect(200)).body.id).toBe(first.body.id);
    // An audited step on the proposal after the render: the sheet would be out of date.
    await api(t, c.staff, 'post', `/proposals/${id}/assign`, { leadUnitId: c.unit.unitId });
    const second = await post(c.staff, sheet(id)).expect(202);
    expect(second.body.id).not.toBe(first.body.id);
    await t.jobs.finished('reports', `report:${second.body.id}`);
    expect((await post(c.staff, sheet(id)).expect(200)).body.id).toBe(second.body.id);
    t.clock.advance(10 * 60_000 + 1000);
    const third = await post(c.staff, sheet(id)).expect(202);
    expect(third.body.id).not.toBe(second.body.id);
    await t.jobs.finished('reports', `report:${third.body.id}`);
    t.clock.advance(3_600_000);
  });

  it('a member: 5 different requests at once within the hour (quota 4) — four are accepted, one is 429 with the time to wait', async () => {
    const member = await account(t, 'member');
    const answers = await Promise.all([2021, 2022, 2023, 2024, 2025].map((y) => post(member, record(member, y))));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 202, 202, 202, 429]);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'REPORT_QUOTA_EXCEEDED' });
    expect(refused.body.message).toMatch(/^每人每小时最多申请生成 4 份报告，请 \d+ 分钟后再试$/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await reportsOf(member)).toBe(4);
    // Asking again for one already made is no new work: it is still answered, with that report.
    const accepted = answers.find((a) => a.status === 202)!;
    expect((await post(member, record(member, accepted.body.params.year)).expect(200)).body.id).toBe(accepted.body.id);
    expect((await post(member, record(member, 2020)).expect(429)).body.code).toBe('REPORT_QUOTA_EXCEEDED');
    // An hour later the quota is free again.
    t.clock.advance(3_600_000 + 1000);
    await post(member, record(member, 2020)).expect(202);
  });

  it('staff have a larger quota (6 here, 200 by default): past the members’ 4, then 429 at the 7th', async () => {
    const member = await account(t, 'member');
    const years = [2019, 2020, 2021, 2022, 2023, 2024];
    for (const y of years) await post(c.staff, record(member, y)).expect(202);
    const refused = await post(c.staff, record(member, 2025)).expect(429);
    expect(refused.body.message).toContain('每人每小时最多申请生成 6 份报告');
  });
});
