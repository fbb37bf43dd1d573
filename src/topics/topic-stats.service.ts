import { Inject, Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { rateOf } from '../common/rate';
import { yearStart } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { OrganizerStats, PromiseStats, TopicStatsQuery, TopicStatsView } from './dto/topic-stats.dto';
import { BREACH_LABELS, LEVEL_LABELS, OUTCOME_STATUS_LABELS, STATUS_LABELS } from './topic-labels';
import { organizersOf } from './topic-views';
import { CLOSED_OUTCOME_STATUSES, OUTCOME_STATUSES, PROMISE_CLOCKS, TOPIC_STATUSES } from './topic-workflow';
import { OrganizerType, Outcome, Topic, TOPIC_LEVELS, TopicClock } from './topic.entities';

const OPEN = OUTCOME_STATUSES.filter((s) => !CLOSED_OUTCOME_STATUSES.includes(s));
const num = (v: unknown): number => Number(v ?? 0);
const key = (type: string, id: unknown) => `${type}:${num(id)}`;

/** Topics with a promise, those with a miss, and the misses by clock (a topic misses each clock at most once). */
function promiseStats(
  topics: { promised: number }[],
  breaches: { byClock: Map<string, number>; topics: number },
): PromiseStats {
  return {
    topics: topics.reduce((a, r) => a + r.promised, 0),
    breachedTopics: breaches.topics,
    breaches: PROMISE_CLOCKS.map((clock) => ({
      clock,
      label: BREACH_LABELS[clock],
      count: breaches.byClock.get(clock) ?? 0,
    })),
  };
}

/**
 * 协商统计 for staff and leaders: topics by level, step and organiser, outcomes by status with 采纳率
 * (done / all, overall and per organiser) and the overdue ones, response-promise breaches by clock —
 * over the topics raised in `year` (Shanghai calendar) and of `level`, when given. Three grouped
 * queries (topics; outcomes by organiser and status; clocks missed) whose results are as small as
 * those lists; no topic is loaded.
 */
@Injectable()
export class TopicStatsService {
  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
  ) {}

  async stats(q: TopicStatsQuery): Promise<TopicStatsView> {
    const [topics, outcomes, breaches] = await Promise.all([
      this.topicFacets(q),
      this.outcomeFacets(q),
      this.breaches(q),
    ]);
    const sum = <T>(rows: T[], n: (r: T) => number, keep: (r: T) => boolean = () => true) =>
      rows.filter(keep).reduce((a, r) => a + n(r), 0);
    const done = (rows: typeof outcomes) =>
      sum(
        rows,
        (r) => r.n,
        (r) => r.status === 'done',
      );
    const overdue = (rows: typeof outcomes) => sum(rows, (r) => r.overdue);
    const allOutcomes = sum(outcomes, (r) => r.n);
    return {
      year: q.year ?? null,
      level: q.level ?? null,
      total: sum(topics, (r) => r.n),
      byLevel: TOPIC_LEVELS.map((level) => ({
        level,
        label: LEVEL_LABELS[level],
        count: sum(
          topics,
          (r) => r.n,
          (r) => r.level === level,
        ),
      })),
      byStatus: TOPIC_STATUSES.map((status) => ({
        status,
        label: STATUS_LABELS[status],
        count: sum(
          topics,
          (r) => r.n,
          (r) => r.status === status,
        ),
      })),
      byOrganizer: await this.byOrganizer(topics, outcomes, done, overdue),
      outcomes: {
        total: allOutcomes,
        byStatus: OUTCOME_STATUSES.map((status) => ({
          status,
          label: OUTCOME_STATUS_LABELS[status],
          count: sum(
            outcomes,
            (r) => r.n,
            (r) => r.status === status,
          ),
        })),
        adoption: rateOf(done(outcomes), allOutcomes),
        overdue: overdue(outcomes),
      },
      promises: promiseStats(topics, breaches),
    };
  }

  /** The response promises alone (the leaders' dashboard): the topics query and the clocks missed, not the outcomes. */
  async promises(q: TopicStatsQuery): Promise<PromiseStats> {
    const [topics, breaches] = await Promise.all([this.topicFacets(q), this.breaches(q)]);
    return promiseStats(topics, breaches);
  }

  /** The topics of the year and level asked for, as `t`. */
  private within<T extends object>(qb: SelectQueryBuilder<T>, q: TopicStatsQuery): SelectQueryBuilder<T> {
    if (q.year !== undefined)
      qb.andWhere('t.createdAt >= :from AND t.createdAt < :to', {
        from: yearStart(q.year, this.app.displayTimeZone),
        to: yearStart(q.year + 1, this.app.displayTimeZone),
      });
    if (q.level) qb.andWhere('t.level = :level', { level: q.level });
    return qb;
  }

  private async topicFacets(q: TopicStatsQuery) {
    const qb = this.ds
      .getRepository(Topic)
      .createQueryBuilder('t')
      .select([
        't.level AS level',
        't.status AS status',
        't.organizerType AS organizerType',
        't.organizerId AS organizerId',
      ])
      .addSelect('COUNT(*)', 'n')
      .addSelect('SUM(CASE WHEN t.responsePolicy IS NULL THEN 0 ELSE 1 END)', 'promised')
      .where('1 = 1')
      .groupBy('t.level')
      .addGroupBy('t.status')
      .addGroupBy('t.organizerType')
      .addGroupBy('t.organizerId');
    const rows = await this.within(qb, q).getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      level: String(r.level),
      status: String(r.status),
      organizer: key(String(r.organizerType), r.organizerId),
      n: num(r.n),
      promised: num(r.promised),
    }));
  }

  private async outcomeFacets(q: TopicStatsQuery) {
    const qb = this.ds
      .getRepository(Outcome)
      .createQueryBuilder('o')
      .innerJoin(Topic, 't', 't.id = o.topicId')
      .select(['t.organizerType AS organizerType', 't.organizerId AS organizerId', 'o.status AS status'])
      .addSelect('COUNT(*)', 'n')
      .addSelect('SUM(CASE WHEN o.overdueAt IS NOT NULL AND o.status IN (:...open) THEN 1 ELSE 0 END)', 'overdue')
      .where('1 = 1', { open: OPEN })
      .groupBy('t.organizerType')
      .addGroupBy('t.organizerId')
      .addGroupBy('o.status');
    const rows = await this.within(qb, q).getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      organizer: key(String(r.organizerType), r.organizerId),
      status: String(r.status),
      n: num(r.n),
      overdue: num(r.overdue),
    }));
  }

  private async breaches(q: TopicStatsQuery): Promise<{ byClock: Map<string, number>; topics: number }> {
    const qb = this.ds
      .getRepository(TopicClock)
      .createQueryBuilder('c')
      .innerJoin(Topic, 't', 't.id = c.topicId')
      .where('c.breachedAt IS NOT NULL');
    const byClock = await this.within(qb.clone(), q)
      .select('c.clock', 'clock')
      .addSelect('COUNT(*)', 'n')
      .groupBy('c.clock')
      .getRawMany<{ clock: string; n: unknown }>();
    const topics = await this.within(qb, q).select('COUNT(DISTINCT c.topicId)', 'n').getRawOne<{ n: unknown }>();
    return { byClock: new Map(byClock.map((r) => [r.clock, num(r.n)])), topics: num(topics?.n) };
  }

  /** Each organiser with topics, most topics first, then by name. */
  private async byOrganizer<O extends { organizer: string; n: number }>(
    topics: { organizer: string; n: number }[],
    outcomes: O[],
    done: (rows: O[]) => number,
    overdue: (rows: O[]) => number,
  ): Promise<OrganizerStats[]> {
    const counts = new Map<string, number>();
    for (const r of topics) counts.set(r.organizer, (counts.get(r.organizer) ?? 0) + r.n);
    const organised = [...counts.keys()].map((k) => ({
      organizerType: k.split(':')[0] as OrganizerType,
      organizerId: Number(k.split(':')[1]),
    }));
    const view = await organizersOf(this.ds.manager, organised);
    return organised
      .map((o) => {
        const mine = outcomes.filter((r) => r.organizer === key(o.organizerType, o.organizerId));
        const all = mine.reduce((a, r) => a + r.n, 0);
        return {
          organizer: view(o),
          topics: counts.get(key(o.organizerType, o.organizerId))!,
          outcomes: all,
          adoption: rateOf(done(mine), all),
          overdue: overdue(mine),
        };
      })
      .sort((a, b) => b.topics - a.topics || a.organizer.name.localeCompare(b.organizer.name, 'zh-CN'));
  }
}
