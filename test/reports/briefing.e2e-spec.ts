import { Report } from '../../src/reports/report.entities';
import { api } from '../support/api';
import { binary } from '../support/http';
import { expectA4, expectSubsetTrueType, pdfFacts } from '../support/pdf-tools';
import { issued } from '../support/signoff';
import { startTestApp, TestApp } from '../support/test-app';
import { meetingBody, topicAt, topicCast, TopicCast } from '../support/topics';

const SPEECH = '园区内部分企业圈而不用、用而不足，建议依法收回土地。';

/**
 * 协商要报 of a topic: requested as staff or its facilitator, numbered 第N期 per year, rendered in Chromium;
 * written as the office writes one (the title in its form, 主要问题 from the minutes and themes, every outcome
 * followed up, 报/送/发 from organization.json); a consultation point's topic is the point's 协商结果公示.
 */
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
    // As issued: a 协商要报 is numbered at 签发 (a point's notice is not signed off).
    const report = await issued(t, c.staff, res.body.id, c.leader);
    return (await t.http().get(`/api/v1/reports/${report.id}`).set(who.auth)).body;
  }

  /** The PDF's text, squeezed, of a briefing of `topicId` requested by `who`. */
  async function text(who: { auth: Record<string, string> }, report: Record<string, any>): Promise<string> {
    return pdfFacts(
      (await t.http().get(`/api/v1/reports/${report.id}/file`).set(who.auth).buffer(true).parse(binary).expect(200))
        .body,
    ).squeezed;
  }

  /** A city topic of a committee, run by the office: one 重点协商会 with a speech and minutes, two outcomes by theme, one without a unit. */
  async function cityTopic(): Promise<number> {
    const id = (
      await api(
        t,
        c.staff,
        'post',
        '/topics',
        {
          title: '关于盘活工业低效用地的重点协商',
          description: '我市部分工业园区存在土地闲置、低效利用问题。',
          level: 'city',
          source: 'plan',
          organizer: { type: 'committee', id: c.committeeId },
        },
        201,
      )
    ).id;
    await api(t, c.staff, 'post', `/topics/${id}/settle`, {});
    const meetingId = (await api(t, c.staff, 'post', `/topics/${id}/meetings`, meetingBody({ kind: 'key' }), 201)).id;
    const people = await api(
      t,
      c.staff,
      'post',
      `/meetings/${meetingId}/participants`,
      [{ memberId: c.member.memberId, side: 'member' }],
      201,
    );
    await api(
      t,
      c.staff,
      'post',
      `/meetings/${meetingId}/speeches`,
      { participantId: people.participants[0].id, summary: SPEECH },
      201,
    );
    await api(t, c.staff, 'post', `/meetings/${meetingId}/hold`, {
      minutes: '委员们与市直部门面对面沟通交流，认为低效用地底数不清、处置手段单一。',
    });
    for (const o of [
      {
        kind: 'recommendation',
        theme: '拉网排查，摸清家底',
        text: '建立低效用地台账并动态更新',
        unitId: c.unit.unitId,
      },
      { kind: 'recommendation', theme: '源头管控，长效管理', text: '严格新增工业项目准入标准' },
    ])
      await api(t, c.staff, 'post', `/topics/${id}/outcomes`, o, 201);
    return id;
  }

  it('titles a city topic in the office form, 主要问题 from the minutes and themes without the speeches, every outcome followed up, 报/送/发 from the configuration', async () => {
    const id = await cityTopic();
    const report = await rendered(c.staff, id);
    expect(report).toMatchObject({
      kind: 'briefing',
      status: 'done',
      title: '市政协就盘活工业低效用地开展重点协商',
      issueNo: expect.any(Number),
    });
    const squeezed = await text(c.staff, report);
    for (const part of [
      '协商要报',
      `第${report.issueNo}期`,
      '市政协就盘活工业低效用地开展重点协商',
      '就盘活工业低效用地进行协商',
      '二、主要问题',
      '第1次重点协商会',
      '认为低效用地底数不清、处置手段单一',
      '“拉网排查，摸清家底”“源头管控，长效管理”',
      '（一）拉网排查，摸清家底',
      '落实情况',
      '建立低效用地台账并动态更新',
      '严格新增工业项目准入标准',
      '跟进落实',
      '报：市委，市人大常委会，市政府。',
      '送：市委办公室，市政府办公室。',
      '发：各专门委员会',
    ])
      expect(squeezed).toContain(part);
    // The speeches stay in the minutes; the raw name is not quoted; nothing said twice.
    expect(squeezed).not.toContain(SPEECH.slice(0, 12));
    expect(squeezed).not.toContain('“关于盘活工业低效用地');
    expect(squeezed).not.toMatch(/协商协商|发现的问题/);
    // Both outcomes are rows of 落实情况, the unitless one too.
    const table = squeezed.slice(squeezed.indexOf('落实情况'));
    expect(table).toContain('1建立低效用地台账并');
    expect(table).toContain('2严格新增工业项目准');
  });

  it("prints a point's topic as its own 协商结果公示: the point's name heads it, no 协商要报, no 第N期, no 报/送", async () => {
    const f = await topicAt(t, c, 'evaluated');
    const point = (await api(t, c.staff, 'get', `/topics/${f.id}`)).organizer.name;
    const report = await rendered(c.staff, f.id);
    expect(report).toMatchObject({ kind: 'briefing', status: 'done', issueNo: null });
    expect(report.title).toMatch(/^关于小区停车位规划.*的协商结果公示$/);
    const squeezed = await text(c.staff, report);
    for (const part of [
      point,
      '的协商结果公示',
      '现将协商结果公示如下',
      '一、基本情况',
      '第1次协商议事会',
      '与会各方充分协商，形成共识。',
      '三、协商结果',
      '增设停车位37个',
      '已完成施工',
      '落实情况',
    ])
      expect(squeezed).toContain(part);
    for (const absent of ['协商要报', '第1期', '报：', '发：', '协商协商', '政协吴忠市委员会办公室'])
      expect(squeezed).not.toContain(absent);
    expect(squeezed).not.toMatch(/[^抄]送：/);
    const facts = pdfFacts(
      (await t.http().get(`/api/v1/reports/${report.id}/file`).set(c.staff.auth).buffer(true).parse(binary).expect(200))
        .body,
    );
    expectSubsetTrueType(facts);
    expectA4(facts);
  });

  it("numbers briefings 第1期, 第2期 … within the year, one number per 签发; a point's notice takes none, asked by its facilitator too", async () => {
    const city = { organizer: { type: 'committee' as const, id: c.committeeId }, by: c.staff };
    const a = await topicAt(t, c, 'deliberating', city);
    const b = await topicAt(t, c, 'deliberating', city);
    const first = await rendered(c.staff, a.id);
    const second = await rendered(c.staff, b.id);
    expect(second.issueNo).toBe(first.issueNo + 1);
    const own = await rendered(c.facilitator, (await topicAt(t, c, 'deliberating')).id);
    expect(own).toMatchObject({ status: 'done', issueNo: null });
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
