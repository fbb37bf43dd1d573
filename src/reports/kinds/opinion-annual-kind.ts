import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { yearOf, yearRange } from '../../common/time-zone';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ORGANIZATION, Organization } from '../../config/organization';
import { Member } from '../../directory/directory.entities';
import type { OpinionStatsRow, OpinionStatsView } from '../../opinions/dto/opinion-outcome.dto';
import { OpinionStatsService } from '../../opinions/opinion-stats.service';
import { OPINION_CONFIG, OpinionConfig } from '../../opinions/opinions.config';
import { BulletinFigures, BulletinPraise, bulletinLead, bulletinSections } from '../opinion-annual-text';
import { percentOf } from '../proposal-annual-text';
import type { OpinionAnnualContext } from '../report-contexts';
import type { PreparedReport, ReportKindDef } from '../report-kind';
import { Report } from '../report.entities';
import { documentStamp } from '../signoff/document-stamp';
import type { DocumentText } from '../signoff/document-text';
import { docNumberOf } from './doc-number';
import { applyKeyedText, keyedText } from './issued-texts';
import { noParams } from './proposal-kinds';

/** The publication whose per-year counter gives the 通报 its 第N号. */
export const BULLETIN_PUBLICATION = '社情民意信息工作通报';

/** Members and groups named in 三、表扬; rows of the 附件's member table. */
const PRAISED = { members: 10, groups: 5, tableMembers: 10 } as const;

/** The year a yearly document is asked for: `params.year` (2000–9999), this year when left out. */
export function yearParam(params: Record<string, unknown>, current: number): number {
  const { year, ...rest } = params;
  noParams(rest);
  if (year === undefined) return current;
  if (!(Number.isInteger(year) && (year as number) >= 2000 && (year as number) <= 9999))
    throw AppError.invalidField('params.year', '年度须为 2000 到 9999 的整数');
  return year as number;
}

const mostAdopted = (a: OpinionStatsRow, b: OpinionStatsRow) =>
  b.adopted - a.adopted || b.accepted - a.accepted || b.submitted - a.submitted || a.label.localeCompare(b.label, 'zh');

const praised = (rows: OpinionStatsRow[], n: number): BulletinPraise[] =>
  rows
    .filter((r) => r.adopted > 0)
    .sort(mostAdopted)
    .slice(0, n)
    .map((r) => ({ name: r.label, adopted: r.adopted, accepted: r.accepted }));

const rate = (adopted: number, submitted: number) => (submitted ? percentOf(adopted / submitted) : '暂不计算');

/** The 附件's tables: by sector (those without one on their own line) with the 合计, and the members most taken up; a rate without items in words. */
function annexOf(stats: OpinionStatsView): Pick<OpinionAnnualContext, 'total' | 'bySector' | 'topMembers'> {
  const line = (r: OpinionStatsRow) => ({
    submitted: r.submitted,
    accepted: r.accepted,
    adopted: r.adopted,
  });
  const sectors = stats.bySector
    .filter((s) => s.submitted > 0)
    .map((s) => ({ name: s.label, ...line(s), adoptionRate: rate(s.adopted, s.submitted) }));
  // An item has at most one sector: those without one make up the rest of the 合计, on a line of their own.
  const rest = (k: 'submitted' | 'accepted' | 'adopted') => stats.total[k] - sectors.reduce((n, s) => n + s[k], 0);
  const unnamed = { submitted: rest('submitted'), accepted: rest('accepted'), adopted: rest('adopted') };
  return {
    total: { ...line(stats.total), adoptionRate: rate(stats.total.adopted, stats.total.submitted) },
    bySector: [
      ...sectors,
      ...(unnamed.submitted > 0
        ? [{ name: '未注明界别', ...unnamed, adoptionRate: rate(unnamed.adopted, unnamed.submitted) }]
        : []),
    ],
    topMembers: [...stats.byMember]
      .sort(mostAdopted)
      .slice(0, PRAISED.tableMembers)
      .map((m) => ({ name: m.label, ...line(m) })),
  };
}

/**
 * 社情民意信息工作通报 of a year (`params.year`): drafted by staff from the 信息统计 page, from the year's
 * statistics (`OpinionStatsService`), the 《社情民意》 issues signed in the year and the 批示 on them; edited,
 * signed off (文号 from `bulletinPrefix` of config/opinions.json, numbered at 签发) and delivered like the
 * 提案办理情况报告. Staff only: members, units and leaders are refused (403).
 */
@Injectable()
export class OpinionAnnualKind implements ReportKindDef<'opinion-annual'> {
  readonly kind = 'opinion-annual' as const;
  readonly label = '社情民意信息工作通报';
  readonly subjectType = null;
  readonly roles = ['staff'] as const;
  readonly issued = true;

  constructor(
    private readonly stats: OpinionStatsService,
    private readonly clock: Clock,
    @Inject(ORGANIZATION) private readonly org: Organization,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OPINION_CONFIG) private readonly opinions: OpinionConfig,
  ) {}

  prepare(_actor: Actor, _subjectId: number | null, params: Record<string, unknown>): Promise<PreparedReport> {
    const year = yearParam(params, yearOf(this.clock.now(), this.config.displayTimeZone));
    return Promise.resolve({
      title: `关于${year}年度社情民意信息工作情况的通报`,
      params: { year },
      publication: BULLETIN_PUBLICATION,
    });
  }

  async context(em: EntityManager, report: Report): Promise<OpinionAnnualContext> {
    const { year } = JSON.parse(report.params) as { year: number };
    const stats = await this.stats.forYear(year);
    const figures = await this.figures(em, stats);
    const stamp = documentStamp(report, this.clock.now());
    return {
      title: report.title,
      year,
      docNumber: docNumberOf(
        this.opinions.bulletinPrefix,
        report,
        stamp.issuedOn,
        stamp.draft,
        this.config.displayTimeZone,
      ),
      issuingOffice: `${this.org.shortName}办公室`,
      ...stamp,
      printedOn: this.clock.now(),
      addressee: '各专门委员会，各界别，各位委员：',
      lead: [bulletinLead(year)],
      sections: bulletinSections(figures),
      hasData: figures.submitted > 0,
      annexTitle: `${year}年度社情民意信息报送采用情况统计表`,
      ...annexOf(stats),
      distribution: [],
      cc: this.opinions.bulletinCc,
    };
  }

  /** What the text is written from: the statistics, the issues signed in the year, the 批示 on them. */
  private async figures(em: EntityManager, stats: OpinionStatsView): Promise<BulletinFigures> {
    const year = stats.year;
    const range = yearRange(year, this.config.displayTimeZone);
    const issues = await em
      .createQueryBuilder(Report, 'r')
      .select(['r.id', 'r.params'])
      .where("r.kind = 'opinion-issue' AND r.stage = 'signed' AND r.signedAt >= :from AND r.signedAt < :to", range)
      .getMany();
    const special = issues.filter((r) => (JSON.parse(r.params) as { form?: string }).form === 'special').length;
    // 批示 on a delivered issue (instructions' target 'report'); read by table name: the instructions module reads reports.
    const instructed = await em
      .createQueryBuilder()
      .select('COUNT(*)', 'n')
      .from('instructions', 'i')
      .innerJoin('reports', 'r', 'r.id = i.targetId')
      .where(
        "i.targetType = 'report' AND r.kind = 'opinion-issue' AND i.instructedOn >= :from AND i.instructedOn <= :to",
        {
          from: `${year}-01-01`,
          to: `${year}-12-31`,
        },
      )
      .getRawOne<{ n: unknown }>();
    const contributors = new Set(stats.byMember.map((m) => m.key));
    const active = await em.find(Member, { where: { status: 'active' }, select: { id: true } });
    const r = this.opinions.issueRecipients;
    return {
      year,
      submitted: stats.total.submitted,
      accepted: stats.total.accepted,
      adopted: stats.total.adopted,
      byLevel: stats.levels.map((l) => ({ label: l.label, count: stats.total.adoptedByLevel[l.code] ?? 0 })),
      members: stats.byMember.length,
      sectors: stats.bySector.filter((s) => s.submitted > 0).length,
      committees: stats.byCommittee.filter((c) => c.submitted > 0).length,
      silentMembers: stats.total.submitted > 0 ? active.filter((m) => !contributors.has(m.id)).length : 0,
      issues: { special, combined: issues.length - special },
      sentTo: [...r.报, ...r.送],
      instructions: Number(instructed?.n ?? 0),
      topMembers: praised(stats.byMember, PRAISED.members),
      topGroups: [...praised(stats.bySector, PRAISED.groups), ...praised(stats.byCommittee, PRAISED.groups)],
    };
  }

  draftText(context: OpinionAnnualContext): DocumentText {
    return keyedText(context);
  }

  applyText(context: OpinionAnnualContext, text: DocumentText): OpinionAnnualContext {
    return applyKeyedText(context, text);
  }
}
