import { Role } from '../../src/common/roles';
import { api } from '../support/api';
import { QUIET_SWEEPS, shanghai } from '../support/deadlines';
import { startTestApp, TestApp } from '../support/test-app';
import { topicAt, topicCast, TopicCast } from '../support/topics';

/*
 * 协商统计 over a small set made through the API, checked against counts worked out by hand:
 *   P1  the point's, 社区, "252" answered at once, 议题中; outcomes: 已落实, and one open due 15 October (overdue)
 *   P2  the point's, 网格, "252" raised on 1 March 2026 and left alone: all three clocks missed
 *   C1  a committee's, 市, 解题中; outcomes: 已落实, 未采纳
 *   C2  a committee's, 市, raised and declined in 2025
 */

type Stats = Record<string, any>;

describe('GET /stats/topics', () => {
  let t: TestApp;
  let c: TopicCast;
  const committee = () => ({ type: 'committee' as const, id: c.committeeId });

  beforeAll(async () => {
    t = await startTestApp(QUIET_SWEEPS);
    c = await topicCast(t);
    const p1 = await topicAt(t, c, 'deliberating', { topic: { level: 'community', responsePolicy: '252' } });
    await api(t, c.facilitator, 'post', `/topics/${p1.id}/answer`, { text: '已受理' });
    await api(t, c.unit, 'patch', `/outcomes/${p1.outcomeId}`, { status: 'done', feedback: '已完成' });
    await api(
      t,
      c.facilitator,
      'post',
      `/topics/${p1.id}/outcomes`,
      { kind: 'recommendation', text: '加强宣传', unitId: c.unit2.unitId, dueAt: '2026-10-15T17:00:00+08:00' },
      201,
    );

    t.clock.set(shanghai('2026-03-01T09:00'));
    await topicAt(t, c, 'raised', { topic: { level: 'grid', responsePolicy: '252' } });
    t.clock.set(shanghai('2025-06-01T09:00'));
    await topicAt(t, c, 'declined', { organizer: committee(), by: c.staff, topic: { level: 'city' } });
    t.clock.reset();

    const c1 = await topicAt(t, c, 'deliberating', { organizer: committee(), by: c.staff, topic: { level: 'city' } });
    const second = await api(
      t,
      c.staff,
      'post',
      `/topics/${c1.id}/outcomes`,
      { kind: 'recommendation', text: '设立专项资金', unitId: c.unit.unitId },
      201,
    );
    await api(t, c.unit, 'patch', `/outcomes/${c1.outcomeId}`, { status: 'done', feedback: '已完成' });
    await api(t, c.unit, 'patch', `/outcomes/${second.id}`, { status: 'not_adopted', feedback: '财政预算已定' });
    await api(t, c.staff, 'post', `/topics/${c1.id}/resolve`, {});
    // Now: P2's three clocks are long past, P1's second outcome is past its due date.
    await t.jobs.runNow('deadlines', 'sweep');
  });
  afterAll(() => t.close());

  const stats = async (query = '') => (await api(t, c.staff, 'get', `/stats/topics${query}`)) as Stats;
  const counts = (rows: { count: number }[], key: string) =>
    Object.fromEntries(rows.map((r: Record<string, any>) => [r[key], r.count]));

  it('counts everything by level, step, organiser; adoption, overdue outcomes and breaches by clock', async () => {
    const s = await stats();
    expect(s).toMatchObject({ year: null, level: null, total: 4 });
    expect(counts(s.byLevel, 'level')).toEqual({ city: 2, district: 0, street: 0, community: 1, grid: 1 });
    expect(s.byLevel.map((r: Stats) => r.label)).toEqual(['市', '区县', '街道', '社区', '网格']);
    expect(counts(s.byStatus, 'status')).toEqual({
      raised: 1,
      settled: 0,
      declined: 1,
      deliberating: 1,
      resolving: 1,
      evaluated: 0,
    });
    expect(s.byStatus.map((r: Stats) => r.label)).toEqual([
      '已出题',
      '已定题',
      '不予定题',
      '议题中',
      '解题中',
      '已评题',
    ]);
    const byOrganizer = Object.fromEntries(
      s.byOrganizer.map((r: Stats) => [`${r.organizer.type}:${r.organizer.id}`, r]),
    );
    expect(byOrganizer).toEqual({
      [`point:${c.facilitator.pointId}`]: {
        organizer: expect.objectContaining({ typeLabel: '协商议事点' }),
        topics: 2,
        outcomes: 2,
        adoption: { numerator: 1, denominator: 2, rate: 0.5 },
        overdue: 1,
      },
      [`committee:${c.committeeId}`]: {
        organizer: expect.objectContaining({ typeLabel: '专委会' }),
        topics: 2,
        outcomes: 2,
        adoption: { numerator: 1, denominator: 2, rate: 0.5 },
        overdue: 0,
      },
    });
    expect(s.outcomes).toEqual({
      total: 4,
      byStatus: [
        { status: 'open', label: '待办理', count: 1 },
        { status: 'in_progress', label: '办理中', count: 0 },
        { status: 'done', label: '已落实', count: 2 },
        { status: 'not_adopted', label: '未采纳', count: 1 },
      ],
      adoption: { numerator: 2, denominator: 4, rate: 0.5 },
      overdue: 1,
    });
    expect(s.promises).toEqual({
      topics: 2,
      breachedTopics: 1,
      breaches: [
        { clock: 'acknowledge', label: '回应超时', count: 1 },
        { clock: 'answer', label: '答复超时', count: 1 },
        { clock: 'solve', label: '解决超时', count: 1 },
      ],
    });
  });

  it('narrows to the year raised (Shanghai calendar) and the level', async () => {
    const y2025 = await stats('?year=2025');
    expect(y2025).toMatchObject({
      year: 2025,
      total: 1,
      outcomes: { total: 0, adoption: { numerator: 0, denominator: 0, rate: null }, overdue: 0 },
      promises: { topics: 0, breachedTopics: 0 },
    });
    expect(y2025.byOrganizer).toEqual([
      expect.objectContaining({ topics: 1, outcomes: 0, adoption: { numerator: 0, denominator: 0, rate: null } }),
    ]);
    expect(counts(y2025.byStatus, 'status')).toMatchObject({ declined: 1, raised: 0 });
    expect((await stats('?year=2026')).total).toBe(3);
    expect((await stats('?year=2024')).total).toBe(0);

    const grid = await stats('?level=grid');
    expect(grid).toMatchObject({
      level: 'grid',
      total: 1,
      outcomes: { total: 0 },
      promises: { topics: 1, breachedTopics: 1 },
    });
    expect(grid.promises.breaches.map((b: Stats) => b.count)).toEqual([1, 1, 1]);
    const city = await stats('?level=city&year=2026');
    expect(city).toMatchObject({
      total: 1,
      outcomes: { total: 2, adoption: { numerator: 1, denominator: 2, rate: 0.5 }, overdue: 0 },
      promises: { topics: 0 },
    });
  });

  it('is for staff and leaders; others are refused; bad filters are 400', async () => {
    expect((await t.http().get('/api/v1/stats/topics').set(c.leader.auth).expect(200)).body.total).toBe(4);
    for (const role of ['member', 'unit', 'facilitator', 'admin'] as (Role | 'admin')[]) {
      await t
        .http()
        .get('/api/v1/stats/topics')
        .set('Authorization', `Bearer ${await t.tokenFor(role)}`)
        .expect(403);
    }
    await t.http().get('/api/v1/stats/topics').expect(401);
    for (const bad of ['year=26', 'year=abc', 'level=province', 'session=1'])
      await t.http().get(`/api/v1/stats/topics?${bad}`).set(c.staff.auth).expect(400);
  });
});
