import { TopicStatsQuery } from '../../src/topics/dto/topic-stats.dto';
import { TopicStatsService } from '../../src/topics/topic-stats.service';
import { beijing, rows } from '../support/rows';
import { startTestApp, TestApp } from '../support/test-app';

/*
 * TopicStatsService's grouped queries against the database, without HTTP. Six topics, their year by
 * Beijing time (T5 and T6 are half an hour either side of 2026 there; in UTC both fall in 2025):
 *
 *        organiser             level      status        raised (Beijing)   promise  outcomes
 *   T1   经纬测试委员会 (C)     city       resolving     2026-03-01         252      done, done, in progress overdue, open
 *   T2   经纬测试委员会 (C)     city       evaluated     2026-04-01         -        done, not adopted (overdue before it closed)
 *   T3   阿拉测试议事点 (P)     community  raised        2026-05-01         252      -; missed 回应 and 答复
 *   T4   阿拉测试议事点 (P)     grid       declined      2026-06-01         252      -; missed 回应
 *   T5   测试统计界别 (S)       district   deliberating  2025-12-31 23:30   252      done, open overdue; missed 解决
 *   T6   测试统计界别 (S)       street     settled       2026-01-01 00:30   -        open overdue
 */
describe('TopicStatsService (integration: the database, no HTTP)', () => {
  let t: TestApp;
  let stats: TopicStatsService;
  const org: Record<'C' | 'P' | 'S', number> = { C: 0, P: 0, S: 0 };
  const q = (fields: Partial<TopicStatsQuery> = {}) => Object.assign(new TopicStatsQuery(), fields);
  const counts = <T extends { count: number }>(list: T[], key: keyof T) =>
    Object.fromEntries(list.map((r) => [r[key], r.count]));

  beforeAll(async () => {
    t = await startTestApp();
    stats = t.app.get(TopicStatsService);
    const r = rows(t);
    const staff = await r.user(['staff']);
    org.C = (await t.make.committee('经纬测试委员会')).id;
    org.P = (await t.make.point({ name: '阿拉测试议事点' })).id;
    org.S = (await t.make.sector('测试统计界别')).id;
    const topic = (
      organizerType: 'committee' | 'point' | 'sector',
      organizerId: number,
      level: string,
      status: string,
      createdAt: Date,
      responsePolicy: string | null = null,
    ) =>
      r.topic({
        organizerType,
        organizerId,
        level: level as never,
        status: status as never,
        createdAt,
        updatedAt: createdAt,
        responsePolicy,
        raisedByUserId: staff.id,
      });
    const outcome = (topicId: number, status: string, overdue = false) =>
      r.outcome(topicId, staff.id, {
        status: status as never,
        overdueAt: overdue ? beijing('2026-08-01') : null,
        closedAt: ['done', 'not_adopted'].includes(status) ? beijing('2026-09-01') : null,
      });
    const clock = (topicId: number, clock: 'acknowledge' | 'answer' | 'solve', breached: boolean) =>
      r.clock(topicId, {
        clock,
        dueAt: beijing('2026-07-01'),
        breachedAt: breached ? beijing('2026-07-02') : null,
        doneAt: breached ? null : beijing('2026-06-30'),
      });

    const t1 = await topic('committee', org.C, 'city', 'resolving', beijing('2026-03-01'), '252');
    await outcome(t1.id, 'done');
    await outcome(t1.id, 'done');
    await outcome(t1.id, 'in_progress', true);
    await outcome(t1.id, 'open');
    await clock(t1.id, 'acknowledge', false);
    const t2 = await topic('committee', org.C, 'city', 'evaluated', beijing('2026-04-01'));
    await outcome(t2.id, 'done');
    await outcome(t2.id, 'not_adopted', true);
    const t3 = await topic('point', org.P, 'community', 'raised', beijing('2026-05-01'), '252');
    await clock(t3.id, 'acknowledge', true);
    await clock(t3.id, 'answer', true);
    await clock(t3.id, 'solve', false);
    const t4 = await topic('point', org.P, 'grid', 'declined', beijing('2026-06-01'), '252');
    await clock(t4.id, 'acknowledge', true);
    const t5 = await topic('sector', org.S, 'district', 'deliberating', beijing('2025-12-31', 23, 30), '252');
    await outcome(t5.id, 'done');
    await outcome(t5.id, 'open', true);
    await clock(t5.id, 'solve', true);
    const t6 = await topic('sector', org.S, 'street', 'settled', beijing('2026-01-01', 0, 30));
    await outcome(t6.id, 'open', true);
  });
  afterAll(() => t?.close());

  it('counts a year’s topics by level and by step, the year by Beijing time', async () => {
    const s = await stats.stats(q({ year: 2026 }));
    expect(s).toMatchObject({ year: 2026, level: null, total: 5 });
    expect(counts(s.byLevel, 'level')).toEqual({ city: 2, district: 0, street: 1, community: 1, grid: 1 });
    expect(counts(s.byStatus, 'status')).toEqual({
      raised: 1,
      settled: 1,
      declined: 1,
      deliberating: 0,
      resolving: 1,
      evaluated: 1,
    });
    expect(s.byLevel.map((l) => l.label)).toEqual(['市', '区县', '街道', '社区', '网格']);
  });

  it('counts the outcomes by status, the adoption rate, and the overdue ones still open', async () => {
    const { outcomes } = await stats.stats(q({ year: 2026 }));
    expect(outcomes.total).toBe(7);
    expect(counts(outcomes.byStatus, 'status')).toEqual({ open: 2, in_progress: 1, done: 3, not_adopted: 1 });
    expect(outcomes.adoption).toEqual({ numerator: 3, denominator: 7, rate: 0.4286 });
    expect(outcomes.overdue).toBe(2);
  });

  it('lists each organiser with its topics, outcomes, adoption and overdue: most topics first, then by name (pinyin)', async () => {
    const { byOrganizer } = await stats.stats(q({ year: 2026 }));
    expect(byOrganizer.map((o) => ({ ...o, organizer: `${o.organizer.type}:${o.organizer.name}` }))).toEqual([
      {
        organizer: 'point:阿拉测试议事点',
        topics: 2,
        outcomes: 0,
        adoption: { numerator: 0, denominator: 0, rate: null },
        overdue: 0,
      },
      {
        organizer: 'committee:经纬测试委员会',
        topics: 2,
        outcomes: 6,
        adoption: { numerator: 3, denominator: 6, rate: 0.5 },
        overdue: 1,
      },
      {
        organizer: 'sector:测试统计界别',
        topics: 1,
        outcomes: 1,
        adoption: { numerator: 0, denominator: 1, rate: 0 },
        overdue: 1,
      },
    ]);
    expect(byOrganizer[0].organizer).toEqual({
      type: 'point',
      typeLabel: '协商议事点',
      id: org.P,
      name: '阿拉测试议事点',
    });
  });

  it('counts the response promises: topics with one, topics that missed, misses by clock', async () => {
    const expected = {
      topics: 3,
      breachedTopics: 2,
      breaches: [
        { clock: 'acknowledge', label: '回应超时', count: 2 },
        { clock: 'answer', label: '答复超时', count: 1 },
        { clock: 'solve', label: '解决超时', count: 0 },
      ],
    };
    expect((await stats.stats(q({ year: 2026 }))).promises).toEqual(expected);
    expect(await stats.promises(q({ year: 2026 }))).toEqual(expected);
  });

  it('narrows to a level', async () => {
    const s = await stats.stats(q({ year: 2026, level: 'city' }));
    expect(s).toMatchObject({ level: 'city', total: 2 });
    expect(s.outcomes).toMatchObject({ total: 6, adoption: { numerator: 3, denominator: 6, rate: 0.5 }, overdue: 1 });
    expect(s.byOrganizer.map((o) => o.organizer.name)).toEqual(['经纬测试委员会']);
    expect(s.promises).toMatchObject({ topics: 1, breachedTopics: 0 });
  });

  it('counts the topic raised half an hour before 2026 in Beijing as 2025', async () => {
    const s = await stats.stats(q({ year: 2025 }));
    expect(s.total).toBe(1);
    expect(counts(s.byLevel, 'level')).toMatchObject({ district: 1 });
    expect(s.outcomes).toMatchObject({ total: 2, adoption: { numerator: 1, denominator: 2, rate: 0.5 }, overdue: 1 });
    expect(s.promises.breaches.map((b) => b.count)).toEqual([0, 0, 1]);
  });

  it('without a year counts every topic', async () => {
    const s = await stats.stats(q());
    expect(s).toMatchObject({ year: null, total: 6 });
    expect(s.outcomes).toMatchObject({
      total: 9,
      adoption: { numerator: 4, denominator: 9, rate: 0.4444 },
      overdue: 3,
    });
    expect(s.promises).toMatchObject({ topics: 4, breachedTopics: 3 });
    expect(s.byOrganizer.map((o) => [o.organizer.name, o.topics])).toEqual([
      ['阿拉测试议事点', 2],
      ['测试统计界别', 2],
      ['经纬测试委员会', 2],
    ]);
  });

  it('a year without topics: zeros and no rate', async () => {
    const s = await stats.stats(q({ year: 2024 }));
    expect(s.total).toBe(0);
    expect(s.byOrganizer).toEqual([]);
    expect(s.outcomes).toMatchObject({ total: 0, adoption: { numerator: 0, denominator: 0, rate: null }, overdue: 0 });
    expect(s.promises).toMatchObject({ topics: 0, breachedTopics: 0 });
  });
});
