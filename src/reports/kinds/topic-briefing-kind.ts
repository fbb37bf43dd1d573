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
import type { BriefingContext } from '../report-contexts';
import type { PreparedReport, ReportKindDef } from '../report-kind';
import type { Report } from '../report.entities';
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

/**
 * 协商要报 of a topic: its background, what each held meeting heard (speeches, minutes), the outcomes by
 * theme, and how the units are following them up; numbered 第N期 per year. Staff, and the facilitator of
 * the topic's own point (the topic's access rules decide).
 */
@Injectable()
export class TopicBriefingKind implements ReportKindDef<'briefing'> {
  readonly kind = 'briefing' as const;
  readonly label = '协商要报';
  readonly subjectType = 'topic' as const;
  readonly roles = ['staff', 'facilitator'] as const;

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
    return {
      title: topic.title.startsWith('关于') ? topic.title : `关于${topic.title}的协商情况`,
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
    const units = [...new Set(view.outcomes.map((o) => o.unit?.name).filter((n): n is string => !!n))];
    return {
      title: report.title,
      issueNo: report.issueNo ?? 0,
      issuingOffice: `${this.org.shortName}办公室`,
      issuedOn: this.clock.now(),
      printedOn: this.clock.now(),
      lead: first
        ? [
            `${chineseDate(first.startsAt, this.config.displayTimeZone)}，${view.organizer.name}召开${first.kindLabel}，围绕“${view.title}”开展协商${meetings.length > 1 ? `，此后又召开${meetings.length - 1}次协商会` : ''}。${view.outcomes.length ? `经协商，形成意见建议和共识${view.outcomes.length}条。` : ''}现将有关情况报告如下。`,
          ]
        : [],
      background: paragraphs(view.description),
      findings: meetings.map((m) => ({
        heading: `${m.sequenceLabel}${m.kindLabel}（${chineseDate(m.startsAt, this.config.displayTimeZone)}，${m.venue}）`,
        paragraphs: [
          ...m.speeches.map((s) => `${s.speaker}：${s.summary}`),
          ...(m.minutes ? paragraphs(m.minutes) : []),
        ],
      })),
      recommendations: view.outcomesByTheme.map((group) => ({
        theme: group.theme ?? (group.outcomes.every((o) => o.kind === 'decision') ? '协商共识' : '意见建议'),
        items: group.outcomes.map((o) => o.text),
      })),
      ...TOPIC_FOLLOW_UPS,
      followUps: view.outcomes
        .filter((o) => o.unit)
        .map((o) => ({
          item: o.text,
          unit: o.unit!.name,
          progress: [...o.feedback].reverse().find((f) => f.text)?.text ?? '—',
          status: o.statusLabel,
        })),
      cc: units,
    };
  }
}
