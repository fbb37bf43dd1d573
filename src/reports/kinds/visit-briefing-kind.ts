import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { Actor } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { ORGANIZATION, Organization } from '../../config/organization';
import { Member } from '../../directory/directory.entities';
import { formatNumber } from '../../proposals/proposal-labels';
import { Proposal } from '../../proposals/proposal.entities';
import { TopicViews } from '../../topics/topic-views';
import { Outcome, Topic } from '../../topics/topic.entities';
import type { VisitView } from '../../visits/dto/visit-view.dto';
import type { BriefingContext, BriefingFollowUp, VisitReportFindingGroup } from '../report-contexts';
import type { PreparedReport, ReportKindDef } from '../report-kind';
import type { Report } from '../report.entities';
import { documentStamp } from '../signoff/document-stamp';
import type { DocumentText } from '../signoff/document-text';
import { visitReportTitle } from './briefing-titles';
import { applyBriefingText, briefingText } from './issued-texts';
import { noParams, paragraphs } from './proposal-kinds';
import { BRIEFING_PUBLICATION, distributionLines } from './topic-briefing-kind';
import { VisitReportData } from './visit-report-kind';

/**
 * 协商要报 of a visit: the topic briefing's sibling, same template and same 第N期 counter, titled
 * 「关于…的调研报告」. 基本情况 is the visit's purpose, 发现的问题 its findings by stop, 意见建议 their
 * suggestions by the theme the recorder gave them (those without one under their stop), and 后续工作 the topics
 * and proposals raised from it (their `visitId` links) with how far they have got. Staff, of a completed
 * visit with at least one finding (409 otherwise: there would be nothing to brief).
 */
@Injectable()
export class VisitBriefingKind implements ReportKindDef<'briefing'> {
  readonly kind = 'briefing' as const;
  readonly label = '协商要报';
  readonly subjectType = 'visit' as const;
  readonly roles = ['staff'] as const;
  readonly issued = true;

  constructor(
    private readonly data: VisitReportData,
    private readonly topicViews: TopicViews,
    private readonly clock: Clock,
    @Inject(ORGANIZATION) private readonly org: Organization,
  ) {}

  async prepare(actor: Actor, subjectId: number | null, params: Record<string, unknown>): Promise<PreparedReport> {
    noParams(params);
    const v = await this.data.completed(actor, subjectId ?? 0, this.label);
    if (!v.findings.length)
      throw AppError.conflict('VISIT_NO_FINDINGS', `该${v.kindLabel}还没有记录发现的问题和建议，不能生成协商要报`);
    return {
      title: visitReportTitle(v.title, v.kindLabel),
      params: {},
      publication: BRIEFING_PUBLICATION,
    };
  }

  async context(em: EntityManager, report: Report): Promise<BriefingContext> {
    const v = await this.data.view(em, report);
    const groups = this.data.findingGroups(v);
    const untitled = v.kindLabel === '视察' ? '视察发现的问题' : `${v.kindLabel}发现的问题`;
    return {
      title: report.title,
      notice: false,
      issueNo: report.issueNo ?? 0,
      issuingOffice: `${this.org.shortName}办公室`,
      ...documentStamp(report, this.clock.now()),
      printedOn: this.clock.now(),
      lead: this.data.lead(v),
      backgroundHeading: '基本情况',
      background: [
        ...paragraphs(v.purpose),
        `本次${v.kindLabel}由${this.data.organizer(v)}组织，时间为${this.data.span(v)}${this.data.attendingMembers(v).length ? `，${this.data.attendingMembers(v).join('、')}等委员参加` : ''}。`,
      ],
      findingsHeading: '发现的问题',
      findings: groups.map((g) => ({ heading: g.heading ?? untitled, paragraphs: g.items.map((i) => i.problem) })),
      recommendationsHeading: '意见建议',
      recommendationsLead: [],
      recommendations: suggestionsByTheme(v, (rest) => this.data.findingGroups(rest)),
      followUpsHeading: '后续工作',
      followUpHeads: { item: '后续事项', unit: '责任方', progress: '进展' },
      followUps: await this.followUps(em, v),
      distribution: distributionLines(this.org.briefingRecipients),
      cc: this.data.units(v),
    };
  }

  draftText(context: BriefingContext): DocumentText {
    return briefingText(context);
  }

  applyText(context: BriefingContext, text: DocumentText): BriefingContext {
    return applyBriefingText(context, text);
  }

  /** The topics (with their outcomes) and the filed proposals (with their number and lead) raised from the visit. */
  private async followUps(em: EntityManager, v: VisitView): Promise<BriefingFollowUp[]> {
    const topics = v.topics.length
      ? await this.topicViews.summaries(em, await em.findBy(Topic, { id: In(v.topics.map((t) => t.id)) }))
      : [];
    const done = v.topics.length
      ? await em
          .createQueryBuilder(Outcome, 'o')
          .select('o.topicId', 'topicId')
          .addSelect('COUNT(*)', 'n')
          .where('o.topicId IN (:...ids) AND o.status = :done', { ids: v.topics.map((t) => t.id), done: 'done' })
          .groupBy('o.topicId')
          .getRawMany<{ topicId: number | string; n: number | string }>()
      : [];
    const proposals = v.proposals.length ? await em.findBy(Proposal, { id: In(v.proposals.map((p) => p.id)) }) : [];
    const leads = new Map(
      (
        await em.findBy(Member, {
          id: In(proposals.map((p) => p.leadMemberId).filter((id): id is number => id !== null)),
        })
      ).map((m) => [m.id, m.name]),
    );
    return [
      ...topics.map((t) => {
        const adopted = Number(done.find((d) => Number(d.topicId) === t.id)?.n ?? 0);
        return {
          item: `协商议题《${t.title}》`,
          unit: t.organizer.name || '—',
          progress: t.outcomeCount ? `形成成果${t.outcomeCount}条，已落实${adopted}条` : '尚未形成成果',
          status: t.statusLabel,
        };
      }),
      ...v.proposals.map((pv) => {
        const p = proposals.find((x) => x.id === pv.id);
        const lead = p?.leadMemberId ? leads.get(p.leadMemberId) : null;
        return {
          item: `提案《${pv.title}》`,
          unit: lead ? `${lead}委员（领衔）` : '—',
          progress: p?.number ? `已编号${formatNumber(p.number)}` : '—',
          status: pv.statusLabel,
        };
      }),
    ];
  }
}

/**
 * 意见建议 by theme: the suggestions of the findings that name a theme, one group per theme in the order the
 * themes first appear (spelt the same after trimming); then the suggestions without a theme, under the stop
 * they were made at, as before themes existed.
 */
export function suggestionsByTheme<V extends Pick<VisitView, 'findings'>>(
  v: V,
  byStop: (unthemed: V) => VisitReportFindingGroup[],
): Array<{ theme: string; items: string[] }> {
  const themed = new Map<string, string[]>();
  for (const f of v.findings) {
    const theme = f.theme?.trim();
    if (theme && f.suggestion) themed.set(theme, [...(themed.get(theme) ?? []), f.suggestion]);
  }
  const rest = byStop({ ...v, findings: v.findings.filter((f) => !f.theme?.trim()) })
    .map((g) => ({
      theme: g.heading ?? '意见建议',
      items: g.items.map((i) => i.suggestion).filter((s): s is string => !!s),
    }))
    .filter((g) => g.items.length);
  return [...[...themed].map(([theme, items]) => ({ theme, items })), ...rest];
}
