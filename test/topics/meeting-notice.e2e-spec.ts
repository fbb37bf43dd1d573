import { Notification } from '../../src/notifications/notification.entity';
import { MeetingParticipant } from '../../src/topics/meeting.entities';
import { Account, facilitator, Facilitator } from '../support/accounts';
import { api } from '../support/api';
import { startTestApp, TestApp } from '../support/test-app';
import { meetingBody, topicAt, topicCast, TopicCast } from '../support/topics';

/** A meeting still to come (the suites run in real time; 2030 is ahead of them). */
const ahead = (extra: object = {}) =>
  meetingBody({ startsAt: '2030-03-18T09:00:00+08:00', endsAt: '2030-03-18T11:30:00+08:00', ...extra });

/**
 * 会议通知 of a 协商会: the organiser (staff, or the facilitator of the organising point) sends every participant
 * with an account one notice and reads the 通知回执; a meeting held or over, or one with no one to reach, is
 * refused; others may not send or read.
 */
describe('meeting notices (会议通知)', () => {
  let t: TestApp;
  let c: TopicCast;
  let other: Facilitator;

  beforeAll(async () => {
    t = await startTestApp();
    c = await topicCast(t);
    other = await facilitator(t);
  });
  afterAll(() => t.close());

  /** A settled topic of the cast's point with a meeting ahead: c.member, c.unit's 王科长 and 李大爷 by name. */
  const scene = async (people = true) => {
    const f = await topicAt(t, c, 'settled');
    const m = await api(t, c.facilitator, 'post', `/topics/${f.id}/meetings`, ahead(), 201);
    const parts = [
      { memberId: c.member.memberId, side: 'member' },
      { unitId: c.unit.unitId, name: '王科长', side: 'department' },
      { name: '李大爷', side: 'resident' },
    ];
    await api(t, c.facilitator, 'post', `/meetings/${m.id}/participants`, people ? parts : parts.slice(2), 201);
    return { topicId: f.id, id: m.id as number, title: m.title as string };
  };
  const notices = (who: Account) =>
    t.ds
      .getRepository(Notification)
      .find({ where: { userId: who.userId, kind: 'meeting.notice' }, order: { id: 'ASC' } });
  const refused = async (who: Account, method: 'get' | 'post', path: string, status: number, body?: object) => {
    const req = t.http()[method](`/api/v1${path}`).set(who.auth);
    const res = await (body ? req.send(body) : req);
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    return res.body as { code: string; message: string };
  };

  it('the facilitator sends it to every participant with an account; the receipts show each, the history the step', async () => {
    const s = await scene();
    const before = await api(t, c.facilitator, 'get', `/meetings/${s.id}/notice-receipts`);
    expect(before).toMatchObject({ sent: 0, sentAt: null });
    expect(before.people.map((p: { notified: boolean }) => p.notified)).toEqual([false, false, false]);

    const sent = await api(t, c.facilitator, 'post', `/meetings/${s.id}/notice`, { note: '请带上居民意见' });
    expect(sent).toMatchObject({ sent: 1, sentAt: expect.any(String) });
    expect(sent.people.map((p: { name: string; notified: boolean }) => [p.name, p.notified])).toEqual([
      [expect.any(String), true],
      [expect.stringContaining('王科长'), true],
      ['李大爷', false],
    ]);
    expect(sent.people[0]).toMatchObject({ memberId: c.member.memberId, attendance: null, read: false });

    for (const who of [c.member, c.unit]) {
      const [n] = await notices(who);
      expect(n).toMatchObject({
        title: `会议通知：${s.title}`,
        link: `/meetings/${s.id}`,
        urgent: false,
        dedupeKey: `meeting:${s.id}:notice:1`,
      });
      expect(n.body).toBe(
        `协商议事会“${s.title}”定于2030年3月18日 09:00 至 11:30在社区党群服务中心二楼会议室召开。附言：请带上居民意见。请准时参加，不能参加的请向组织方请假。`,
      );
    }
    expect(await notices(c.facilitator)).toEqual([]);

    // The member reads it: the receipt says so.
    const [mine] = await notices(c.member);
    await api(t, c.member, 'post', `/notifications/${mine.id}/read`);
    const after = await api(t, c.facilitator, 'get', `/meetings/${s.id}/notice-receipts`);
    expect(after.people[0]).toMatchObject({ notified: true, read: true });

    const meeting = await api(t, c.facilitator, 'get', `/meetings/${s.id}`);
    expect(meeting.noticeSentAt).toEqual(expect.any(String));
    const history = await api(t, c.facilitator, 'get', `/topics/${s.topicId}/history`);
    expect(history.at(-1)).toMatchObject({ action: 'notice', actionLabel: '发送会议通知', comment: '请带上居民意见' });
  });

  it('staff send it too; each send is its own, an urgent one marked so', async () => {
    const s = await scene();
    await api(t, c.staff, 'post', `/meetings/${s.id}/notice`, {});
    const second = await api(t, c.staff, 'post', `/meetings/${s.id}/notice`, { urgent: true });
    expect(second.sent).toBe(2);
    const rows = (await notices(c.member)).filter((n) => n.link === `/meetings/${s.id}`);
    expect(rows.map((n) => [n.dedupeKey, n.urgent])).toEqual([
      [`meeting:${s.id}:notice:1`, false],
      [`meeting:${s.id}:notice:2`, true],
    ]);
  });

  it('a participant already recorded as 请假 is not sent it, and shows as not notified', async () => {
    const s = await scene();
    const [member] = await t.ds
      .getRepository(MeetingParticipant)
      .find({ where: { meetingId: s.id }, order: { id: 'ASC' } });
    await api(t, c.facilitator, 'post', `/meetings/${s.id}/attendance`, [
      { participantId: member.id, present: false, excused: true },
    ]);
    const sent = await api(t, c.facilitator, 'post', `/meetings/${s.id}/notice`, {});
    expect(
      sent.people.map((p: { notified: boolean; attendance: string | null }) => [p.attendance, p.notified]),
    ).toEqual([
      ['excused', false],
      [null, true],
      [null, false],
    ]);
    expect((await notices(c.member)).filter((n) => n.link === `/meetings/${s.id}`)).toEqual([]);
  });

  it('a held or past meeting is refused (MEETING_HELD), as is one with no one to reach (MEETING_NOTICE_NO_ONE)', async () => {
    const f = await topicAt(t, c, 'settled');
    const past = await api(
      t,
      c.facilitator,
      'post',
      `/topics/${f.id}/meetings`,
      meetingBody({ startsAt: '2025-06-18T09:00:00+08:00', endsAt: '2025-06-18T11:00:00+08:00' }),
      201,
    );
    await api(
      t,
      c.facilitator,
      'post',
      `/meetings/${past.id}/participants`,
      [{ memberId: c.member.memberId, side: 'member' }],
      201,
    );
    expect(await refused(c.facilitator, 'post', `/meetings/${past.id}/notice`, 409, {})).toMatchObject({
      code: 'MEETING_HELD',
      message: expect.stringContaining('已召开'),
    });

    const held = await scene();
    await api(t, c.facilitator, 'post', `/meetings/${held.id}/hold`, { minutes: '已协商' });
    expect((await refused(c.staff, 'post', `/meetings/${held.id}/notice`, 409, {})).code).toBe('MEETING_HELD');

    const nameOnly = await scene(false);
    expect(await refused(c.facilitator, 'post', `/meetings/${nameOnly.id}/notice`, 409, {})).toMatchObject({
      code: 'MEETING_NOTICE_NO_ONE',
      message: expect.stringContaining('没有可通知的人员'),
    });
    expect((await api(t, c.facilitator, 'get', `/meetings/${nameOnly.id}/notice-receipts`)).sent).toBe(0);
  });

  it('refuses an unknown field, a note too long and a 紧急 not true or false', async () => {
    const s = await scene();
    const unknown = await refused(c.facilitator, 'post', `/meetings/${s.id}/notice`, 400, { note: '好', cc: 'all' });
    expect(unknown).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('cc') });
    await refused(c.facilitator, 'post', `/meetings/${s.id}/notice`, 400, { note: '长'.repeat(301) });
    await refused(c.facilitator, 'post', `/meetings/${s.id}/notice`, 400, { urgent: 'yes' });
    expect((await api(t, c.staff, 'get', `/meetings/${s.id}/notice-receipts`)).sent).toBe(0);
  });

  it('a participant, a leader and another point’s facilitator may neither send nor read it', async () => {
    const s = await scene();
    for (const who of [c.member, c.leader, c.unit]) {
      await refused(who, 'post', `/meetings/${s.id}/notice`, 403, {});
      await refused(who, 'get', `/meetings/${s.id}/notice-receipts`, 403);
    }
    await refused(other, 'post', `/meetings/${s.id}/notice`, 403, {});
    await refused(other, 'get', `/meetings/${s.id}/notice-receipts`, 404);
    await refused(c.staff, 'post', '/meetings/99999999/notice', 404, {});
    expect((await api(t, c.staff, 'get', `/meetings/${s.id}/notice-receipts`)).sent).toBe(0);
  });
});
