import { Report } from '../../src/reports/report.entities';
import { api } from '../support/api';
import { binary } from '../support/http';
import { expectA4, expectSubsetTrueType, pdfFacts } from '../support/pdf-tools';
import { startTestApp, TestApp } from '../support/test-app';
import { topicAt, topicCast, TopicCast } from '../support/topics';

/** 协商要报 of a topic: requested as staff or its facilitator, numbered 第N期 per year, rendered in Chromium. */
describe('reports: 协商要报 of a topic', () => {
  let t: TestApp;
  let c: TopicCast;

  beforeAll(async () => {
    t = await startTestApp();
    c = await topicCast(t);
  });
  afterAll(() => t?.close());

  async function rendered(who: { auth: Record<string, string> }, topicId: number): Promise<Record<string, any>> {
    const res = await t
      .http()
      .post('/api/v1/reports')
      .set(who.auth)
      .send({ kind: 'briefing', subject: { type: 'topic', id: topicId } });
    expect(res.status).toBe(202);
    await t.jobs.finished('reports', `report:${res.body.id}`);
    return (await t.http().get(`/api/v1/reports/${res.body.id}`).set(who.auth)).body;
  }

  it("prints the topic under the red masthead: 第N期, background, the meeting and its minutes, outcomes by theme, the unit's follow-up", async () => {
    const f = await topicAt(t, c, 'evaluated');
    const topic = await api(t, c.staff, 'get', `/topics/${f.id}`);
    const report = await rendered(c.staff, f.id);
    expect(report).toMatchObject({ kind: 'briefing', kindLabel: '协商要报', status: 'done', issueNo: 1 });
    const facts = pdfFacts(
      (await t.http().get(`/api/v1/reports/${report.id}/file`).set(c.staff.auth).buffer(true).parse(binary).expect(200))
        .body,
    );
    for (const text of [
      '协商要报',
      '第1期',
      topic.title.slice(0, 10),
      '一、基本情况',
      '与会各方充分协商，形成共识。',
      '增设停车位37个',
      '已完成施工',
      '落实情况',
    ])
      expect(facts.squeezed).toContain(text);
    expectSubsetTrueType(facts);
    expectA4(facts);
  });

  it("numbers briefings 第1期, 第2期 … within the year, one number per request, by the topic's facilitator too", async () => {
    const a = await topicAt(t, c, 'deliberating');
    const b = await topicAt(t, c, 'deliberating');
    const first = await rendered(c.facilitator, a.id);
    const second = await rendered(c.staff, b.id);
    expect(second.issueNo).toBe(first.issueNo + 1);
  });

  it("refuses a topic never met on (409), another point's facilitator (403), members and units (403)", async () => {
    const before = await t.ds.getRepository(Report).count();
    const settled = await topicAt(t, c, 'settled');
    const post = (who: { auth: Record<string, string> }, id: number) =>
      t
        .http()
        .post('/api/v1/reports')
        .set(who.auth)
        .send({ kind: 'briefing', subject: { type: 'topic', id } });
    const early = await post(c.staff, settled.id);
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('还没有召开过协商会');
    const held = await topicAt(t, c, 'deliberating');
    const other = await topicAt(t, c, 'deliberating', {
      organizer: { type: 'committee', id: c.committeeId },
      by: c.staff,
    });
    expect([403, 404]).toContain((await post(c.facilitator, other.id)).status);
    expect((await post(c.member, held.id)).status).toBe(403);
    expect((await post(c.unit, held.id)).status).toBe(403);
    expect((await post(c.staff, 999999)).status).toBe(404);
    expect(await t.ds.getRepository(Report).count()).toBe(before);
  });
});
