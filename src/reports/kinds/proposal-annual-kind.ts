import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { User } from '../../auth/user.entity';
import type { Actor } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ORGANIZATION, Organization } from '../../config/organization';
import { CouncilSession } from '../../directory/directory.entities';
import type { ProposalStatsView, RateView } from '../../proposals/dto/proposal-stats.dto';
import type { ProposalSummaryView } from '../../proposals/dto/proposal-view.dto';
import {
  ProposalCommunication,
  ProposalEvaluation,
  ProposalReply,
  ProposalUnit,
} from '../../proposals/proposal-handling.entities';
import { formatNumber } from '../../proposals/proposal-labels';
import { ProposalStatsService } from '../../proposals/proposal-stats.service';
import { ProposalViews } from '../../proposals/proposal-views';
import { Proposal } from '../../proposals/proposal.entities';
import { PROPOSAL_CONFIG, ProposalConfig } from '../../proposals/proposals.config';
import { AnnualFigures, annualLead, annualSections, rateInWords } from '../proposal-annual-text';
import { proposalCharts } from '../proposal-charts';
import type { AnnualProposalRow, ProposalAnnualContext } from '../report-contexts';
import type { PreparedReport, ReportKindDef } from '../report-kind';
import type { Report } from '../report.entities';
import { documentStamp } from '../signoff/document-stamp';
import type { DocumentText } from '../signoff/document-text';
import { docNumberOf } from './doc-number';
import { annualText, applyAnnualText } from './issued-texts';
import { noParams } from './proposal-kinds';

/** Rows listed in the report's tables of key and overdue proposals, at most. */
const LISTED = 300;

/** The publication whose per-year counter gives the report its 第N号 (the 文号's number). */
export const ANNUAL_PUBLICATION = '提案办理情况报告';

function rowOf(
  p: ProposalSummaryView,
  supervisors: Map<number, string>,
  supervisorOf: Map<number, number | null>,
): AnnualProposalRow {
  const units = p.leadUnit ? [p.leadUnit.name, ...p.coUnits.map((u) => u.name)] : p.splitUnits.map((u) => u.name);
  const supervisor = supervisorOf.get(p.id);
  return {
    numberLabel: p.number === null ? null : formatNumber(p.number),
    title: p.title,
    proposer: p.leadMember?.name ?? p.groupName ?? '',
    units: units.join('、') || '尚未交办',
    statusLabel: p.statusLabel,
    deadline: p.deadline,
    supervisor: supervisor ? (supervisors.get(supervisor) ?? null) : null,
  };
}

/**
 * 提案办理情况报告 of one session: the figures and rates of ProposalStatsService, by category, sector and
 * unit, the key proposals with their supervising leaders, the overdue ones, and charts drawn by ECharts.
 * Staff, and leaders (who may ask for it themselves).
 */
@Injectable()
export class ProposalAnnualKind implements ReportKindDef<'proposal-annual'> {
  readonly kind = 'proposal-annual' as const;
  readonly label = '提案办理情况报告';
  readonly subjectType = 'session' as const;
  readonly roles = ['staff', 'leader'] as const;
  readonly issued = true;

  constructor(
    private readonly stats: ProposalStatsService,
    private readonly views: ProposalViews,
    private readonly clock: Clock,
    @Inject(ORGANIZATION) private readonly org: Organization,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROPOSAL_CONFIG) private readonly proposalConfig: ProposalConfig,
  ) {}

  async prepare(_actor: Actor, subjectId: number | null, params: Record<string, unknown>): Promise<PreparedReport> {
    noParams(params);
    const stats = await this.stats.forSession(subjectId ?? 0).catch(() => null);
    if (!stats?.session) throw AppError.notFound('会次', 'SESSION_NOT_FOUND');
    return { title: `关于${stats.session.name}提案办理情况的报告`, params: {}, publication: ANNUAL_PUBLICATION };
  }

  async context(em: EntityManager, report: Report): Promise<ProposalAnnualContext> {
    const session = await em.findOneByOrFail(CouncilSession, { id: report.subjectId ?? 0 });
    const stats = await this.stats.forSession(session.id);
    const charts = proposalCharts(stats, { fontFamily: 'xs-hei', width: 590 });
    const key = await em.find(Proposal, {
      where: { sessionId: session.id, isKey: true },
      order: { number: 'ASC', id: 'ASC' },
      take: LISTED,
    });
    const late = await em.find(Proposal, {
      where: { sessionId: session.id, overdue: true, status: 'assigned' },
      order: { deadline: 'ASC', id: 'ASC' },
      take: LISTED,
    });
    const supervisorIds = [...new Set(key.map((p) => p.supervisorUserId).filter((x): x is number => x !== null))];
    const supervisors = new Map(
      (supervisorIds.length ? await em.findBy(User, { id: In(supervisorIds) }) : []).map((u) => [u.id, u.displayName]),
    );
    const supervisorOf = new Map(key.map((p) => [p.id, p.supervisorUserId]));
    const rows = async (list: Proposal[]) =>
      (await this.views.summaries(em, list)).map((v) => rowOf(v, supervisors, supervisorOf));
    const r = stats.rates;
    const figures = await this.figures(em, session, stats);
    const ratio = (x: RateView) => `${x.numerator}/${x.denominator}`;
    const stamp = documentStamp(report, this.clock.now());
    return {
      title: report.title,
      sessionName: session.name,
      docNumber: this.docNumber(report, stamp.issuedOn, stamp.draft),
      issuingOffice: `${this.org.shortName}提案委员会`,
      ...stamp,
      printedOn: this.clock.now(),
      lead: [annualLead(session.name)],
      sections: annualSections(figures),
      rates: [
        { label: '立案率', value: rateInWords(r.acceptance, '暂不计算'), detail: ratio(r.acceptance) },
        {
          label: '办复率',
          value: r.reply.denominator > 0 && r.reply.numerator === 0 ? '尚无办复' : rateInWords(r.reply, '暂不计算'),
          detail: ratio(r.reply),
        },
        {
          label: '办理工作满意率',
          value: rateInWords(r.satisfaction.attitude, '暂无评价'),
          detail: ratio(r.satisfaction.attitude),
        },
        {
          label: '办理结果满意率',
          value: rateInWords(r.satisfaction.result, '暂无评价'),
          detail: ratio(r.satisfaction.result),
        },
      ],
      ratesLeftOut: charts.ratesLeftOut.length ? charts.ratesLeftOut.join('、') : null,
      byCategory: stats.byCategory.map((c) => ({ label: c.label, total: c.total, accepted: c.accepted })),
      bySector: stats.bySector
        .filter((s) => s.total > 0)
        .map((s) => ({ name: s.name, total: s.total, accepted: s.accepted })),
      byUnit: stats.byUnit.map((u) => ({ name: u.name, assigned: u.assigned, replied: u.replied, overdue: u.overdue })),
      keyProposals: await rows(key),
      overdueProposals: await rows(late),
      charts: { rates: charts.rates, byCategory: stats.total ? charts.byCategory : null, byUnit: charts.byUnit },
      cc: [`${this.org.shortName}主席会议成员`, `${this.org.shortName}各专门委员会`],
    };
  }

  /** 吴政协提办〔2026〕3号: see `docNumberOf`. */
  private docNumber(report: Report, issuedOn: Date, draft: boolean): string | null {
    return docNumberOf(this.org.proposalReportPrefix, report, issuedOn, draft, this.config.displayTimeZone);
  }

  draftText(context: ProposalAnnualContext): DocumentText {
    return annualText(context);
  }

  applyText(context: ProposalAnnualContext, text: DocumentText): ProposalAnnualContext {
    return applyAnnualText(context, text);
  }

  /** What the narrative needs beyond ProposalStatsService: how proposals were assigned, communications, replies, evaluations. */
  private async figures(em: EntityManager, session: CouncilSession, stats: ProposalStatsView): Promise<AnnualFigures> {
    const count = (status: string) => stats.byStatus.find((s) => s.status === status)?.count ?? 0;
    const sessionId = session.id;
    const inSession = <T extends ObjectLiteral>(entity: EntityTarget<T>, alias: string) =>
      em
        .createQueryBuilder(entity, alias)
        .innerJoin(Proposal, 'p', `p.id = ${alias}.proposalId`)
        .where('p.sessionId = :sessionId', { sessionId });
    const units: Array<{ proposalId: unknown; unitId: unknown; role: string }> = await inSession(ProposalUnit, 'u')
      .andWhere('u.active = :yes', { yes: true })
      .select('u.proposalId', 'proposalId')
      .addSelect('u.unitId', 'unitId')
      .addSelect('u.role', 'role')
      .getRawMany();
    const roles = new Map<number, Set<string>>();
    for (const u of units) roles.set(Number(u.proposalId), (roles.get(Number(u.proposalId)) ?? new Set()).add(u.role));
    const handled = [...roles.values()];
    const talks: Array<{ proposalId: unknown; step: string }> = await inSession(ProposalCommunication, 'c')
      .select('c.proposalId', 'proposalId')
      .addSelect('c.step', 'step')
      .getRawMany();
    const replies = await inSession(ProposalReply, 'r')
      .select('r.id', 'id')
      .addSelect('r.proposalId', 'proposalId')
      .addSelect('r.unitId', 'unitId')
      .addSelect('r.round', 'round')
      .addSelect('r.classification', 'classification')
      .addSelect('CASE WHEN p.deadline IS NOT NULL AND r.at > p.deadline THEN 1 ELSE 0 END', 'late')
      .getRawMany<{
        id: unknown;
        proposalId: unknown;
        unitId: unknown;
        round: unknown;
        classification: string;
        late: unknown;
      }>();
    const latestReply = latestBy(replies, (x) => `${String(x.proposalId)}:${String(x.unitId)}`);
    const evaluations = await inSession(ProposalEvaluation, 'e')
      .select('e.id', 'id')
      .addSelect('e.proposalId', 'proposalId')
      .addSelect('e.round', 'round')
      .addSelect('e.rating', 'rating')
      .getRawMany<{ id: unknown; proposalId: unknown; round: unknown; rating: string }>();
    const latestEvaluation = latestBy(evaluations, (x) => String(x.proposalId));
    const keyRows = await em.find(Proposal, {
      where: { sessionId, isKey: true },
      select: { id: true, supervisorUserId: true },
    });
    const notEvaluated = await em.countBy(Proposal, { sessionId, notEvaluated: true });
    return {
      sessionName: session.name,
      total: stats.total,
      reviewed: stats.rates.acceptance.denominator,
      accepted: stats.rates.acceptance.numerator,
      rejected: count('rejected'),
      converted: count('converted'),
      merged: count('merged'),
      assigned: stats.rates.reply.denominator,
      replied: stats.rates.reply.numerator,
      inHand: count('assigned'),
      overdue: stats.overdue,
      handling: {
        lead: handled.filter((r) => r.has('lead')).length,
        withCo: handled.filter((r) => r.has('lead') && r.has('co')).length,
        split: handled.filter((r) => !r.has('lead') && r.has('split')).length,
        units: new Set(units.map((u) => Number(u.unitId))).size,
      },
      key: stats.key,
      keySupervised: keyRows.filter((p) => p.supervisorUserId !== null).length,
      excellent: stats.excellent,
      communications: talks.length,
      consultedBefore: new Set(talks.filter((x) => x.step === 'before').map((x) => Number(x.proposalId))).size,
      classes: this.proposalConfig.classifications.map((c) => ({
        code: c.code,
        label: c.label,
        count: latestReply.filter((x) => x.classification === c.code).length,
      })),
      satisfaction: stats.rates.satisfaction,
      unsatisfied: latestEvaluation.filter((x) => x.rating === 'unsatisfied').length,
      notEvaluated,
      overdueUnits: stats.byUnit
        .filter((u) => u.overdue > 0)
        .sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, 'zh'))
        .map((u) => ({ name: u.name, overdue: u.overdue })),
      lateReplies: latestReply.filter((x) => Number(x.late) === 1).length,
    };
  }
}

/** The latest of each group: the highest round, then the last recorded. */
function latestBy<T extends { round: unknown; id: unknown }>(rows: T[], key: (row: T) => string): T[] {
  const out = new Map<string, T>();
  const order = (x: T) => [Number(x.round), Number(x.id)];
  for (const row of rows) {
    const seen = out.get(key(row));
    const [r1, t1] = order(row);
    const [r0, t0] = seen ? order(seen) : [-1, -1];
    if (!seen || r1 > r0 || (r1 === r0 && t1 >= t0)) out.set(key(row), row);
  }
  return [...out.values()];
}
