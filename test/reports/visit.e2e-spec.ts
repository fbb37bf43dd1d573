import { PHOTO_MAX_PX } from '../../src/reports/kinds/visit-report-kind';
import { ReportKinds } from '../../src/reports/report-kinds';
import { Report } from '../../src/reports/report.entities';
import { api } from '../support/api';
import { QUIET_SWEEPS, shanghai } from '../support/deadlines';
import { jpegWithThumbnail, tinyJpeg } from '../support/file-fixtures';
import { binary } from '../support/http';
import { expectA4, expectSubsetTrueType, pdfFacts, pdfImages } from '../support/pdf-tools';
import { cameraPhotos } from '../support/photos';
import { issued } from '../support/signoff';
import { startTestApp, TestApp } from '../support/test-app';
import { topicAt, topicCast } from '../support/topics';
import { createVisit, visitBody, visitCast, VisitCast } from '../support/visits';

/*
 * Reports of a field visit, rendered by the reports job in Chromium: the 视察调研报告 (a formal document
 * with the itinerary, findings by stop, 20 camera photos scaled down, and the 版记) and the 协商要报 of a
 * visit, which shares its 第N期 counter with topic briefings. Only a completed visit is reported on.
 */
describe('reports of a field visit: 视察调研报告 and 协商要报', () => {
  let t: TestApp;
  let c: VisitCast;
  let v: Record<string, any>;
  let names: Record<'m1' | 'm2' | 'm3', string>;
  let unitName: string;
  let photoBytes = 0;
  const PHOTOS = 20;

  const request = (who: { auth: Record<string, string> }, kind: string, subject: object, params?: object) =>
    t
      .http()
      .post('/api/v1/reports')
      .set(who.auth)
      .send({ kind, subject, ...(params ? { params } : {}) });

  async function rendered(kind: string, subject: object): Promise<{ report: Record<string, any>; pdf: Buffer }> {
    const res = await request(c.staff, kind, subject);
    if (res.status !== 202) throw new Error(`${kind}: ${res.status} ${JSON.stringify(res.body)}`);
    // What is printed once issued: 协商要报 and 调研报告 are taken through 签发 (numbered then).
    const report = await issued(t, c.staff, res.body.id);
    const pdf = (
      await t.http().get(`/api/v1/reports/${res.body.id}/file`).set(c.staff.auth).buffer(true).parse(binary).expect(200)
    ).body as Buffer;
    return { report, pdf };
  }

  beforeAll(async () => {
    // The 协商要报 of the visit is printed twice for its numbering: no reuse of a rendered one (see quota.e2e-spec.ts).
    t = await startTestApp({ ...QUIET_SWEEPS, XS_REPORT_REUSE_MINUTES: '0' });
    c = await visitCast(t);
    const unit = await api(t, c.staff, 'get', `/units/${c.unit.unitId}`);
    unitName = unit.name;
    const name = async (m: { memberId: number | null }) =>
      (await api(t, c.staff, 'get', `/members/${m.memberId}`)).name as string;
    names = { m1: await name(c.m1), m2: await name(c.m2), m3: await name(c.m3) };
    t.clock.set(shanghai('2026-06-08T09:00'));
    v = await createVisit(
      t,
      c.staff,
      visitBody(c.committeeId, {
        title: '家政服务业发展情况专题调研',
        participantMemberIds: [c.m1.memberId, c.m2.memberId, c.m3.memberId],
        invitedUnitPeople: [{ unitId: c.unit.unitId, name: '张科长' }],
        allowConflicts: true,
      }),
    );
    await api(t, c.m1, 'post', `/visits/${v.id}/rsvp`, { answer: 'accept' });
    await api(t, c.m2, 'post', `/visits/${v.id}/rsvp`, { answer: 'decline', reason: '当天参加全区人大会议' });
    const [stop1, stop2] = v.stops;
    await api(
      t,
      c.staff,
      'post',
      `/visits/${v.id}/findings`,
      {
        problem: '家政服务员持证率不足四成，培训与岗位需求脱节',
        suggestion: '建立培训补贴与持证上岗挂钩机制',
        stopId: stop1.id,
      },
      201,
    );
    await api(
      t,
      c.staff,
      'post',
      `/visits/${v.id}/findings`,
      {
        problem: '行业诚信信息分散，消费者难以查询',
        suggestion: '依托行业协会建设家政服务信用信息平台',
        stopId: stop2.id,
      },
      201,
    );
    await api(t, c.staff, 'post', `/visits/${v.id}/findings`, { problem: '家政企业规模小、抗风险能力弱' }, 201);
    for (const [i, photo] of (await cameraPhotos(PHOTOS)).entries()) {
      photoBytes += photo.length;
      await t
        .http()
        .post(`/api/v1/visits/${v.id}/photos`)
        .set(c.staff.auth)
        .attach('file', photo, `现场照片${i + 1}.jpg`)
        .expect(201);
    }
    t.clock.set(shanghai('2026-06-18T12:10'));
    v = await api(t, c.staff, 'post', `/visits/${v.id}/complete`, {});
    t.clock.reset();
    // Camera-sized photos made and uploaded: past the hooks' one minute on a busy machine (no assertion is timed).
  }, 180_000);
  afterAll(() => t?.close());
  afterEach(() => t.clock.reset());

  it('prints the 视察调研报告: organiser, time, purpose, who took part and who was excused, the itinerary, findings by stop with suggestions, photos, 版记', async () => {
    const { report, pdf } = await rendered('visit-report', { type: 'visit', id: v.id });
    expect(report).toMatchObject({
      kind: 'visit-report',
      kindLabel: '视察调研报告',
      status: 'done',
      issueNo: null,
      title: '家政服务业发展情况专题调研报告',
      subject: { type: 'visit', id: v.id },
    });
    const facts = pdfFacts(pdf);
    for (const text of [
      '视察调研报告',
      '家政服务业发展情况专题调研报告',
      `组织1名委员，就家政服务业发展情况开展专题调研，先后到大武口区家政龙头企业、石嘴山市家政服务行业协会实地了解情况，发现问题3个、提出建议2条。`,
      '一、基本情况',
      '（一）调研目的',
      '了解我市家政服务业发展现状',
      `组织单位：政协吴忠市委员会${v.organizer.name}。`,
      '时间：2026年6月18日08:30至12:00。',
      `参加的委员：${names.m1}。`,
      `受邀单位人员：${unitName}张科长。`,
      `请假：${names.m2}。`,
      `未答复、未参加：${names.m3}。`,
      '二、行程安排',
      // Table cells wrap: each row's start, and a cell's second line.
      '108:30大武口区家政龙头企',
      '0952-2012345',
      '210:30石嘴山市家政服务行',
      '三、发现的问题和建议',
      '（一）大武口区家政龙头企业',
      '1.家政服务员持证率不足四成，培训与岗位需求脱节',
      '建议：建立培训补贴与持证上岗挂钩机制',
      '（二）石嘴山市家政服务行业协会',
      '（三）其他方面',
      '1.家政企业规模小、抗风险能力弱',
      '四、现场照片',
      '图1现场照片1',
      `图${PHOTOS}现场照片${PHOTOS}`,
      `抄送：${unitName}。`,
      '印发',
    ])
      expect(facts.squeezed).toContain(text.replace(/\s+/g, ''));
    // The reason for 请假 is the member's own business: not printed.
    expect(facts.squeezed).not.toContain('全区人大会议');
    expectSubsetTrueType(facts);
    expectA4(facts);
    // Every photo is in, scaled down to PHOTO_MAX_PX as a JPEG: the PDF is a small part of the photos uploaded.
    const images = pdfImages(pdf);
    expect(images).toHaveLength(PHOTOS);
    for (const img of images) expect(Math.max(img.width, img.height)).toBeLessThanOrEqual(PHOTO_MAX_PX);
    expect(images.every((img) => img.enc === 'jpeg')).toBe(true);
    expect(report.bytes).toBe(pdf.length);
    expect(pdf.length * 5).toBeLessThan(photoBytes);
    process.stdout.write(
      `视察调研报告: ${PHOTOS} photos of ${(photoBytes / 1e6).toFixed(1)} MB uploaded → PDF ${(pdf.length / 1e6).toFixed(2)} MB, ${report.pages} pages\n`,
    );
    // Rendered twice (the 送审稿 and, after 签发, the final), each shrinking the 20 photos: more than the default minute on a busy machine.
  }, 180_000);

  it('prints the 协商要报 of the visit under the red masthead, numbered with the topic briefings, with the topics and proposals that came of it', async () => {
    const topic = await api(
      t,
      c.staff,
      'post',
      `/visits/${v.id}/topics`,
      { title: '推动家政服务业提质扩容', description: '据家政服务业专题调研提出。', level: 'city' },
      201,
    );
    const session = await t.make.session();
    const proposal = await api(
      t,
      c.m1,
      'post',
      `/visits/${v.id}/proposals`,
      { sessionId: session.id, title: '关于推动家政服务业提质扩容的建议', category: 'society' },
      201,
    );
    await api(t, c.m1, 'post', `/proposals/${proposal.id}/submit`, {});
    expect([topic.visitId, proposal.visitId]).toEqual([v.id, v.id]);
    const draftOnly = await api(
      t,
      c.m1,
      'post',
      `/visits/${v.id}/proposals`,
      { sessionId: session.id, title: '关于家政员社保的建议（草稿）', category: 'society' },
      201,
    );

    const first = await rendered('briefing', { type: 'visit', id: v.id });
    const tc = await topicCast(t);
    // A committee's topic: a consultation point's is its own 协商结果公示 and takes no 第N期.
    const held = await topicAt(t, tc, 'deliberating', {
      organizer: { type: 'committee', id: tc.committeeId },
      by: tc.staff,
    });
    const topicBriefing = await rendered('briefing', { type: 'topic', id: held.id });
    const second = await rendered('briefing', { type: 'visit', id: v.id });
    expect([topicBriefing.report.issueNo, second.report.issueNo]).toEqual([
      first.report.issueNo + 1,
      first.report.issueNo + 2,
    ]);
    expect(first.report).toMatchObject({
      kind: 'briefing',
      kindLabel: '协商要报',
      status: 'done',
      title: '关于家政服务业发展情况的调研报告',
      subject: { type: 'visit', id: v.id },
    });

    const facts = pdfFacts(second.pdf);
    for (const text of [
      '协商要报',
      `第${second.report.issueNo}期`,
      '关于家政服务业发展情况的调研报告',
      '组织1名委员，就家政服务业发展情况开展专题调研',
      '一、基本情况',
      '了解我市家政服务业发展现状',
      `时间为2026年6月18日08:30至12:00，${names.m1}等委员参加。`,
      '二、发现的问题',
      '（一）大武口区家政龙头企业',
      '家政服务员持证率不足四成',
      '（三）其他方面',
      '三、意见建议',
      '1.依托行业协会建设家政服务信用信息平台',
      '四、后续工作',
      '后续事项',
      // Table cells wrap: the start of each row's item and the cells that fit on one line.
      '1协商议题《推动家政',
      '尚未形成成果已出题',
      '2提案《关于推动家政',
      `${names.m1}委员`,
      '—已提交',
      '报：市委，市人大常委会，市政府。',
      '送：市委办公室，市政府办公室。',
      `抄送：${unitName}。`,
    ])
      expect(facts.squeezed).toContain(text);
    // Nothing said twice, no raw name in quotes.
    expect(facts.squeezed).not.toMatch(/调研情况的报告|协商协商|“家政服务业发展情况专题调研”/);
    // A draft is its author's: not in the office's briefing.
    expect(facts.squeezed).not.toContain('草稿');
    expect(draftOnly.status).toBe('draft');
    expectSubsetTrueType(facts);
    expectA4(facts);
    // The topic briefing keeps its own last section.
    expect(pdfFacts(topicBriefing.pdf).squeezed).not.toContain('后续工作');
  });

  it("groups the 协商要报's suggestions by the theme each finding names; those without one stay under their stop", async () => {
    t.clock.set(shanghai('2026-06-08T09:00'));
    const w = await createVisit(t, c.staff, visitBody(c.committeeId, { allowConflicts: true }));
    const [stop1, stop2] = w.stops;
    const finding = (body: Record<string, unknown>) => api(t, c.staff, 'post', `/visits/${w.id}/findings`, body, 201);
    await finding({
      problem: '培训补贴申领手续繁琐',
      suggestion: '简化培训补贴申领流程',
      theme: '资金保障',
      stopId: stop1.id,
    });
    await finding({
      problem: '持证家政员流失严重',
      suggestion: '建立家政员技能等级与薪酬挂钩机制',
      theme: '人才培养',
      stopId: stop1.id,
    });
    await finding({
      problem: '协会经费不足',
      suggestion: '将行业协会运转经费纳入财政预算',
      theme: ' 资金保障 ',
      stopId: stop2.id,
    });
    await finding({ problem: '信用信息分散', suggestion: '建设统一的家政服务信用信息平台', stopId: stop2.id });
    t.clock.set(shanghai('2026-06-18T12:10'));
    const done = await api(t, c.staff, 'post', `/visits/${w.id}/complete`, {});
    t.clock.reset();
    expect(done.findings.map((f: { theme: string | null }) => f.theme)).toEqual([
      '资金保障',
      '人才培养',
      '资金保障',
      null,
    ]);

    const facts = pdfFacts((await rendered('briefing', { type: 'visit', id: w.id })).pdf);
    const recommendations = facts.squeezed.slice(facts.squeezed.indexOf('三、意见建议'));
    const order = [
      '（一）资金保障',
      '1.简化培训补贴申领流程',
      '2.将行业协会运转经费纳入财政预算',
      '（二）人才培养',
      '1.建立家政员技能等级与薪酬挂钩机制',
      '（三）石嘴山市家政服务行业协会',
      '1.建设统一的家政服务信用信息平台',
    ].map((text) => recommendations.indexOf(text));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // 发现的问题 stay by stop: where they were seen.
    expect(facts.squeezed).toMatch(
      /二、发现的问题（一）大武口区家政龙头企业.*培训补贴申领手续繁琐.*持证家政员流失严重/,
    );
  });

  it("falls back to a broken photo's EXIF thumbnail, and leaves out one with none, saying so; a visit without findings still has its report", async () => {
    t.clock.set(shanghai('2026-06-09T09:00'));
    const w = await createVisit(
      t,
      c.staff,
      visitBody(c.committeeId, {
        startsAt: '2026-06-11T08:30:00+08:00',
        endsAt: '2026-06-11T12:00:00+08:00',
        stops: [],
      }),
    );
    const [thumb] = await cameraPhotos(1, 160, 120);
    // Both pass the type check by their first bytes, but neither main image decodes.
    await t
      .http()
      .post(`/api/v1/visits/${w.id}/photos`)
      .set(c.staff.auth)
      .attach('file', jpegWithThumbnail(thumb), '有缩略图.jpg')
      .expect(201);
    await t
      .http()
      .post(`/api/v1/visits/${w.id}/photos`)
      .set(c.staff.auth)
      .attach('file', tinyJpeg(), '损坏.jpg')
      .expect(201);
    t.clock.set(shanghai('2026-06-11T12:30'));
    await api(t, c.staff, 'post', `/visits/${w.id}/complete`, {});
    t.clock.reset();
    const { report, pdf } = await rendered('visit-report', { type: 'visit', id: w.id });
    expect(report.status).toBe('done');
    const facts = pdfFacts(pdf);
    for (const text of [
      '本次调研未安排分站行程。',
      '本次调研未记录问题和建议。',
      '图1有缩略图',
      '1张照片无法读取，未收入本报告。',
      '参加的委员：无。',
    ])
      expect(facts.squeezed).toContain(text);
    expect(facts.squeezed).not.toContain('损坏');
    expect(pdfImages(pdf).map((i) => [i.width, i.height])).toEqual([[160, 120]]);
  });

  it('refuses a planned or cancelled visit (409, in Chinese), a briefing without findings (409), other roles (403), unknown visits (404), stray params (400)', async () => {
    const before = await t.ds.getRepository(Report).count();
    t.clock.set(shanghai('2026-06-09T09:00'));
    const planned = await createVisit(
      t,
      c.staff,
      visitBody(c.committeeId, {
        startsAt: '2026-07-02T08:30:00+08:00',
        endsAt: '2026-07-02T12:00:00+08:00',
        stops: [],
      }),
    );
    const cancelled = await createVisit(
      t,
      c.staff,
      visitBody(c.committeeId, {
        startsAt: '2026-07-03T08:30:00+08:00',
        endsAt: '2026-07-03T12:00:00+08:00',
        stops: [],
      }),
    );
    await api(t, c.staff, 'post', `/visits/${cancelled.id}/cancel`, {});
    const bare = await createVisit(
      t,
      c.staff,
      visitBody(c.committeeId, {
        startsAt: '2026-06-10T08:30:00+08:00',
        endsAt: '2026-06-10T12:00:00+08:00',
        stops: [],
      }),
    );
    t.clock.set(shanghai('2026-06-10T12:30'));
    await api(t, c.staff, 'post', `/visits/${bare.id}/complete`, {});
    t.clock.reset();

    const early = await request(c.staff, 'visit-report', { type: 'visit', id: planned.id });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'VISIT_NOT_COMPLETED',
      message: '该调研尚未完成（已安排），标记为已完成后才能生成视察调研报告',
    });
    expect((await request(c.staff, 'briefing', { type: 'visit', id: planned.id })).body.message).toBe(
      '该调研尚未完成（已安排），标记为已完成后才能生成协商要报',
    );
    expect((await request(c.staff, 'visit-report', { type: 'visit', id: cancelled.id })).body).toMatchObject({
      statusCode: 409,
      message: '该调研已取消，不能生成视察调研报告',
    });
    const empty = await request(c.staff, 'briefing', { type: 'visit', id: bare.id });
    expect(empty.body).toMatchObject({
      statusCode: 409,
      code: 'VISIT_NO_FINDINGS',
      message: '该调研还没有记录发现的问题和建议，不能生成协商要报',
    });

    for (const who of [c.leader, c.m1, c.unit]) {
      expect((await request(who, 'visit-report', { type: 'visit', id: v.id })).status).toBe(403);
      expect((await request(who, 'briefing', { type: 'visit', id: v.id })).status).toBe(403);
    }
    expect((await request(c.staff, 'visit-report', { type: 'visit', id: 999999 })).status).toBe(404);
    expect((await request(c.staff, 'visit-report', { type: 'visit', id: v.id }, { photos: false })).status).toBe(400);
    const wrongType = await request(c.staff, 'visit-report', { type: 'topic', id: v.id });
    expect(wrongType.body).toMatchObject({ statusCode: 400, message: '视察调研报告的报告对象类型应为 visit' });
    expect((await request(c.staff, 'briefing', { type: 'member', id: v.id })).body.message).toBe(
      '协商要报的报告对象类型应为 topic 或 visit',
    );
    expect(await t.ds.getRepository(Report).count()).toBe(before);
    // What the visit page asks before showing its buttons.
    expect([
      t.app.get(ReportKinds).has('visit-report', 'visit'),
      t.app.get(ReportKinds).has('briefing', 'visit'),
      t.app.get(ReportKinds).has('visit-report', 'topic'),
    ]).toEqual([true, true, false]);
  });
});
