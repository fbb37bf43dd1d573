import ICAL from 'ical.js';
import { Account } from '../support/accounts';
import { api } from '../support/api';
import { QUIET_SWEEPS, shanghai } from '../support/deadlines';
import { startTestApp, TestApp } from '../support/test-app';
import { meetingBody, raise } from '../support/topics';
import { createVisit, visitBody, visitCast, VisitCast } from '../support/visits';

/*
 * Each member's calendar feed, parsed by an independent parser (ical.js, Mozilla's): what is in it,
 * the time zone, UIDs that stay when a visit changes, cancelled visits marked, and who may read it.
 */

interface ParsedEvent {
  uid: string;
  sequence: number;
  summary: string;
  status: string;
  start: string;
  startZone: string;
  startUtc: string;
  endUtc: string;
  location: string | null;
  description: string;
}

function parse(text: string): { name: string; zones: string[]; events: ParsedEvent[] } {
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const events = cal.getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    return {
      uid: e.uid,
      sequence: e.sequence,
      summary: e.summary,
      status: String(c.getFirstPropertyValue('status')),
      start: e.startDate.toString(),
      startZone: String(c.getFirstProperty('dtstart')!.getParameter('tzid')),
      startUtc: e.startDate.toJSDate().toISOString(),
      endUtc: e.endDate.toJSDate().toISOString(),
      location: e.location,
      description: e.description,
    };
  });
  return {
    name: String(cal.getFirstPropertyValue('x-wr-calname')),
    zones: cal.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))),
    events,
  };
}

describe('视察调研 calendar feeds (iCalendar)', () => {
  let t: TestApp;
  let c: VisitCast;
  let visitId: number;
  let meetingId: number;
  const ics = (who: Account | null, memberId: number, token?: string) => {
    const req = t
      .http()
      .get(`/api/v1/members/${memberId}/calendar.ics${token ? `?token=${encodeURIComponent(token)}` : ''}`);
    return who ? req.set(who.auth) : req;
  };
  const feed = async (who: Account) => parse((await ics(who, who.memberId!).expect(200)).text);

  beforeAll(async () => {
    t = await startTestApp(QUIET_SWEEPS);
    c = await visitCast(t);
    // The feed reaches 180 days back from the Clock's now: these June 2026 events are seen as upcoming.
    t.clock.set(shanghai('2026-06-10T09:00'));
    const v = await createVisit(
      t,
      c.staff,
      visitBody(c.committeeId, {
        title: '家政服务业发展情况专题调研',
        participantMemberIds: [c.m1.memberId, c.m2.memberId, c.m3.memberId],
      }),
    );
    visitId = v.id;
    await api(t, c.m1, 'post', `/visits/${visitId}/rsvp`, { answer: 'accept' });
    await api(t, c.m2, 'post', `/visits/${visitId}/rsvp`, { answer: 'decline', reason: '另有公务' });
    const topicId = await raise(t, c.staff, { type: 'committee', id: c.committeeId });
    await api(t, c.staff, 'post', `/topics/${topicId}/settle`, {});
    meetingId = (
      await api(
        t,
        c.staff,
        'post',
        `/topics/${topicId}/meetings`,
        meetingBody({
          kind: 'counterpart',
          title: '家政服务业对口协商会',
          startsAt: '2026-06-19T14:30:00+08:00',
          endsAt: '2026-06-19T17:00:00+08:00',
          venue: '市政协三楼会议室',
        }),
        201,
      )
    ).id;
    await api(
      t,
      c.staff,
      'post',
      `/meetings/${meetingId}/participants`,
      [{ memberId: c.m1.memberId, side: 'member' }],
      201,
    );
  });
  afterAll(() => t.close());

  it('holds the visits the member accepted and the meetings they take part in, in Asia/Shanghai with its VTIMEZONE', async () => {
    const cal = await feed(c.m1);
    expect(cal.zones).toEqual(['Asia/Shanghai']);
    expect(cal.name).toMatch(/的政协日程$/);
    expect(cal.events.map((e) => [e.uid, e.summary, e.status])).toEqual([
      [`visit-${visitId}@xieshang`, '调研：家政服务业发展情况专题调研', 'CONFIRMED'],
      [`meeting-${meetingId}@xieshang`, '对口协商：家政服务业对口协商会', 'CONFIRMED'],
    ]);
    const [visit, meeting] = cal.events;
    expect(visit).toMatchObject({
      startZone: 'Asia/Shanghai',
      start: '2026-06-18T08:30:00',
      startUtc: '2026-06-18T00:30:00.000Z',
      endUtc: '2026-06-18T04:00:00.000Z',
      location: '大武口区家政龙头企业',
    });
    expect(visit.description).toContain('1. 08:30 大武口区家政龙头企业（联系人：王经理 0952-2012345）');
    expect(visit.description).toContain('2. 10:30 石嘴山市家政服务行业协会');
    expect(meeting).toMatchObject({ startUtc: '2026-06-19T06:30:00.000Z', location: '市政协三楼会议室' });
  });

  it('leaves out what the member declined or has not answered', async () => {
    expect((await feed(c.m2)).events).toEqual([]);
    expect((await feed(c.m3)).events).toEqual([]);
  });

  it('keeps the UID when the visit changes (SEQUENCE grows), and marks it cancelled rather than dropping it', async () => {
    const before = (await feed(c.m1)).events[0];
    await api(t, c.staff, 'patch', `/visits/${visitId}`, {
      startsAt: '2026-06-18T09:00:00+08:00',
      stops: [{ at: '2026-06-18T09:00:00+08:00', place: '大武口区家政龙头企业' }],
    });
    const moved = (await feed(c.m1)).events[0];
    expect(moved.uid).toBe(before.uid);
    expect(moved.sequence).toBeGreaterThan(before.sequence);
    expect(moved.startUtc).toBe('2026-06-18T01:00:00.000Z');
    await api(t, c.staff, 'post', `/visits/${visitId}/cancel`, { reason: '改期' });
    const cancelled = (await feed(c.m1)).events[0];
    expect(cancelled).toMatchObject({ uid: before.uid, status: 'CANCELLED' });
    expect(cancelled.sequence).toBeGreaterThan(moved.sequence);
    expect(cancelled.description).toContain('已取消：改期');
  });

  it('is the member’s own: another member or staff is 403, no sign-in and no token 401', async () => {
    expect((await ics(c.m2, c.m1.memberId!).expect(403)).body).toMatchObject({
      code: 'FORBIDDEN',
      message: '只能查看和管理本人的日程',
    });
    await ics(c.staff, c.m1.memberId!).expect(403);
    await ics(c.leader, c.m1.memberId!).expect(403);
    expect((await ics(null, c.m1.memberId!).expect(401)).body.message).toBe('请先登录，或使用日程订阅地址');
  });

  it('a secret feed URL works without signing in, for that member only, until the member replaces or revokes it', async () => {
    const created = await api(t, c.m1, 'post', `/members/${c.m1.memberId}/calendar-feed`, {}, 201);
    expect(created.url).toMatch(
      new RegExp(`/api/v1/members/${c.m1.memberId}/calendar\\.ics\\?token=[A-Za-z0-9_-]{43}$`),
    );
    const token = new URL(created.url).searchParams.get('token')!;
    const anonymous = await ics(null, c.m1.memberId!, token).expect(200);
    expect(anonymous.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(parse(anonymous.text).events).toHaveLength(2);
    expect((await ics(null, c.m2.memberId!, token).expect(401)).body.code).toBe('INVALID_FEED_TOKEN');
    expect(await api(t, c.m1, 'get', `/members/${c.m1.memberId}/calendar-feed`)).toEqual({
      active: true,
      createdAt: expect.any(String),
    });

    const replaced = await api(t, c.m1, 'post', `/members/${c.m1.memberId}/calendar-feed`, {}, 201);
    await ics(null, c.m1.memberId!, token).expect(401);
    const token2 = new URL(replaced.url).searchParams.get('token')!;
    await ics(null, c.m1.memberId!, token2).expect(200);
    await t.http().delete(`/api/v1/members/${c.m1.memberId}/calendar-feed`).set(c.m1.auth).expect(204);
    expect((await ics(null, c.m1.memberId!, token2).expect(401)).body.message).toBe(
      '日程订阅地址无效或已停用，请在“我的日程”中重新生成',
    );
    expect(await api(t, c.m1, 'get', `/members/${c.m1.memberId}/calendar-feed`)).toEqual({
      active: false,
      createdAt: null,
    });

    expect((await api(t, c.m2, 'post', `/members/${c.m1.memberId}/calendar-feed`, {}, 403)).message).toBe(
      '只能查看和管理本人的日程',
    );
    await api(t, c.staff, 'post', `/members/${c.m1.memberId}/calendar-feed`, {}, 403);
  });
});
