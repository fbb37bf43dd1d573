import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Clock } from '../common/clock';
import { wallClock, yearOf, yearRange } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Committee, Member, Sector } from '../directory/directory.entities';
import { OpinionStatsRow, OpinionStatsView } from './dto/opinion-outcome.dto';
import { ADOPTION_LEVELS, AdoptionLevel, NOT_ADOPTABLE, rateOf } from './opinion-outcomes';

/** The first instant of month `month` (1–12, 13 for next January) of `year` on `timeZone`'s wall clock. */
export function monthStart(year: number, month: number, timeZone: string): Date {
  const utc = Date.UTC(year, month - 1, 1);
  return new Date(utc - (wallClock(new Date(utc), timeZone).getTime() - utc));
}

export type StatsDimension = 'total' | 'member' | 'sector' | 'committee' | 'month';

/**
 * The grouped SQL of one dimension of the statistics, the same text on both engines: the items submitted in
 * the year (not drafts), counted once per group, with 编报 (采用编报 or later), 采用 by any upper body and by
 * each configured level, the items compiled into an issue (第N期), and those whose issue has a 领导批示 (with the
 * number of such issues) — a 批示 is on the issue, a report, and each item points to its issue (`issueReportId`). Named parameters (`:from`, `:to`, `:m2` … `:m12`, `:l0` …) for TypeORM to bind.
 * Exported for bench/opinions, which times it raw beside the service.
 */
export function statsSql(dim: StatsDimension, levels: readonly AdoptionLevel[]): string {
  const notAccepted = NOT_ADOPTABLE.map((s) => `'${s}'`).join(', ');
  const month = `CASE ${[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => `WHEN o.submittedAt < :m${m} THEN ${m - 1}`).join(' ')} ELSE 12 END`;
  const key: Record<StatsDimension, string> = {
    total: '0',
    member: 'c.memberId',
    sector: 'o.sectorId',
    committee: 'oc.committeeId',
    month,
  };
  const from: Record<StatsDimension, string> = {
    total: 'opinions o',
    member: 'opinion_contributors c INNER JOIN opinions o ON o.id = c.opinionId',
    sector: 'opinions o',
    committee:
      '(SELECT o2.id AS opinionId, o2.committeeId AS committeeId FROM opinions o2 WHERE o2.committeeId IS NOT NULL' +
      ' UNION SELECT c.opinionId AS opinionId, mc.committeeId AS committeeId FROM opinion_contributors c' +
      ' INNER JOIN member_committees mc ON mc.memberId = c.memberId) oc INNER JOIN opinions o ON o.id = oc.opinionId',
    month: 'opinions o',
  };
  const extra: Partial<Record<StatsDimension, string>> = {
    member: ' AND c.memberId IS NOT NULL',
    sector: ' AND o.sectorId IS NOT NULL',
  };
  const perLevel = levels
    .map((_, i) => `, COUNT(DISTINCT CASE WHEN a.level = :l${i} THEN o.id END) AS lv${i}`)
    .join('');
  return (
    `SELECT ${key[dim]} AS k, COUNT(DISTINCT o.id) AS submitted,` +
    ` COUNT(DISTINCT CASE WHEN o.status NOT IN (${notAccepted}) THEN o.id END) AS accepted,` +
    ` COUNT(DISTINCT a.opinionId) AS adopted${perLevel},` +
    ' COUNT(DISTINCT CASE WHEN o.issueReportId IS NOT NULL THEN o.id END) AS compiled,' +
    ' COUNT(DISTINCT i.targetId) AS instructedIssues, COUNT(DISTINCT CASE WHEN i.id IS NOT NULL THEN o.id END) AS instructed' +
    ` FROM ${from[dim]} LEFT JOIN opinion_adoptions a ON a.opinionId = o.id` +
    " LEFT JOIN instructions i ON i.targetType = 'report' AND i.targetId = o.issueReportId" +
    ` WHERE o.status <> 'draft' AND o.submittedAt >= :from AND o.submittedAt < :to${extra[dim] ?? ''}` +
    (dim === 'total' ? '' : ` GROUP BY ${key[dim]}`)
  );
}

/** The parameters of `statsSql` for `year` on `timeZone`. */
export function statsParams(year: number, timeZone: string, levels: readonly AdoptionLevel[]): Record<string, unknown> {
  const range = yearRange(year, timeZone);
  const params: Record<string, unknown> = { from: range.from, to: range.to };
  for (let m = 2; m <= 12; m++) params[`m${m}`] = monthStart(year, m, timeZone);
  levels.forEach((l, i) => (params[`l${i}`] = l.code));
  return params;
}

type Raw = Record<string, unknown>;

/**
 * 社情民意统计: a year's items (by the day submitted, display clock) by member (each contributing member), sector,
 * committee (a committee's own items and its members') and month — 报送, 编报, 采用 by level, 编报率 and 采用率
 * (null when nothing was submitted, never a misleading 0). Five grouped queries; no rows loaded.
 */
@Injectable()
export class OpinionStatsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ADOPTION_LEVELS) private readonly levels: AdoptionLevel[],
  ) {}

  async forYear(year?: number): Promise<OpinionStatsView> {
    const tz = this.config.displayTimeZone;
    const y = year ?? yearOf(this.clock.now(), tz);
    const params = statsParams(y, tz, this.levels);
    const run = (dim: StatsDimension) => {
      const [sql, bound] = this.ds.driver.escapeQueryWithParameters(statsSql(dim, this.levels), params);
      return this.ds.query(sql, bound) as Promise<Raw[]>;
    };
    const [total, members, sectors, committees, months] = await Promise.all(
      (['total', 'member', 'sector', 'committee', 'month'] as const).map(run),
    );
    const names = async <T extends { id: number; name: string }>(
      entity: new () => T,
      rows: Raw[],
    ): Promise<Map<number, string>> => {
      const ids = rows.map((r) => Number(r.k));
      if (!ids.length) return new Map();
      const found = (await this.ds.getRepository(entity).findBy({ id: In(ids) } as never)) as T[];
      return new Map(found.map((e) => [e.id, e.name]));
    };
    const [memberNames, sectorNames, committeeNames] = await Promise.all([
      names(Member, members),
      names(Sector, sectors),
      names(Committee, committees),
    ]);
    const byMonth = new Map(months.map((r) => [Number(r.k), r]));
    const sorted = (rows: OpinionStatsRow[]) =>
      rows.sort((a, b) => b.submitted - a.submitted || a.label.localeCompare(b.label, 'zh-CN'));
    return {
      year: y,
      levels: this.levels.map((l) => ({ code: l.code, label: l.label })),
      total: this.row(0, '合计', total[0] ?? {}),
      byMember: sorted(members.map((r) => this.row(Number(r.k), memberNames.get(Number(r.k)) ?? '', r))),
      bySector: sorted(sectors.map((r) => this.row(Number(r.k), sectorNames.get(Number(r.k)) ?? '', r))),
      byCommittee: sorted(committees.map((r) => this.row(Number(r.k), committeeNames.get(Number(r.k)) ?? '', r))),
      byMonth: Array.from({ length: 12 }, (_, i) => this.row(i + 1, `${i + 1}月`, byMonth.get(i + 1) ?? {})),
    };
  }

  private row(key: number, label: string, r: Raw): OpinionStatsRow {
    const submitted = Number(r.submitted ?? 0);
    const accepted = Number(r.accepted ?? 0);
    const adopted = Number(r.adopted ?? 0);
    const count = (k: string) => Number(r[k] ?? 0);
    const adoptedByLevel: Record<string, number> = {};
    this.levels.forEach((l, i) => (adoptedByLevel[l.code] = Number(r[`lv${i}`] ?? 0)));
    return {
      key,
      label,
      submitted,
      accepted,
      adopted,
      adoptedByLevel,
      compiled: count('compiled'),
      instructed: count('instructed'),
      instructedIssues: count('instructedIssues'),
      acceptRate: rateOf(accepted, submitted),
      adoptionRate: rateOf(adopted, submitted),
    };
  }
}
