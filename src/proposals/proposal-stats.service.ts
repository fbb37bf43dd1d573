import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { AppError } from '../common/app-error';
import { rateOf } from '../common/rate';
import { YearRange, yearRange } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CouncilSession, Sector, Unit } from '../directory/directory.entities';
import { whereSessionInYear } from '../directory/session-year';
import {
  CategoryStats,
  GroupCounts,
  ProposalStatsView,
  RateView,
  SectorStats,
  UnitStats,
} from './dto/proposal-stats.dto';
import { STATUS_LABELS } from './proposal-labels';
import { PROPOSAL_STATUSES, ProposalStatus } from './proposal-workflow';
import { Proposal, ProposalEvaluation, ProposalUnit } from './proposal.entities';
import { labelOf, PROPOSAL_CONFIG, ProposalConfig } from './proposals.config';

/* The states each rate counts (DOMAIN.md "Rates"). */
const ACCEPTED: readonly ProposalStatus[] = ['accepted', 'assigned', 'replied', 'completed'];
const REVIEWED: readonly ProposalStatus[] = [...ACCEPTED, 'rejected', 'converted', 'merged'];
const ASSIGNED: readonly ProposalStatus[] = ['assigned', 'replied', 'completed'];
const REPLIED: readonly ProposalStatus[] = ['replied', 'completed'];
const SATISFIED = ['satisfied', 'basically_satisfied'];

/** One row of the grouped count: proposals of one status, category and sector. */
interface Facet {
  status: ProposalStatus;
  category: string;
  sectorId: number | null;
  n: number;
  key: number;
  excellent: number;
  overdue: number;
}

/** What the figures cover: one session, the sessions of a year, both or neither. */
interface Scope {
  sessionId?: number;
  year?: YearRange;
}

const num = (v: unknown): number => Number(v ?? 0);

function groupCounts(rows: Facet[]): GroupCounts {
  const sum = (states: readonly ProposalStatus[] | null) =>
    rows.filter((r) => (states ? states.includes(r.status) : r.status !== 'withdrawn')).reduce((a, r) => a + r.n, 0);
  return { total: sum(null), reviewed: sum(REVIEWED), accepted: sum(ACCEPTED) };
}

function groupBy<K>(rows: Facet[], key: (r: Facet) => K): Map<K, Facet[]> {
  const out = new Map<K, Facet[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

/**
 * 提案办理情况统计 for staff and leaders (and the leaders' pages and the annual report later): counts by
 * status, category, sector and unit, 立案率, 办复率 and the two satisfaction rates, by session or over all.
 * Three grouped queries — proposals by (status, category, sector), active assignments by unit, latest
 * evaluations — whose results are as small as those lists; no proposal is loaded. Drafts are never counted.
 */
@Injectable()
export class ProposalStatsService {
  constructor(
    private readonly ds: DataSource,
    @Inject(PROPOSAL_CONFIG) private readonly config: ProposalConfig,
    @Inject(APP_CONFIG) private readonly appConfig: AppConfig,
  ) {}

  /** One session's figures, or all sessions' (`year`: only the sessions of that year, see `whereSessionInYear`). */
  async forSession(sessionId?: number, year?: number): Promise<ProposalStatsView> {
    const session =
      sessionId === undefined ? null : await this.ds.getRepository(CouncilSession).findOneBy({ id: sessionId });
    if (sessionId !== undefined && !session) throw AppError.invalidField('sessionId', '会次不存在');
    const scope: Scope = {
      sessionId,
      year: year === undefined ? undefined : yearRange(year, this.appConfig.displayTimeZone),
    };
    const [facets, byUnit, satisfaction] = await Promise.all([
      this.facets(scope),
      this.byUnit(scope),
      this.satisfaction(scope),
    ]);
    const count = (states: readonly ProposalStatus[]) =>
      facets.filter((f) => states.includes(f.status)).reduce((a, f) => a + f.n, 0);
    const sum = (field: 'key' | 'excellent' | 'overdue') => facets.reduce((a, f) => a + f[field], 0);
    return {
      session: session && { id: session.id, name: session.name },
      total: groupCounts(facets).total,
      byStatus: PROPOSAL_STATUSES.filter((s) => s !== 'draft').map((status) => ({
        status,
        label: STATUS_LABELS[status],
        count: count([status]),
      })),
      byCategory: this.byCategory(facets),
      bySector: await this.bySector(facets),
      byUnit,
      rates: {
        acceptance: rateOf(count(ACCEPTED), count(REVIEWED)),
        reply: rateOf(count(REPLIED), count(ASSIGNED)),
        satisfaction,
      },
      overdue: sum('overdue'),
      key: sum('key'),
      excellent: sum('excellent'),
    };
  }

  private inSession<T extends object>(qb: SelectQueryBuilder<T>, scope: Scope): SelectQueryBuilder<T> {
    if (scope.sessionId !== undefined) qb.andWhere('p.sessionId = :sessionId', { sessionId: scope.sessionId });
    return scope.year ? whereSessionInYear(qb, 'p.sessionId', scope.year) : qb;
  }

  private async facets(scope: Scope): Promise<Facet[]> {
    const flag = (column: string) => `SUM(CASE WHEN p.${column} = :yes THEN 1 ELSE 0 END)`;
    const qb = this.ds
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .select('p.status', 'status')
      .addSelect('p.category', 'category')
      .addSelect('p.sectorId', 'sectorId')
      .addSelect('COUNT(*)', 'n')
      .addSelect(flag('isKey'), 'keyCount')
      .addSelect(flag('excellent'), 'excellentCount')
      .addSelect(flag('overdue'), 'overdueCount')
      .where('p.status <> :draft', { draft: 'draft', yes: true })
      .groupBy('p.status')
      .addGroupBy('p.category')
      .addGroupBy('p.sectorId');
    const rows = await this.inSession(qb, scope).getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      status: r.status as ProposalStatus,
      category: String(r.category),
      sectorId: r.sectorId === null ? null : num(r.sectorId),
      n: num(r.n),
      key: num(r.keyCount),
      excellent: num(r.excellentCount),
      overdue: num(r.overdueCount),
    }));
  }

  /** Every configured category (zeros included), then any code no longer configured that proposals still carry. */
  private byCategory(facets: Facet[]): CategoryStats[] {
    const groups = groupBy(facets, (f) => f.category);
    const codes = [
      ...this.config.categories.map((c) => c.code),
      ...[...groups.keys()].filter((code) => !this.config.categories.some((c) => c.code === code)),
    ];
    return codes.map((category) => ({
      category,
      label: labelOf(this.config.categories, category)!,
      ...groupCounts(groups.get(category) ?? []),
    }));
  }

  /** Sectors that have proposals, in the sector list's order; proposals without a sector last. */
  private async bySector(facets: Facet[]): Promise<SectorStats[]> {
    const groups = groupBy(facets, (f) => f.sectorId);
    const ids = [...groups.keys()].filter((id): id is number => id !== null);
    const sectors = ids.length
      ? await this.ds.getRepository(Sector).find({ where: { id: In(ids) }, order: { sortOrder: 'ASC', id: 'ASC' } })
      : [];
    const rows: SectorStats[] = sectors.map((s) => ({
      sectorId: s.id,
      name: s.name,
      ...groupCounts(groups.get(s.id)!),
    }));
    if (groups.has(null)) rows.push({ sectorId: null, name: '未归属界别', ...groupCounts(groups.get(null)!) });
    return rows;
  }

  /** Per unit, over its active parts in assignments: assigned, replied (by it, or the proposal as a whole), overdue and not replied by it. */
  private async byUnit(scope: Scope): Promise<UnitStats[]> {
    const qb = this.ds
      .getRepository(ProposalUnit)
      .createQueryBuilder('pu')
      .innerJoin(Proposal, 'p', 'p.id = pu.proposalId')
      .select('pu.unitId', 'unitId')
      .addSelect('COUNT(*)', 'assigned')
      .addSelect('SUM(CASE WHEN pu.repliedAt IS NOT NULL OR p.status IN (:...replied) THEN 1 ELSE 0 END)', 'replied')
      .addSelect(
        "SUM(CASE WHEN p.overdue = :yes AND p.status = 'assigned' AND pu.repliedAt IS NULL THEN 1 ELSE 0 END)",
        'overdue',
      )
      .where('pu.active = :yes', { yes: true, replied: REPLIED, handled: ASSIGNED })
      .andWhere('p.status IN (:...handled)')
      .groupBy('pu.unitId');
    const rows = await this.inSession(qb, scope).getRawMany<Record<string, unknown>>();
    if (!rows.length) return [];
    const units = new Map(
      (await this.ds.getRepository(Unit).findBy({ id: In(rows.map((r) => num(r.unitId))) })).map((u) => [u.id, u.name]),
    );
    return rows
      .map((r) => ({
        unitId: num(r.unitId),
        name: units.get(num(r.unitId)) ?? '',
        assigned: num(r.assigned),
        replied: num(r.replied),
        overdue: num(r.overdue),
      }))
      .sort((a, b) => b.assigned - a.assigned || a.name.localeCompare(b.name, 'zh-CN'));
  }

  /** 办理工作满意率 and 办理结果满意率 over each proposal's latest evaluation (an earlier 不满意 was followed by re-handling). */
  private async satisfaction(scope: Scope): Promise<{ attitude: RateView; result: RateView }> {
    const qb = this.ds
      .getRepository(ProposalEvaluation)
      .createQueryBuilder('e')
      .innerJoin(Proposal, 'p', 'p.id = e.proposalId');
    const latest = qb
      .subQuery()
      .select('MAX(e2.round)')
      .from(ProposalEvaluation, 'e2')
      .where('e2.proposalId = e.proposalId')
      .getQuery();
    qb.select('COUNT(*)', 'evaluated')
      .addSelect('SUM(CASE WHEN e.rating IN (:...good) THEN 1 ELSE 0 END)', 'resultGood')
      .addSelect('SUM(CASE WHEN e.attitude IS NOT NULL THEN 1 ELSE 0 END)', 'attitudeEvaluated')
      .addSelect('SUM(CASE WHEN e.attitude IN (:...good) THEN 1 ELSE 0 END)', 'attitudeGood')
      .where(`e.round = ${latest}`, { good: SATISFIED });
    const row = (await this.inSession(qb, scope).getRawOne<Record<string, unknown>>()) ?? {};
    return {
      attitude: rateOf(num(row.attitudeGood), num(row.attitudeEvaluated)),
      result: rateOf(num(row.resultGood), num(row.evaluated)),
    };
  }
}
