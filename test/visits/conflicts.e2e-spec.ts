import { Visit } from '../../src/visits/visit.entities';
import { Account } from '../support/accounts';
import { api } from '../support/api';
import { QUIET_SWEEPS } from '../support/deadlines';
import { startTestApp, TestApp } from '../support/test-app';
import { meetingBody, raise } from '../support/topics';
import { createVisit, visitBody, visitCast, VisitCast } from '../support/visits';

/*
 * Scheduling conflicts: the same person in two visits, or a visit and a meeting, at overlapping
 * times. Times are compared as instants, whatever offset each was written in; back to back is no
 * conflict. Declined invitations, cancelled visits and meetings one was excused from do not count.
 */

describe('视察调研 conflicts and free/busy', () => {
  let t: TestApp;
  let c: VisitCast;
  const at = (startsAt: string, endsAt: string, people: Account[], extra: Record<string, unknown> = {}) =>
    visitBody(c.committeeId, {
      startsAt,
      endsAt,
      stops: [],
      participantMemberIds: people.map((p) => p.memberId),
      ...extra,
    });
  const attempt = (body: Record<string, unknown>) => t.http().post('/api/v1/visits').set(c.staff.auth).send(body);

  beforeAll(async () => {
    t = await startTestApp(QUIET_SWEEPS);
    c = await visitCast(t);
    // m1 is down for a visit on 20 May 2026, 09:00–11:00 Beijing time.
    await createVisit(
      t,
      c.staff,
      at('2026-05-20T09:00:00+08:00', '2026-05-20T11:00:00+08:00', [c.m1], { title: '园区企业走访', kind: 'call' }),
    );
  });
  afterAll(() => t.close());

  it('an overlap by one minute is a 409 listing each conflict, and nothing is written', async () => {
    const before = await t.ds.getRepository(Visit).count();
    const res = await attempt(at('2026-05-20T10:59:00+08:00', '2026-05-20T12:00:00+08:00', [c.m1, c.m2])).expect(409);
    expect(res.body).toMatchObject({
      statusCode: 409,
      code: 'VISIT_CONFLICTS',
      message: expect.stringContaining('在该时间已有其他安排（共 1 项冲突）'),
    });
    expect(res.body.details.conflicts).toEqual([
      {
        memberId: c.m1.memberId,
        userId: null,
        name: expect.any(String),
        with: {
          type: 'visit',
          id: expect.any(Number),
          title: '园区企业走访',
          startsAt: '2026-05-20T01:00:00.000Z',
          endsAt: '2026-05-20T03:00:00.000Z',
        },
      },
    ]);
    expect(await t.ds.getRepository(Visit).count()).toBe(before);
  });

  it('back to back is no conflict, on either side', async () => {
    await attempt(at('2026-05-20T11:00:00+08:00', '2026-05-20T12:00:00+08:00', [c.m1])).expect(201);
    await attempt(at('2026-05-20T08:00:00+08:00', '2026-05-20T09:00:00+08:00', [c.m1])).expect(201);
  });

  it('compares instants, not the clock faces: the same times written in UTC or New York time conflict alike, other times do not', async () => {
    // 09:30 Beijing is 01:30 UTC and 21:30 the day before in New York (EDT, -04:00).
    const utc = await attempt(at('2026-05-20T01:30:00Z', '2026-05-20T02:00:00Z', [c.m1])).expect(409);
    expect(utc.body.details.conflicts).toHaveLength(1);
    const ny = await attempt(at('2026-05-19T21:30:00-04:00', '2026-05-19T22:00:00-04:00', [c.m1])).expect(409);
    expect(ny.body.details.conflicts[0].with.title).toBe('园区企业走访');
    // 09:30 in New York is 21:30 in Beijing: free.
    await attempt(at('2026-05-20T09:30:00-04:00', '2026-05-20T10:00:00-04:00', [c.m1])).expect(201);
    // Ending exactly when the visit starts, written in UTC: back to back.
    await attempt(at('2026-05-20T00:30:00Z', '2026-05-20T01:00:00Z', [c.m2, c.m1]))
      .expect(409)
      .then((r) => expect(r.body.details.conflicts.map((x: any) => x.memberId)).toEqual([c.m1.memberId]));
  });

  it('a meeting the member takes part in is a conflict; one they were excused from is not', async () => {
    const topicId = await raise(t, c.staff, { type: 'committee', id: c.committeeId });
    await api(t, c.staff, 'post', `/topics/${topicId}/settle`, {});
    const meeting = await api(
      t,
      c.staff,
      'post',
      `/topics/${topicId}/meetings`,
      meetingBody({
        title: '家政服务业对口协商会',
        startsAt: '2026-05-21T14:30:00+08:00',
        endsAt: '2026-05-21T17:00:00+08:00',
      }),
      201,
    );
    const withPeople = await api(
      t,
      c.staff,
      'post',
      `/meetings/${meeting.id}/participants`,
      [
        { memberId: c.m2.memberId, side: 'member' },
        { memberId: c.m3.memberId, side: 'member' },
      ],
      201,
    );
    const res = await attempt(at('2026-05-21T16:00:00+08:00', '2026-05-21T18:00:00+08:00', [c.m2, c.m3])).expect(409);
    expect(res.body.details.conflicts.map((x: any) => [x.memberId, x.with.type, x.with.id, x.with.title])).toEqual([
      [c.m2.memberId, 'meeting', meeting.id, '家政服务业对口协商会'],
      [c.m3.memberId, 'meeting', meeting.id, '家政服务业对口协商会'],
    ]);
    const m3 = withPeople.participants.find((p: any) => p.memberId === c.m3.memberId);
    await api(t, c.staff, 'post', `/meetings/${meeting.id}/attendance`, [
      { participantId: m3.id, present: false, excused: true },
    ]);
    const after = await attempt(at('2026-05-21T16:00:00+08:00', '2026-05-21T18:00:00+08:00', [c.m2, c.m3])).expect(409);
    expect(after.body.details.conflicts.map((x: any) => x.memberId)).toEqual([c.m2.memberId]);
    await attempt(at('2026-05-21T17:00:00+08:00', '2026-05-21T18:00:00+08:00', [c.m2])).expect(201);
  });

  it('a declined invitation and a cancelled visit free the time; staff accounts are checked too', async () => {
    const v = await createVisit(
      t,
      c.staff,
      at('2026-05-22T09:00:00+08:00', '2026-05-22T11:00:00+08:00', [c.m1, c.m2], {
        participantUserIds: [c.staff2.userId],
      }),
    );
    const clash = () =>
      attempt(
        at('2026-05-22T10:00:00+08:00', '2026-05-22T12:00:00+08:00', [c.m1, c.m2], {
          participantUserIds: [c.staff2.userId],
        }),
      );
    expect((await clash().expect(409)).body.details.conflicts.map((x: any) => [x.memberId, x.userId])).toEqual([
      [c.m1.memberId, null],
      [c.m2.memberId, null],
      [null, c.staff2.userId],
    ]);
    await api(t, c.m1, 'post', `/visits/${v.id}/rsvp`, { answer: 'decline', reason: '外出学习' });
    expect((await clash().expect(409)).body.details.conflicts.map((x: any) => x.memberId ?? x.userId)).toEqual([
      c.m2.memberId,
      c.staff2.userId,
    ]);
    await api(t, c.staff, 'post', `/visits/${v.id}/cancel`, { reason: '改期' });
    await clash().expect(201);
  });

  it('allowConflicts schedules anyway and the audit records how many were accepted; inviting later and re-timing are checked the same way', async () => {
    const body = at('2026-05-20T10:00:00+08:00', '2026-05-20T10:30:00+08:00', [c.m1], {
      allowConflicts: true,
      title: '明知冲突仍安排',
    });
    const v = (await attempt(body).expect(201)).body;
    expect((await api(t, c.staff, 'get', `/visits/${v.id}/history`))[0].details).toMatchObject({ conflictsAllowed: 1 });
    const later = await createVisit(t, c.staff, at('2026-05-20T14:00:00+08:00', '2026-05-20T15:00:00+08:00', []));
    const invite = await api(
      t,
      c.staff,
      'post',
      `/visits/${later.id}/participants`,
      { participantMemberIds: [c.m1.memberId] },
      201,
    );
    expect(invite.participants).toHaveLength(1);
    const retime = await api(
      t,
      c.staff,
      'patch',
      `/visits/${later.id}`,
      { startsAt: '2026-05-20T10:00:00+08:00', endsAt: '2026-05-20T10:45:00+08:00' },
      409,
    );
    expect(retime.details.conflicts.map((x: any) => x.with.title)).toContain('园区企业走访');
    // Its own old time never counts against it.
    await api(t, c.staff, 'patch', `/visits/${later.id}`, {
      startsAt: '2026-05-20T14:30:00+08:00',
      endsAt: '2026-05-20T15:30:00+08:00',
    });
  });

  it('the planner check answers the same conflicts without writing, and refuses other roles', async () => {
    const q = `memberIds=${c.m1.memberId},${c.m2.memberId}&startsAt=${encodeURIComponent('2026-05-20T10:00:00+08:00')}&endsAt=${encodeURIComponent('2026-05-20T10:30:00+08:00')}`;
    const conflicts = await api(t, c.staff, 'get', `/visits/conflicts?${q}`);
    expect(conflicts.map((x: any) => x.memberId)).toEqual([c.m1.memberId, c.m1.memberId]);
    expect((await api(t, c.m1, 'get', `/visits/conflicts?${q}`, undefined, 403)).code).toBe('FORBIDDEN');
    expect(
      (await api(t, c.staff, 'get', '/visits/conflicts?memberIds=a,b&startsAt=x&endsAt=y', undefined, 400)).details
        .fields,
    ).toHaveProperty('memberIds');
  });

  it('free/busy: each member over whole Beijing days, and who is busy on each day', async () => {
    const fb = await api(
      t,
      c.staff,
      'get',
      `/visits/free-busy?memberIds=${c.m1.memberId},${c.m2.memberId},${c.m3.memberId},${c.outsider.memberId}&from=2026-05-19&to=2026-05-23`,
    );
    expect(fb).toMatchObject({ timeZone: 'Asia/Shanghai', from: '2026-05-19', to: '2026-05-23' });
    expect(fb.days.map((d: any) => [d.date, d.weekday, d.busyMemberIds.length, d.freeCount])).toEqual([
      ['2026-05-19', '周二', 0, 4],
      ['2026-05-20', '周三', 1, 3],
      ['2026-05-21', '周四', 1, 3],
      ['2026-05-22', '周五', 2, 2],
      ['2026-05-23', '周六', 0, 4],
    ]);
    expect(fb.days[1].busyMemberIds).toEqual([c.m1.memberId]);
    // m2's meeting of 21 May; on 22 May the visit scheduled after the cancellation holds m1 and m2.
    expect(fb.days[2].busyMemberIds).toEqual([c.m2.memberId]);
    expect(fb.days[3].busyMemberIds).toEqual([c.m1.memberId, c.m2.memberId]);
    const m1 = fb.members.find((m: any) => m.memberId === c.m1.memberId);
    expect(m1.busy.map((b: any) => b.title)).toContain('园区企业走访');
    // The New York-time visit of 20 May 09:30 (-04:00) is 21:30 in Beijing: still 20 May.
    expect(m1.busy.every((b: any) => b.startsAt.startsWith('2026-05-'))).toBe(true);
    expect(
      (
        await api(
          t,
          c.staff,
          'get',
          `/visits/free-busy?memberIds=${c.m1.memberId}&from=2026-05-01&to=2026-07-05`,
          undefined,
          400,
        )
      ).message,
    ).toBe('一次最多查看 62 天');
    expect(
      (
        await api(
          t,
          c.staff,
          'get',
          `/visits/free-busy?memberIds=${c.m1.memberId}&from=2026-05-10&to=2026-05-01`,
          undefined,
          400,
        )
      ).message,
    ).toBe('截止日期不能早于起始日期');
    expect(
      (
        await api(
          t,
          c.staff,
          'get',
          `/visits/free-busy?memberIds=${c.m1.memberId}&from=2026-02-30&to=2026-03-01`,
          undefined,
          400,
        )
      ).message,
    ).toBe('起始日期不存在：2026-02-30');
    expect(
      (await api(t, c.staff, 'get', '/visits/free-busy?memberIds=999999&from=2026-05-01&to=2026-05-02', undefined, 400))
        .message,
    ).toBe('委员（编号 999999）不存在');
  });
});
