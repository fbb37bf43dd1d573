import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { User } from '../../auth/user.entity';
import type { Actor } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { ORGANIZATION, Organization } from '../../config/organization';
import { CouncilSession } from '../../directory/directory.entities';
import type { RateView } from '../../proposals/dto/proposal-stats.dto';
import type { ProposalSummaryView } from '../../proposals/dto/proposal-view.dto';
import { formatNumber } from '../../proposals/proposal-labels';
import { ProposalStatsService } from '../../proposals/proposal-stats.service';
import { ProposalViews } from '../../proposals/proposal-views';
import { Proposal } from '../../proposals/proposal.entities';
import { proposalCharts } from '../proposal-charts';
import type { AnnualProposalRow, ProposalAnnualContext } from '../report-contexts';
import type { PreparedReport, ReportKindDef } from '../report-kind';
import type { Report } from '../report.entities';
import { noParams } from './proposal-kinds';

/** Rows listed in the report's tables of key and overdue proposals, at most. */
const LISTED = 300;

const percent = (r: RateView) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);

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
    units: units.join('、') || '—',
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

  constructor(
    private readonly stats: ProposalStatsService,
    private readonly views: ProposalViews,
    private readonly clock: Clock,
    @Inject(ORGANIZATION) private readonly org: Organization,
  ) {}

  async prepare(_actor: Actor, subjectId: number | null, params: Record<string, unknown>): Promise<PreparedReport> {
    noParams(params);
    const stats = await this.stats.forSession(subjectId ?? 0).catch(() => null);
    if (!stats?.session) throw AppError.notFound('会次', 'SESSION_NOT_FOUND');
    return { title: `关于${stats.session.name}提案办理情况的报告`, params: {} };
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
    const count = (status: string) => stats.byStatus.find((s) => s.status === status)?.count ?? 0;
    return {
      title: report.title,
      sessionName: session.name,
      issuingOffice: `${this.org.shortName}提案委员会`,
      issuedOn: this.clock.now(),
      printedOn: this.clock.now(),
      summary: [
        `${session.name}期间，共收到提案${stats.total}件，经审查立案${r.acceptance.numerator}件，立案率${percent(r.acceptance)}；不予立案${count('rejected')}件，转为意见建议${count('converted')}件，并案处理${count('merged')}件。`,
        `已交办的${r.reply.denominator}件提案中，已答复${r.reply.numerator}件，办复率${percent(r.reply)}；尚在办理${count('assigned')}件，其中超过办理期限${stats.overdue}件。`,
        `提案人对办理工作的满意率为${percent(r.satisfaction.attitude)}，对办理结果的满意率为${percent(r.satisfaction.result)}。确定重点提案${stats.key}件，评选优秀提案${stats.excellent}件。`,
      ],
      rates: [
        {
          label: '立案率',
          value: percent(r.acceptance),
          detail: `${r.acceptance.numerator}/${r.acceptance.denominator}`,
        },
        { label: '办复率', value: percent(r.reply), detail: `${r.reply.numerator}/${r.reply.denominator}` },
        {
          label: '办理工作满意率',
          value: percent(r.satisfaction.attitude),
          detail: `${r.satisfaction.attitude.numerator}/${r.satisfaction.attitude.denominator}`,
        },
        {
          label: '办理结果满意率',
          value: percent(r.satisfaction.result),
          detail: `${r.satisfaction.result.numerator}/${r.satisfaction.result.denominator}`,
        },
      ],
      byCategory: stats.byCategory.map((c) => ({ label: c.label, total: c.total, accepted: c.accepted })),
      bySector: stats.bySector
        .filter((s) => s.total > 0)
        .map((s) => ({ name: s.name, total: s.total, accepted: s.accepted })),
      byUnit: stats.byUnit.map((u) => ({ name: u.name, assigned: u.assigned, replied: u.replied, overdue: u.overdue })),
      keyProposals: await rows(key),
      overdueProposals: await rows(late),
      charts: { rates: charts.rates, byCategory: charts.byCategory, byUnit: charts.byUnit },
      cc: [`${this.org.shortName}主席会议成员`, `${this.org.shortName}各专门委员会`],
    };
  }
}
