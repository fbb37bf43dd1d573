import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Attachment } from '../../src/files/attachment.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { Visit, VisitFinding, VisitParticipant, VisitStop } from '../../src/visits/visit.entities';
import { Account } from '../support/accounts';
import { api } from '../support/api';
import { QUIET_SWEEPS, shanghai } from '../support/deadlines';
import { jpegWithThumbnail, sha256, tinyPdf, tinyPng } from '../support/file-fixtures';
import { binary } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { createVisit, visitBody, visitCast, VisitCast } from '../support/visits';

/*
 * The 家政 visit of 经济和资源环境委员会, end to end through the API: planned with its itinerary
 * and invitations, answered, reminded by the sweep, recorded (findings, photos), completed, and
 * followed by a topic and a proposal draft. The Clock is set to June 2026 (in the past, so sign-ins
 * made now stay valid) and put back after each test.
 */

const inbox = (t: TestApp, who: Account, visitId: number) =>
  t.ds
    .getRepository(Notification)
    .find({ where: { userId: who.userId, link: `/visits/${visitId}` }, order: { id: 'ASC' } });

describe('视察调研: the 家政 visit end to end', () => {
  let t: TestApp;
  let c: VisitCast;
  let unitId: number;
  let id: number;
  let v: Record<string, any>;
  beforeAll(async () => {
    t = await startTestApp({ ...QUIET_SWEEPS, XS_UPLOAD_MAX_MB: '1' });
    c = await visitCast(t);
    const committee = (await api(t, c.staff, 'get', `/committees?q=${encodeURIComponent('经济和资源环境委员会')}`))
      .items[0];
    c.committeeId = committee.id;
    unitId = c.unit.unitId!;
    t.clock.set(shanghai('2026-06-08T09:00'));
    v = await createVisit(
      t,
      c.staff,
      visitBody(c.committeeId, {
        title: '家政服务业发展情况专题调研',
        participantMemberIds: [c.m1.memberId, c.m2.memberId, c.m3.memberId],
        participantUserIds: [c.staff2.userId],
        invitedUnitPeople: [{ unitId, name: '张科长' }],
      }),
    );
    id = v.id;
    t.clock.reset();
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.reset());

  it('plans the visit: organiser, purpose, time range, the ordered itinerary and everyone invited, each told in the inbox', async () => {
    expect(v).toMatchObject({
      kind: 'research',
      kindLabel: '调研',
      title: '家政服务业发展情况专题调研',
      organizer: { type: 'committee', typeLabel: '专委会', name: '经济和资源环境委员会' },
      startsAt: '2026-06-18T00:30:00.000Z',
      endsAt: '2026-06-18T04:00:00.000Z',
      status: 'planned',
      statusLabel: '已安排',
      // 张科长, a unit's person, answers nowhere: counted apart, not as 待答复.
      rsvp: { invited: 5, accepted: 0, declined: 0, pending: 4, unitPeople: 1 },
    });
    expect(v.stops.map((s: any) => [s.position, s.place, s.at])).toEqual([
      [1, '大武口区家政龙头企业', '2026-06-18T00:30:00.000Z'],
      [2, '石嘴山市家政服务行业协会', '2026-06-18T02:30:00.000Z'],
    ]);
    expect(v.participants.map((p: any) => p.kindLabel)).toEqual(['委员', '委员', '委员', '工作人员', '受邀单位人员']);
    expect(v.participants[4].name).toMatch(/ 张科长$/);
    const [invite] = await inbox(t, c.m1, id);
    expect(invite).toMatchObject({ kind: 'visit.invited', title: '视察调研邀请：家政服务业发展情况专题调研' });
    expect(invite.body).toBe(
      '邀请您参加调研“家政服务业发展情况专题调研”，时间：2026年6月18日 08:30 至 12:00。请在“我的日程”中答复参加或请假。',
    );
    expect(await inbox(t, c.staff2, id)).toHaveLength(1);
    expect(await inbox(t, c.unit, id)).toHaveLength(1);
    expect(await inbox(t, c.staff, id)).toHaveLength(0);
  });

  it('members answer: 参加, or 请假 with a reason (none is 400, nothing written); staff see who answered and why, other members not the reason', async () => {
    await api(t, c.m1, 'post', `/visits/${id}/rsvp`, { answer: 'accept' });
    const noReason = await api(t, c.m2, 'post', `/visits/${id}/rsvp`, { answer: 'decline' }, 400);
    expect(noReason).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '请假须说明理由',
      details: { fields: { reason: ['请假须说明理由'] } },
    });
    expect(
      (await t.ds.getRepository(VisitParticipant).findOneByOrFail({ visitId: id, memberId: c.m2.memberId! })).answer,
    ).toBe('pending');
    await api(t, c.m2, 'post', `/visits/${id}/rsvp`, { answer: 'decline', reason: '当天参加全区人大会议' });
    const staffView = await api(t, c.staff, 'get', `/visits/${id}`);
    expect(staffView.rsvp).toEqual({ invited: 5, accepted: 1, declined: 1, pending: 2, unitPeople: 1 });
    expect(staffView.participants.find((p: any) => p.memberId === c.m2.memberId)).toMatchObject({
      answer: 'declined',
      answerLabel: '请假',
      reason: '当天参加全区人大会议',
    });
    const m1View = await api(t, c.m1, 'get', `/visits/${id}`);
    expect(m1View.myAnswer).toBe('accepted');
    expect(m1View.participants.find((p: any) => p.memberId === c.m2.memberId).reason).toBeNull();
    expect(
      (await api(t, c.m2, 'get', `/visits/${id}`)).participants.find((p: any) => p.memberId === c.m2.memberId).reason,
    ).toBe('当天参加全区人大会议');
  });

  it('someone not invited: RSVP is 403, reading the visit or its photos 404; a unit sees the visit its person is invited to', async () => {
    const rsvp = await api(t, c.outsider, 'post', `/visits/${id}/rsvp`, { answer: 'accept' }, 403);
    expect(rsvp.message).toBe('您未受邀参加该视察调研，不能答复');
    expect((await api(t, c.staff, 'post', `/visits/${id}/rsvp`, { answer: 'accept' }, 403)).code).toBe('FORBIDDEN');
    expect((await api(t, c.outsider, 'get', `/visits/${id}`, undefined, 404)).message).toBe('视察调研不存在');
    expect((await api(t, c.outsider, 'get', '/visits')).items.map((x: any) => x.id)).not.toContain(id);
    expect((await api(t, c.unit, 'get', `/visits/${id}`)).title).toBe('家政服务业发展情况专题调研');
    expect((await api(t, c.m1, 'get', '/visits')).items.map((x: any) => x.id)).toContain(id);
  });

  it('reminds everyone still invited 3 days and 1 day before, once each, never those on leave', async () => {
    const sweep = async (at: string) => {
      t.clock.set(shanghai(at));
      return ((await t.jobs.runNow('deadlines', 'sweep')) as { visits: { reminded: number } }).visits;
    };
    const reminders = async (who: Account) => (await inbox(t, who, id)).filter((n) => n.kind === 'visit.reminder');
    expect(await sweep('2026-06-15T08:00')).toEqual({ reminded: 0 });
    expect(await sweep('2026-06-15T09:00')).toEqual({ reminded: 1 });
    expect(await sweep('2026-06-15T12:00')).toEqual({ reminded: 0 });
    expect(await reminders(c.m1)).toHaveLength(1);
    expect((await reminders(c.m3))[0].body).toBe(
      '调研“家政服务业发展情况专题调研”将于2026年6月18日 08:30 至 12:00开始，请按时参加。',
    );
    expect(await reminders(c.m2)).toHaveLength(0);
    expect(await sweep('2026-06-17T10:00')).toEqual({ reminded: 1 });
    expect(await reminders(c.m1)).toHaveLength(2);
    expect(await reminders(c.unit)).toHaveLength(2);
    expect(await reminders(c.m2)).toHaveLength(0);
  });

  it('completing is refused before the visit begins (409, nothing changed)', async () => {
    t.clock.set(shanghai('2026-06-18T08:29'));
    const res = await api(t, c.staff, 'post', `/visits/${id}/complete`, {}, 409);
    expect(res).toMatchObject({ code: 'VISIT_NOT_STARTED', message: '视察调研尚未开始，不能标记为已完成' });
    expect((await t.ds.getRepository(Visit).findOneByOrFail({ id })).status).toBe('planned');
  });

  it('records findings at a stop and photos; a JPEG gives its own thumbnail as preview; the files are kept by checksum', async () => {
    t.clock.set(shanghai('2026-06-18T10:00'));
    const stop = v.stops[0];
    const after = await api(
      t,
      c.staff,
      'post',
      `/visits/${id}/findings`,
      {
        stopId: stop.id,
        problem: '家政服务员持证率不足四成，培训与岗位需求脱节',
        suggestion: '建立家政服务员培训补贴与持证上岗挂钩机制',
      },
      201,
    );
    await api(
      t,
      c.staff,
      'post',
      `/visits/${id}/findings`,
      { problem: '行业诚信信息不共享，消费者难以甄别', suggestion: '依托行业协会建设家政服务信用信息平台' },
      201,
    );
    expect(after.findings[0]).toMatchObject({
      stopId: stop.id,
      stopPlace: '大武口区家政龙头企业',
      recordedBy: { id: c.staff.userId },
    });
    const wrongStop = await api(t, c.staff, 'post', `/visits/${id}/findings`, { stopId: 999999, problem: '问题' }, 400);
    expect(wrongStop.message).toBe('站点（编号 999999）不在本次行程中');

    const thumb = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xdb]), randomBytes(32), Buffer.from([0xff, 0xd9])]);
    const jpeg = Buffer.concat([jpegWithThumbnail(thumb), randomBytes(2048)]);
    const photo = (
      await t
        .http()
        .post(`/api/v1/visits/${id}/photos`)
        .set(c.staff.auth)
        .attach('file', jpeg, '座谈现场.jpg')
        .expect(201)
    ).body;
    expect(photo).toMatchObject({
      name: '座谈现场.jpg',
      mime: 'image/jpeg',
      bytes: jpeg.length,
      sha256: sha256(jpeg),
      url: `/api/v1/visits/${id}/photos/${photo.id}`,
    });
    expect(
      fs.readFileSync(path.join(t.config.filesDir, 'attachments', sha256(jpeg).slice(0, 2), sha256(jpeg))).equals(jpeg),
    ).toBe(true);
    const png = Buffer.concat([tinyPng(), randomBytes(16)]);
    const pngPhoto = (
      await t.http().post(`/api/v1/visits/${id}/photos`).set(c.staff.auth).attach('file', png, '企业展板').expect(201)
    ).body;
    expect(pngPhoto.name).toBe('企业展板.png');

    const get = (who: Account, url: string) => t.http().get(url).set(who.auth).buffer(true).parse(binary);
    const full = await get(c.m1, photo.url).expect(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    expect((full.body as Buffer).equals(jpeg)).toBe(true);
    expect(((await get(c.m1, photo.previewUrl).expect(200)).body as Buffer).equals(thumb)).toBe(true);
    // A PNG has no thumbnail of its own: its preview is the picture itself.
    expect(((await get(c.leader, pngPhoto.previewUrl).expect(200)).body as Buffer).equals(png)).toBe(true);
    expect((await t.http().get(photo.url).set(c.outsider.auth).expect(404)).body.code).toBe('VISIT_NOT_FOUND');
    expect((await api(t, c.m3, 'get', `/visits/${id}`)).photos.map((p: any) => p.id)).toEqual([photo.id, pngPhoto.id]);
  });

  it('refuses photos that are not JPEG or PNG (415) and those over the limit (413), leaving no row and no file', async () => {
    const rows = await t.ds.getRepository(Attachment).count();
    const upload = (bytes: Buffer, name: string) =>
      t.http().post(`/api/v1/visits/${id}/photos`).set(c.staff.auth).attach('file', bytes, name);
    const pdf = await upload(tinyPdf(), '调研报告.pdf').expect(415);
    expect(pdf.body).toMatchObject({
      code: 'UNSUPPORTED_FILE_TYPE',
      message: '只能上传 JPEG 或 PNG 图片',
      details: { accepted: ['jpg', 'png'] },
    });
    const disguised = Buffer.concat([tinyPdf(), randomBytes(8)]);
    expect((await upload(disguised, '照片.jpg').expect(415)).body.code).toBe('UNSUPPORTED_FILE_TYPE');
    const big = Buffer.concat([tinyPng(), randomBytes(1024 * 1024)]);
    expect((await upload(big, '大照片.png').expect(413)).body).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: '文件不能超过 1 MB',
    });
    expect(await t.ds.getRepository(Attachment).count()).toBe(rows);
    expect(fs.existsSync(path.join(t.config.filesDir, 'attachments', sha256(big).slice(0, 2), sha256(big)))).toBe(
      false,
    );
    expect((await upload(tinyPng(), '成员的.png').set(c.m1.auth).expect(403)).body.code).toBe('FORBIDDEN');
  });

  it('completes the visit once begun; its history tells each step in Chinese', async () => {
    t.clock.set(shanghai('2026-06-18T12:10'));
    const done = await api(t, c.staff, 'post', `/visits/${id}/complete`, {
      version: (await api(t, c.staff, 'get', `/visits/${id}`)).version,
    });
    expect(done).toMatchObject({ status: 'completed', statusLabel: '已完成' });
    expect((await api(t, c.staff, 'post', `/visits/${id}/cancel`, {}, 409)).message).toBe(
      '视察调研当前为“已完成”，不能取消',
    );
    expect((await api(t, c.m3, 'post', `/visits/${id}/rsvp`, { answer: 'accept' }, 409)).code).toBe(
      'VISIT_WRONG_STATE',
    );
    const history = await api(t, c.m1, 'get', `/visits/${id}/history`);
    expect(history.map((h: any) => h.actionLabel)).toEqual([
      '安排视察调研',
      '答复',
      '答复',
      '记录问题建议',
      '记录问题建议',
      '上传照片',
      '上传照片',
      '标记为已完成',
    ]);
    expect(history.at(-1)).toMatchObject({ from: 'planned', to: 'completed', actor: { id: c.staff.userId } });
  });

  it('leads to a topic raised by staff (source 视察调研) and a proposal draft started by a member, each linked back', async () => {
    const topic = await api(
      t,
      c.staff,
      'post',
      `/visits/${id}/topics`,
      { title: '推动家政服务业提质扩容', description: '据家政服务业专题调研提出。', level: 'city' },
      201,
    );
    expect(topic).toMatchObject({
      source: 'visit',
      sourceLabel: '视察调研',
      visitId: id,
      organizer: { type: 'committee', id: c.committeeId },
      status: 'raised',
    });
    const session = await t.make.session();
    const draft = await api(
      t,
      c.m1,
      'post',
      `/visits/${id}/proposals`,
      { sessionId: session.id, title: '关于推动家政服务业提质扩容的建议', category: 'society' },
      201,
    );
    expect(draft).toMatchObject({
      status: 'draft',
      visitId: id,
      suggestions: ['建立家政服务员培训补贴与持证上岗挂钩机制', '依托行业协会建设家政服务信用信息平台'],
    });
    expect(draft.background).toContain('视察调研中发现的问题：\n1. 家政服务员持证率不足四成');
    expect(
      (
        await api(
          t,
          c.outsider,
          'post',
          `/visits/${id}/proposals`,
          { sessionId: session.id, title: '外人的提案', category: 'society' },
          403,
        )
      ).message,
    ).toBe('只有受邀参加该视察调研的委员可以据此起草提案');
    const seenByM1 = await api(t, c.m1, 'get', `/visits/${id}`);
    expect(seenByM1.topics).toEqual([
      { id: topic.id, title: '推动家政服务业提质扩容', status: 'raised', statusLabel: expect.any(String) },
    ]);
    expect(seenByM1.proposals.map((p: any) => p.id)).toEqual([draft.id]);
    // A draft is its author's: staff do not see it listed until it is submitted.
    expect((await api(t, c.staff, 'get', `/visits/${id}`)).proposals).toEqual([]);
    expect((await api(t, c.staff, 'get', `/topics/${topic.id}`)).visitId).toBe(id);
  });

  it('cancelling tells everyone still invited, with the reason; a cancelled visit takes no more steps', async () => {
    t.clock.set(shanghai('2026-06-09T09:00'));
    const other = await createVisit(
      t,
      c.staff,
      visitBody(c.committeeId, {
        startsAt: '2026-06-25T14:30:00+08:00',
        endsAt: '2026-06-25T17:00:00+08:00',
        stops: [],
        participantMemberIds: [c.m1.memberId, c.m2.memberId],
      }),
    );
    await api(t, c.m2, 'post', `/visits/${other.id}/rsvp`, { answer: 'decline', reason: '出差' });
    const cancelled = await api(t, c.staff, 'post', `/visits/${other.id}/cancel`, {
      reason: '企业临时停产检修，改期另行通知',
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '企业临时停产检修，改期另行通知' });
    const told = (await inbox(t, c.m1, other.id)).filter((n) => n.kind === 'visit.cancelled');
    expect(told.map((n) => n.body)).toEqual([expect.stringContaining('已取消。原因：企业临时停产检修，改期另行通知')]);
    expect((await inbox(t, c.m2, other.id)).filter((n) => n.kind === 'visit.cancelled')).toHaveLength(0);
    expect((await api(t, c.staff, 'post', `/visits/${other.id}/findings`, { problem: '问题' }, 409)).message).toBe(
      '视察调研当前为“已取消”，不能记录问题建议或上传照片',
    );
    expect((await api(t, c.staff, 'get', `/visits/${other.id}/history`)).at(-1)).toMatchObject({
      action: 'cancel',
      actionLabel: '取消',
      comment: '企业临时停产检修，改期另行通知',
    });
  });

  it('bad input is a clear 400 and writes nothing: ending before it starts, a stop outside the range or out of order, an unknown member or organiser', async () => {
    const counts = async () => [
      await t.ds.getRepository(Visit).count(),
      await t.ds.getRepository(VisitStop).count(),
      await t.ds.getRepository(VisitParticipant).count(),
    ];
    const before = await counts();
    const backwards = await api(
      t,
      c.staff,
      'post',
      '/visits',
      visitBody(c.committeeId, {
        startsAt: '2026-06-18T12:00:00+08:00',
        endsAt: '2026-06-18T08:30:00+08:00',
        stops: [],
      }),
      400,
    );
    expect(backwards).toMatchObject({
      message: '结束时间须晚于开始时间',
      details: { fields: { endsAt: ['结束时间须晚于开始时间'] } },
    });
    const outside = visitBody(c.committeeId);
    (outside.stops as any[])[1].at = '2026-06-18T12:30:00+08:00';
    expect((await api(t, c.staff, 'post', '/visits', outside, 400)).details.fields).toEqual({
      'stops.1.at': ['第2站的时间不在视察调研的时间范围内'],
    });
    const unordered = visitBody(c.committeeId);
    (unordered.stops as any[])[0].at = '2026-06-18T11:00:00+08:00';
    expect((await api(t, c.staff, 'post', '/visits', unordered, 400)).message).toBe(
      '第2站的时间早于上一站，请按行程顺序排列',
    );
    expect(
      (await api(t, c.staff, 'post', '/visits', visitBody(c.committeeId, { participantMemberIds: [999999] }), 400))
        .message,
    ).toBe('委员（编号 999999）不存在或已不在任');
    expect(
      (
        await api(
          t,
          c.staff,
          'post',
          '/visits',
          visitBody(c.committeeId, { organizer: { type: 'sector', id: 999999 } }),
          400,
        )
      ).details.fields,
    ).toHaveProperty(['organizer.id']);
    expect(
      (await api(t, c.staff, 'post', '/visits', visitBody(c.committeeId, { startsAt: '2026-06-18 08:30' }), 400))
        .details.fields,
    ).toHaveProperty('startsAt');
    expect(
      (await api(t, c.staff, 'post', '/visits', visitBody(c.committeeId, { kind: 'tour' }), 400)).details.fields.kind,
    ).toEqual(['活动形式须为视察、调研、走访或观摩']);
    expect((await api(t, c.staff, 'post', '/visits', visitBody(c.committeeId, { budget: 100 }), 400)).message).toBe(
      '包含不允许的字段：budget',
    );
    expect((await api(t, c.m1, 'post', '/visits', visitBody(c.committeeId), 403)).code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
    expect(await t.ds.getRepository(VisitFinding).count()).toBe(2);
  });

  it('a stale version is 409; a planned visit can be re-timed and its itinerary replaced, and those invited hear of it', async () => {
    t.clock.set(shanghai('2026-06-09T09:00'));
    const w = await createVisit(
      t,
      c.staff,
      visitBody(c.committeeId, {
        startsAt: '2026-07-02T08:30:00+08:00',
        endsAt: '2026-07-02T12:00:00+08:00',
        stops: [],
        participantMemberIds: [c.m3.memberId],
      }),
    );
    expect((await api(t, c.staff, 'patch', `/visits/${w.id}`, { version: w.version - 1, title: '改' }, 409)).code).toBe(
      'STALE_VERSION',
    );
    const moved = await api(t, c.staff, 'patch', `/visits/${w.id}`, {
      version: w.version,
      startsAt: '2026-07-03T08:30:00+08:00',
      endsAt: '2026-07-03T12:00:00+08:00',
      stops: [{ at: '2026-07-03T09:00:00+08:00', place: '惠农区家政服务站' }],
    });
    expect(moved).toMatchObject({ startsAt: '2026-07-03T00:30:00.000Z', stopCount: 1, version: w.version + 1 });
    expect((await inbox(t, c.m3, w.id)).map((n) => n.kind)).toEqual(['visit.invited', 'visit.changed']);
    const outside = await api(t, c.staff, 'patch', `/visits/${w.id}`, { endsAt: '2026-07-03T08:45:00+08:00' }, 400);
    expect(outside.details.fields).toEqual({ 'stops.0.at': ['第1站的时间不在视察调研的时间范围内'] });
  });

  it('staff invite more people later and withdraw an invitation; both are told', async () => {
    t.clock.set(shanghai('2026-06-09T09:00'));
    const w = await createVisit(
      t,
      c.staff,
      visitBody(c.committeeId, {
        startsAt: '2026-07-09T08:30:00+08:00',
        endsAt: '2026-07-09T12:00:00+08:00',
        stops: [],
      }),
    );
    const invited = await api(
      t,
      c.staff,
      'post',
      `/visits/${w.id}/participants`,
      { participantMemberIds: [c.outsider.memberId] },
      201,
    );
    const again = await api(
      t,
      c.staff,
      'post',
      `/visits/${w.id}/participants`,
      { participantMemberIds: [c.outsider.memberId] },
      400,
    );
    expect(again.message).toMatch(/已在邀请名单中$/);
    const removed = await api(t, c.staff, 'delete', `/visits/${w.id}/participants/${invited.participants[0].id}`);
    expect(removed.participants).toEqual([]);
    expect((await inbox(t, c.outsider, w.id)).map((n) => n.kind)).toEqual(['visit.invited', 'visit.uninvited']);
  });
});
