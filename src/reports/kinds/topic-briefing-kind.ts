import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Actor } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { chineseDate } from '../../common/chinese-dates';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ORGANIZATION, Organization } from '../../config/organization';
import { Meeting } from '../../topics/meeting.entities';
import { TopicViews } from '../../topics/topic-views';
import { Topic } from '../../topics/topic.entities';
import { TopicsService } from '../../topics/topics.service';
import type { BriefingContext, BriefingDistributionLine, BriefingFinding } from '../report-contexts';
import type { PreparedReport, ReportKindDef } from '../report-kind';
import type { Report } from '../report.entities';
import { documentStamp } from '../signoff/document-stamp';
import type { DocumentText } from '../signoff/document-text';
import {
  meetingHeading,
  namedSubject,
  organAbbreviation,
  pointNoticeTitle,
  topicBriefingTitle,
} from './briefing-titles';
import { applyBriefingText, briefingText } from './issued-texts';
import { noParams, paragraphs } from './proposal-kinds';

/** The publication whose 第N期 counter a briefing takes, per year. */
export const BRIEFING_PUBLICATION = '协商要报';

/** A topic briefing's last section: how the units are carrying out its outcomes. */
export const TOPIC_FOLLOW_UPS = {
  followUpsHeading: '落实情况',
  followUpHeads: { item: '建议事项', unit: '承办单位', progress: '进展' },
} as const;

/** Reads the whole subject (a topic, a visit) at render time: access was checked as the requester when the report was asked for. */
export const REPORT_READER: Actor = {
  id: 0,
  username: 'report',
  displayName: '报告',
  roles: ['staff'],
  memberId: null,
  unitId: null,
  pointId: null,
};

/** 报 / 送 / 发 of the 版记, the lines with no one left out. */
export function distributionLines(r: Organization['briefingRecipients']): BriefingDistributionLine[] {
  return (['报', '送', '发'] as const).filter((k) => r[k].length).map((k) => ({ label: k, names: r[k] }));
}

/** A meeting kind's label from the first meeting held: it says what the topic's consultation was. */
const firstHeldKind = (meetings: Array<{ heldAt: unknown; kindLabel: string }>): string | null =>
  meetings.find((m) => m.heldAt)?.kindLabel ?? null;

/**
 * 协商要报 of a topic, as the office writes one: 「市政协就…开展重点协商」, what the topic is, the main problems
 * (the organiser's minutes of each meeting and the themes the outcomes fall under — the speeches stay in
 * the minutes), the outcomes by theme, and how every outcome is being carried out; numbered 第N期 per
 * year, with the 报/送/发 lines of organization.json. A consultation point's topic is the point's own
 * 协商结果公示 instead: its name heads the page, no 期号, no 报/送/发. Staff, and the facilitator of the
 * topic's own point (the topic's access rules decide).
 */
@Injectable()
export class TopicBriefingKind implements ReportKindDef<'briefing'> {
  readonly kind = 'briefing' as const;
  readonly label = '协商要报';
  readonly subjectType = 'topic' as const;
  readonly roles = ['staff', 'facilitator'] as const;
  readonly issued = true;

  constructor(
    private readonly topics: TopicsService,
    private readonly views: TopicViews,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ORGANIZATION) private readonly org: Organization,
  ) {}

  async prepare(actor: Actor, subjectId: number | null, params: Record<string, unknown>): Promise<PreparedReport> {
    noParams(params);
    const topic = await this.topics.get(actor, subjectId ?? 0);
    if (!topic.meetings.some((m) => m.heldAt))
      throw AppError.conflict(
        'TOPIC_NOT_DELIBERATED',
        `该议题（${topic.statusLabel}）还没有召开过协商会，不能生成协商要报`,
      );
    // A point's 协商结果公示 is the point's own notice, not a document the office signs off.
    if (topic.organizer.type === 'point') return { title: pointNoticeTitle(topic.title), params: {}, issued: false };
    return {
      title: topicBriefingTitle(organAbbreviation(this.org.shortName), topic.title, firstHeldKind(topic.meetings)),
      params: {},
      publication: BRIEFING_PUBLICATION,
    };
  }

  async context(em: EntityManager, report: Report): Promise<BriefingContext> {
    const topic = await em.findOneBy(Topic, { id: report.subjectId ?? 0 });
    if (!topic) throw new Error(`协商议题 ${report.subjectId} 已不存在`);
    const view = await this.views.detail(em, topic, REPORT_READER);
    const held = await em.find(Meeting, { where: { topicId: topic.id }, order: { sequence: 'ASC' } });
    const meetings = await Promise.all(held.filter((m) => m.heldAt).map((m) => this.views.meeting(em, m)));
    const first = meetings[0];
    const notice = view.organizer.type === 'point';
    const units = [...new Set(view.outcomes.map((o) => o.unit?.name).filter((n): n is string => !!n))];
    const themes = view.outcomesByTheme.map((g) => g.theme).filter((t): t is string => !!t);
    const organ = notice ? view.organizer.name : `${this.org.shortName}${view.organizer.name}`;
    const date = (d: string | Date) => chineseDate(d, this.config.displayTimeZone);
    const later = meetings.length > 1 ? `，此后又召开${meetings.length - 1}次会议` : '';
    return {
      title: report.title,
      notice,
      issueNo: notice ? null : (report.issueNo ?? 0),
      issuingOffice: notice ? view.organizer.name : `${this.org.shortName}办公室`,
      ...documentStamp(report, this.clock.now()),
      printedOn: this.clock.now(),
      lead: first
        ? [
            `${date(first.startsAt)}，${organ}召开${first.kindLabel}，就${namedSubject(view.title).subject}进行协商${later}。${view.outcomes.length ? `经协商，形成${notice ? '协商结果' : '意见建议和共识'}${view.outcomes.length}条。` : ''}${notice ? '现将协商结果公示如下。' : '现将有关情况报告如下。'}`,
          ]
        : [],
      backgroundHeading: '基本情况',
      background: paragraphs(view.description),
      findingsHeading: '主要问题',
      findings: this.problems(meetings, themes, view.outcomes.length, notice),
      recommendationsHeading: notice ? '协商结果' : '意见建议',
      recommendationsLead: [],
      recommendations: view.outcomesByTheme.map((group) => ({
        theme: group.theme ?? (group.outcomes.every((o) => o.kind === 'decision') ? '协商共识' : '意见建议'),
        items: group.outcomes.map((o) => o.text),
      })),
      ...TOPIC_FOLLOW_UPS,
      followUps: view.outcomes.map((o) => ({
        item: o.text,
        unit: o.unit?.name ?? (notice ? '由议事会成员和社区落实' : `由${view.organizer.name}跟进落实`),
        progress: [...o.feedback].reverse().find((f) => f.text)?.text ?? '—',
        status: o.statusLabel,
      })),
      distribution: notice ? [] : distributionLines(this.org.briefingRecipients),
      cc: units,
    };
  }

  draftText(context: BriefingContext): DocumentText {
    return briefingText(context);
  }

  applyText(context: BriefingContext, text: DocumentText): BriefingContext {
    return applyBriefingText(context, text);
  }

  /**
   * 主要问题: the organiser's minutes of each held meeting, then the themes the outcomes fall under; the
   * speeches are not repeated (they are the minutes' source, not the briefing's).
   */
  private problems(
    meetings: Array<{ sequence: number; kindLabel: string; startsAt: string; minutes: string | null }>,
    themes: string[],
    outcomes: number,
    notice: boolean,
  ): BriefingFinding[] {
    const date = (d: string) => chineseDate(d, this.config.displayTimeZone);
    return [
      ...meetings
        .filter((m) => m.minutes)
        .map((m) => ({
          heading: `${meetingHeading(m.sequence, m.kindLabel)}（${date(m.startsAt)}）`,
          paragraphs: paragraphs(m.minutes!),
        })),
      ...(themes.length
        ? [
            {
              heading: null,
              paragraphs: [
                `协商中，与会各方主要围绕${themes.map((t) => `“${t}”`).join('')}${themes.length > 1 ? '等方面' : ''}分析问题、提出建议，具体如下。`,
              ],
            },
          ]
        : []),
      ...(meetings.some((m) => m.minutes) || themes.length
        ? []
        : [
            {
              heading: null,
              paragraphs: [
                `与会各方围绕议题充分交流意见${outcomes ? `，形成${notice ? '协商结果' : '意见建议和共识'}${outcomes}条` : ''}。`,
              ],
            },
          ]),
    ];
  }
}
