import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Actor } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ConsultationPoint } from '../../directory/directory.entities';
import { Meeting } from '../../topics/meeting.entities';
import { isOrganiser } from '../../topics/topic-access';
import { SIDE_LABELS } from '../../topics/topic-labels';
import { TopicViews } from '../../topics/topic-views';
import { Topic } from '../../topics/topic.entities';
import { TOPIC_CONFIG, TopicConfig } from '../../topics/topics.config';
import { TopicsService } from '../../topics/topics.service';
import { qrSvg } from '../qr-code';
import type { NoticeSheetContext, NoticeSheetMeeting } from '../report-contexts';
import type { PreparedReport, ReportKindDef } from '../report-kind';
import type { Report } from '../report.entities';
import { pointNoticeTitle } from './briefing-titles';
import { noParams } from './proposal-kinds';
import { REPORT_READER } from './topic-briefing-kind';

const DAY_MS = 86_400_000;

/** The public page of a topic, which the 公示单's QR code leads to. */
export const publicTopicUrl = (base: string, topicId: number) => `${base}/public/topics/${topicId}`;

/**
 * 公示单: a consultation point's topic on one A4 page for the notice board — the consultation, its results with
 * who carries them out and by when, the 公示期 and where to object, and a QR code to the public topic page. The
 * point's facilitator for their own point's topics, and staff; a city topic has its 协商要报 instead. The
 * outcomes must be public first, or the QR code would lead to a page that says nothing.
 */
@Injectable()
export class NoticeSheetKind implements ReportKindDef<'notice-sheet'> {
  readonly kind = 'notice-sheet' as const;
  readonly label = '公示单';
  readonly subjectType = 'topic' as const;
  readonly roles = ['staff', 'facilitator'] as const;

  constructor(
    private readonly topics: TopicsService,
    private readonly views: TopicViews,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TOPIC_CONFIG) private readonly topicConfig: TopicConfig,
  ) {}

  async prepare(actor: Actor, subjectId: number | null, params: Record<string, unknown>): Promise<PreparedReport> {
    noParams(params);
    const topic = await this.topics.get(actor, subjectId ?? 0);
    if (topic.organizer.type !== 'point')
      throw AppError.conflict(
        'NOT_A_POINT_TOPIC',
        `公示单用于协商议事点的议题；该议题由${topic.organizer.typeLabel}「${topic.organizer.name}」组织，请生成协商要报`,
      );
    if (!isOrganiser(actor, { organizerType: 'point', organizerId: topic.organizer.id }))
      throw AppError.forbidden('该协商议题不由您所在的协商议事点组织');
    if (!topic.meetings.some((m) => m.heldAt))
      throw AppError.conflict(
        'TOPIC_NOT_DELIBERATED',
        `该议题（${topic.statusLabel}）还没有召开过协商会，没有可公示的协商结果`,
      );
    if (!topic.published)
      throw AppError.conflict(
        'TOPIC_NOT_PUBLISHED',
        '该议题的协商成果尚未公开：公示单上的二维码指向公开页面，请先公示协商成果',
      );
    if (!this.config.publicBaseUrl)
      throw AppError.conflict(
        'PUBLIC_URL_NOT_SET',
        '平台的公开访问地址未设置（XS_PUBLIC_BASE_URL），公示单上的二维码无处可指，请联系系统管理员',
      );
    return { title: pointNoticeTitle(topic.title), params: {} };
  }

  async context(em: EntityManager, report: Report): Promise<NoticeSheetContext> {
    const topic = await em.findOneBy(Topic, { id: report.subjectId ?? 0 });
    if (!topic) throw new Error(`协商议题 ${report.subjectId} 已不存在`);
    if (!this.config.publicBaseUrl) throw new Error('平台的公开访问地址未设置（XS_PUBLIC_BASE_URL）');
    const view = await this.views.detail(em, topic, REPORT_READER);
    const point = await em.findOneBy(ConsultationPoint, { id: topic.organizerId });
    const meetings = await this.heldMeetings(em, topic.id);
    const now = this.clock.now();
    const publicUrl = publicTopicUrl(this.config.publicBaseUrl, topic.id);
    return {
      title: report.title,
      issuingOffice: view.organizer.name,
      topic: view.title,
      meetings,
      participants: meetings.reduce((n, m) => n + m.participants, 0),
      outcomes: view.outcomes.map((o) => ({ text: o.text, unit: o.unit?.name ?? null, due: o.dueAt })),
      noticeFrom: now,
      noticeTo: new Date(now.getTime() + (this.topicConfig.noticeDays - 1) * DAY_MS),
      noticeDays: this.topicConfig.noticeDays,
      address: point?.address ?? null,
      publicUrl,
      qrSvg: await qrSvg(publicUrl),
      issuedOn: now,
    };
  }

  /** The meetings held, each with those who took part (not marked 请假 or 缺席) and their sides. */
  private async heldMeetings(em: EntityManager, topicId: number): Promise<NoticeSheetMeeting[]> {
    const held = await em.find(Meeting, { where: { topicId }, order: { sequence: 'ASC' } });
    const views = await Promise.all(held.filter((m) => m.heldAt).map((m) => this.views.meeting(em, m)));
    return views.map((m) => {
      const present = m.participants.filter((p) => p.attendance !== 'excused' && p.attendance !== 'absent');
      const sides = Object.entries(SIDE_LABELS)
        .filter(([side]) => present.some((p) => p.side === side))
        .map(([, label]) => label);
      return { at: m.startsAt, kindLabel: m.kindLabel, participants: present.length, sides };
    });
  }
}
