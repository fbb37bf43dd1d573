import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { User } from '../auth/user.entity';
import { Clock } from '../common/clock';
import { rateOf } from '../common/rate';
import { yearOf } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CouncilSession, Sector } from '../directory/directory.entities';
import { whereSessionInYear } from '../directory/session-year';
import { InstructionStatsService } from '../instructions/instruction-stats.service';
import { formatNumber, STATUS_LABELS as PROPOSAL_STATUS_LABELS } from '../proposals/proposal-labels';
import { ProposalStatsService } from '../proposals/proposal-stats.service';
import { Proposal } from '../proposals/proposal.entities';
import { STATUS_LABELS as TOPIC_STATUS_LABELS } from '../topics/topic-labels';
import { TopicStatsService } from '../topics/topic-stats.service';
import { TOPIC_STATUSES, TopicStatus } from '../topics/topic-workflow';
import { Outcome, Topic } from '../topics/topic.entities';
import { Visit } from '../visits/visit.entities';
import type {
  CollectingSession,
  DashboardView,
  KeyProposalRow,
  SectorParticipation,
  TopicSteps,
  VisitFigures,
} from './dto/dashboard.dto';
import type { RankingRowView } from './dto/record.dto';
import { RecordsService, YearOf } from './records.service';

/** Key proposals listed on the dashboard, at most (the count links to the full list). */
const KEY_LISTED = 50;

const num = (v: unknown) => Number(v ?? 0);

/**
 * 领导驾驶舱: the year at a glance for leaders and staff — proposals by status with the rates
 * (ProposalStatsService over the year's sessions), overdue units, key proposals with their supervising
 * leaders, topics raised in the year by step with the adoption of their outcomes, and members'
 * participation by sector (from the duty records), the year's field visits 视察调研 (held, planned,
 * members' participation) and the response promises of the year's topics with their misses by clock
 * (TopicStatsService). Each figure comes with what a page needs to link it to the list behind it.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly ds: DataSource,
    private readonly stats: ProposalStatsService,
    private readonly records: RecordsService,
    private readonly topicStats: TopicStatsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly instructions: InstructionStatsService,
  ) {}

  async forYear(year?: number): Promise<DashboardView> {
    const y = this.records.yearOf(year);
    const [proposals, keyProposals, topics, promises, rows, visitCounts, sessions, collecting] = await Promise.all([
      this.stats.forSession(undefined, y.year),
      this.keyProposals(y),
      this.topicSteps(y),
      this.topicStats.promises({ year: y.year }),
      this.records.rows(y),
      this.visitCounts(y),
      this.sessionsOf(y),
      this.collectingIn(y),
    ]);
    return {
      year: y.year,
      sessions,
      collecting,
      proposals,
      overdueUnits: proposals.byUnit
        .filter((u) => u.overdue > 0)
        .sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, 'zh-CN')),
      keyProposals,
      topics,
      visits: this.visitFigures(visitCounts, rows),
      promises,
      participation: await this.participation(rows),
      instructions: await this.instructions.forYear(y.year),
    };
  }

  /** The year's visits by status (by their start). */
  private async visitCounts(y: YearOf): Promise<Record<string, number>> {
    const rows = await this.ds
      .getRepository(Visit)
      .createQueryBuilder('v')
      .select('v.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('v.startsAt >= :from AND v.startsAt < :to', y.range)
      .groupBy('v.status')
      .getRawMany<{ status: string; n: unknown }>();
    return Object.fromEntries(rows.map((r) => [r.status, num(r.n)]));
  }

  /** 视察调研: held, planned and cancelled in the year; members' participation from the duty records (the same counting). */
  private visitFigures(counts: Record<string, number>, rows: RankingRowView[]): VisitFigures {
    const total = (pick: (r: RankingRowView) => number) => rows.reduce((a, r) => a + pick(r), 0);
    return {
      completed: counts.completed ?? 0,
      planned: counts.planned ?? 0,
      cancelled: counts.cancelled ?? 0,
      attendance: rateOf(
        total((r) => r.summary.visits?.attended ?? 0),
        total((r) => r.summary.visits?.invited ?? 0),
      ),
      membersTookPart: rows.filter((r) => (r.summary.visits?.attended ?? 0) > 0).length,
    };
  }

  private async sessionsOf(y: YearOf): Promise<Array<{ id: number; name: string }>> {
    const rows = await this.ds
      .getRepository(CouncilSession)
      .createQueryBuilder('s')
      .where('s.closesAt >= :from AND s.closesAt < :to', y.range)
      .orderBy('s.closesAt', 'ASC')
      .getMany();
    return rows.map((s) => ({ id: s.id, name: s.name }));
  }

  /**
   * Sessions counted in a later year (their 大会提案截止 falls after this year) that already took proposals in this
   * one, up to today: the next 大会's proposals, collected from October, belong to the next year.
   */
  private async collectingIn(y: YearOf): Promise<CollectingSession[]> {
    const now = this.clock.now();
    const rows = await this.ds
      .getRepository(CouncilSession)
      .createQueryBuilder('s')
      .where('s.closesAt >= :to AND s.opensAt < :to AND s.opensAt <= :now', { to: y.range.to, now })
      .orderBy('s.closesAt', 'ASC')
      .getMany();
    if (!rows.length) return [];
    const counts = await this.ds
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .select('p.sessionId', 'sessionId')
      .addSelect('COUNT(*)', 'n')
      .where('p.sessionId IN (:...ids) AND p.status <> :draft', { ids: rows.map((s) => s.id), draft: 'draft' })
      .groupBy('p.sessionId')
      .getRawMany<{ sessionId: unknown; n: unknown }>();
    const bySession = new Map(counts.map((c) => [num(c.sessionId), num(c.n)]));
    return rows.map((s) => ({
      id: s.id,
      name: s.name,
      year: yearOf(s.closesAt, this.config.displayTimeZone),
      proposals: bySession.get(s.id) ?? 0,
    }));
  }

  /** 重点提案 of the year's sessions with their 督办领导, by number. */
  private async keyProposals(y: YearOf): Promise<{ total: number; items: KeyProposalRow[] }> {
    const qb = whereSessionInYear(
      this.ds.getRepository(Proposal).createQueryBuilder('p').where('p.isKey = :yes', { yes: true }),
      'p.sessionId',
      y.range,
    );
    const [rows, total] = await qb
      .orderBy('p.number', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .take(KEY_LISTED)
      .getManyAndCount();
    const ids = [...new Set(rows.map((p) => p.supervisorUserId).filter((id): id is number => id !== null))];
    const names = new Map(
      (ids.length ? await this.ds.getRepository(User).findBy({ id: In(ids) }) : []).map((u) => [u.id, u.displayName]),
    );
    return {
      total,
      items: rows.map((p) => ({
        id: p.id,
        numberLabel: p.number === null ? null : formatNumber(p.number),
        title: p.title,
        status: p.status,
        statusLabel: PROPOSAL_STATUS_LABELS[p.status],
        overdue: p.overdue,
        supervisor: p.supervisorUserId === null ? null : (names.get(p.supervisorUserId) ?? null),
      })),
    };
  }

  /** Topics raised in the year, by step, each with its outcomes and how many are done (采纳率 = done / all). */
  private async topicSteps(y: YearOf): Promise<TopicSteps> {
    const inYear = 't.createdAt >= :from AND t.createdAt < :to';
    const [topics, outcomes] = await Promise.all([
      this.ds
        .getRepository(Topic)
        .createQueryBuilder('t')
        .select('t.status', 'status')
        .addSelect('COUNT(*)', 'n')
        .where(inYear, y.range)
        .groupBy('t.status')
        .getRawMany<Record<string, unknown>>(),
      this.ds
        .getRepository(Outcome)
        .createQueryBuilder('o')
        .innerJoin(Topic, 't', 't.id = o.topicId')
        .select('t.status', 'status')
        .addSelect('COUNT(*)', 'n')
        .addSelect("SUM(CASE WHEN o.status = 'done' THEN 1 ELSE 0 END)", 'done')
        .where(inYear, y.range)
        .groupBy('t.status')
        .getRawMany<Record<string, unknown>>(),
    ]);
    const of = (rows: Array<Record<string, unknown>>, status: TopicStatus, field: string) =>
      num(rows.find((r) => r.status === status)?.[field]);
    const byStatus = TOPIC_STATUSES.map((status) => ({
      status,
      label: TOPIC_STATUS_LABELS[status],
      count: of(topics, status, 'n'),
      adoption: rateOf(of(outcomes, status, 'done'), of(outcomes, status, 'n')),
    }));
    const sum = (pick: (s: (typeof byStatus)[number]) => number) => byStatus.reduce((a, s) => a + pick(s), 0);
    return {
      total: sum((s) => s.count),
      byStatus,
      adoption: rateOf(
        sum((s) => s.adoption.numerator),
        sum((s) => s.adoption.denominator),
      ),
    };
  }

  /** Per sector: members, meetings they were asked to and attended (出席率), visits likewise, proposals led, the average score. */
  private async participation(rows: RankingRowView[]): Promise<SectorParticipation[]> {
    const sectors = await this.ds.getRepository(Sector).find({ order: { sortOrder: 'ASC', id: 'ASC' } });
    return sectors
      .map((s) => {
        const mine = rows.filter((r) => r.member.sectorId === s.id);
        const total = (pick: (r: (typeof rows)[number]) => number) => mine.reduce((a, r) => a + pick(r), 0);
        return {
          sectorId: s.id,
          name: s.name,
          members: mine.length,
          attendance: rateOf(
            total((r) => r.summary.meetings.attended),
            total((r) => r.summary.meetings.invited),
          ),
          visitAttendance: rateOf(
            total((r) => r.summary.visits?.attended ?? 0),
            total((r) => r.summary.visits?.invited ?? 0),
          ),
          proposalsLed: total((r) => r.summary.proposals.led),
          speeches: total((r) => r.summary.speeches),
          averageScore: mine.length ? Math.round((total((r) => r.score) / mine.length) * 10) / 10 : null,
        };
      })
      .filter((s) => s.members > 0);
  }
}
