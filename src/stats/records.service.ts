import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { yearOf, YearRange, yearRange } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Committee, Member, MemberCommittee, Sector } from '../directory/directory.entities';
import type {
  AttendanceSummary,
  MemberRecordView,
  RankingQuery,
  RankingRowView,
  RankingView,
  RecordMemberView,
  RecordSummary,
  RulesView,
} from './dto/record.dto';
import { gradeOf, RECORD_RULES, RecordRules, RULE_KEYS, RULE_LABELS, RuleSet, ruleSetFor } from './record-rules';
import { Counters, RECORD_SOURCES, RecordSource } from './record-source';

const n = (c: Counters, name: string) => c[name] ?? 0;

function attendance(c: Counters, prefix: 'meeting' | 'visit', invitedName: string): AttendanceSummary {
  const [attended, excused, absent] = [
    n(c, `${prefix}Attended`),
    n(c, `${prefix}Excused`),
    n(c, `${prefix}Absent`) + (prefix === 'meeting' ? n(c, 'plenaryAbsent') : 0),
  ];
  const invited = n(c, invitedName);
  return { invited, attended, excused, absent, unrecorded: Math.max(0, invited - attended - excused - absent) };
}

/** Points of a year's counters: every rule's counter times its points. */
export function pointsOf(c: Counters, set: RuleSet): number {
  return RULE_KEYS.reduce((sum, key) => sum + n(c, key) * set.points[key], 0);
}

export function rulesView(set: RuleSet): RulesView {
  return {
    name: set.name,
    fromYear: set.fromYear,
    version: set.version,
    baseScore: set.baseScore,
    points: RULE_KEYS.map((kind) => ({ kind, label: RULE_LABELS[kind], points: set.points[kind] })),
    grades: set.grades,
  };
}

/** One member's year, or many members' at once, as counters from every source. */
export interface YearOf {
  year: number;
  range: YearRange;
  rules: RuleSet;
  /** The current year (or a later one): graded only once it is over. */
  running: boolean;
}

/**
 * 履职档案: each member's year computed from the proposals, meetings (and, when it lands, visits) records
 * through the RECORD_SOURCES, scored by the rule set in force that year (`config/records.json`). Nothing is
 * stored: a rules change, a late attendance mark or a new 优秀 shows at the next read, and every line names
 * the record it comes from and the record names the rules (with their checksum) it was scored by.
 */
@Injectable()
export class RecordsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    @Inject(RECORD_RULES) private readonly rules: RecordRules,
    @Inject(RECORD_SOURCES) private readonly sources: RecordSource[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The year asked for, or the current one on the display clock, with its range and rules. */
  yearOf(year?: number): YearOf {
    const current = yearOf(this.clock.now(), this.config.displayTimeZone);
    const y = year ?? current;
    return {
      year: y,
      range: yearRange(y, this.config.displayTimeZone),
      rules: ruleSetFor(this.rules, y),
      running: y >= current,
    };
  }

  /** Whether the visits module contributes (its counters and the 视察调研 parts of pages and the PDF). */
  get hasVisits(): boolean {
    return this.sources.some((s) => s.name === 'visits');
  }

  /** The member themself, staff and leaders; anyone else 403 (a member reading another's record included). */
  assertCanRead(actor: Actor, memberId: number): void {
    if (hasRole(actor, 'staff', 'leader')) return;
    if (hasRole(actor, 'member') && actor.memberId === memberId) return;
    throw AppError.forbidden(hasRole(actor, 'member') ? '只能查看本人的履职档案' : '无权查看委员履职档案');
  }

  async record(actor: Actor, memberId: number, year?: number): Promise<MemberRecordView> {
    this.assertCanRead(actor, memberId);
    return this.recordOf(memberId, year);
  }

  /** Without an access check: for the report job, whose request was checked. */
  async recordOf(memberId: number, year?: number): Promise<MemberRecordView> {
    const member = await this.ds.getRepository(Member).findOneBy({ id: memberId });
    if (!member) throw AppError.notFound('委员', 'MEMBER_NOT_FOUND');
    const y = this.yearOf(year);
    const [events, counters] = await Promise.all([
      Promise.all(this.sources.map((s) => s.events(memberId, y.range, y.rules))),
      this.countersOf(y, [memberId]),
    ]);
    const lines = events.flat().map((e) => ({ ...e, points: y.rules.points[e.kind] }));
    lines.sort((a, b) => (a.source.at?.getTime() ?? 0) - (b.source.at?.getTime() ?? 0));
    const points = lines.reduce((sum, l) => sum + l.points, 0);
    const [view] = await this.memberViews([member]);
    return {
      member: view,
      year: y.year,
      rules: rulesView(y.rules),
      summary: this.summaryOf(counters.get(memberId) ?? {}),
      lines,
      points,
      ...gradeOf(y.rules, points, y.running),
    };
  }

  /** 排名: every member (of a sector, of a committee) by points, highest first; equal points share a rank. */
  async ranking(q: RankingQuery): Promise<RankingView> {
    const y = this.yearOf(q.year);
    const rows = await this.rows(y, q);
    const start = (q.page - 1) * q.pageSize;
    return {
      items: rows.slice(start, start + q.pageSize),
      total: rows.length,
      page: q.page,
      pageSize: q.pageSize,
      year: y.year,
      running: y.running,
      rules: rulesView(y.rules),
    };
  }

  /** All ranked rows of the year (the ranking's pages, the export, the dashboard's sectors). */
  async rows(y: YearOf, filter: { sectorId?: number; committeeId?: number } = {}): Promise<RankingRowView[]> {
    const qb = this.ds.getRepository(Member).createQueryBuilder('m').where('m.disabled = :no', { no: false });
    if (filter.sectorId) qb.andWhere('m.sectorId = :sectorId', { sectorId: filter.sectorId });
    if (filter.committeeId) {
      const inCommittee = qb
        .subQuery()
        .select('mc.memberId')
        .from(MemberCommittee, 'mc')
        .where('mc.committeeId = :committeeId')
        .getQuery();
      qb.andWhere(`m.id IN ${inCommittee}`, { committeeId: filter.committeeId });
    }
    const members = await qb.getMany();
    const counters = await this.countersOf(y, filter.sectorId || filter.committeeId ? members.map((m) => m.id) : null);
    const views = await this.memberViews(members);
    const rows = views.map((member) => {
      const c = counters.get(member.id) ?? {};
      const points = pointsOf(c, y.rules);
      return { rank: 0, member, summary: this.summaryOf(c), points, ...gradeOf(y.rules, points, y.running) };
    });
    rows.sort((a, b) => b.points - a.points || a.member.name.localeCompare(b.member.name, 'zh-CN'));
    rows.forEach((r, i) => (r.rank = i > 0 && rows[i - 1].points === r.points ? rows[i - 1].rank : i + 1));
    return rows;
  }

  /** Every source's counters, merged by member; `memberIds` null: every member with any. */
  private async countersOf(y: YearOf, memberIds: number[] | null): Promise<Map<number, Counters>> {
    const out = new Map<number, Counters>();
    for (const part of await Promise.all(this.sources.map((s) => s.counts(y.range, y.rules, memberIds)))) {
      for (const [id, c] of part) out.set(id, { ...out.get(id), ...c });
    }
    return out;
  }

  private summaryOf(c: Counters): RecordSummary {
    return {
      proposals: {
        led: n(c, 'proposalsLed'),
        ledAccepted: n(c, 'proposalLeadAccepted'),
        key: n(c, 'proposalKey'),
        excellent: n(c, 'proposalExcellent'),
        cosigned: n(c, 'proposalsCosigned'),
        cosignedAccepted: n(c, 'proposalCosignedAccepted'),
      },
      meetings: attendance(c, 'meeting', 'meetingsInvited'),
      speeches: n(c, 'speech'),
      outcomesAdopted: n(c, 'outcomeAdopted'),
      visits: this.hasVisits ? attendance(c, 'visit', 'visitsInvited') : null,
      opinions: {
        submitted: n(c, 'opinionSubmitted'),
        accepted: n(c, 'opinionAccepted'),
        adopted:
          n(c, 'opinionAdoptedNational') +
          n(c, 'opinionAdoptedProvincial') +
          n(c, 'opinionAdoptedCity') +
          n(c, 'opinionAdoptedOther'),
        instructed: n(c, 'opinionInstructed'),
      },
    };
  }

  private async memberViews(members: Member[]): Promise<RecordMemberView[]> {
    if (!members.length) return [];
    const ids = members.map((m) => m.id);
    const [sectors, links] = await Promise.all([
      this.ds.getRepository(Sector).findBy({ id: In([...new Set(members.map((m) => m.sectorId))]) }),
      ids.length > 900
        ? this.ds.getRepository(MemberCommittee).find()
        : this.ds.getRepository(MemberCommittee).findBy({ memberId: In(ids) }),
    ]);
    const committees = new Map(
      (links.length
        ? await this.ds.getRepository(Committee).findBy({ id: In([...new Set(links.map((l) => l.committeeId))]) })
        : []
      ).map((c) => [c.id, c]),
    );
    const sectorName = new Map(sectors.map((s) => [s.id, s.name]));
    return members.map((m) => ({
      id: m.id,
      name: m.name,
      sectorId: m.sectorId,
      sectorName: sectorName.get(m.sectorId) ?? '',
      committees: links
        .filter((l) => l.memberId === m.id)
        .map((l) => committees.get(l.committeeId))
        .filter((c): c is Committee => c !== undefined)
        .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)
        .map((c) => c.name),
    }));
  }
}
