import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { assertAllowed } from '../common/workflow';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Tx } from '../database/tx';
import { updateVersioned } from '../database/versioned';
import { latestNoticeReceipts, sendNotice } from '../notifications/notice-receipts';
import { NoticeRequestDto } from '../notifications/notice-request.dto';
import { NotificationsService } from '../notifications/notifications.service';
import { MeetingNoticeReceiptsView } from './dto/topic-view.dto';
import { isOrganiser } from './topic-access';
import { MEETING_KIND_LABELS } from './topic-labels';
import { meetingNoticeFor, meetingNoticePrefix } from './topic-notices';
import { meetingNotFound, TopicStore } from './topic-store';
import { TopicViews } from './topic-views';
import { check } from './topic-workflow';
import { Meeting, MeetingParticipant, Topic } from './topic.entities';
import { TopicsService } from './topics.service';

const notOrganiser = () => AppError.forbidden('只有协商会的组织方可以发送会议通知、查看通知回执');

/**
 * 会议通知 of a 协商会, as a visit's: the organiser (staff, or the facilitator of the organising point) sends
 * every participant with an account one notice — inbox, then e-mail and SMS by the outbox — and reads per person
 * whether it was read and delivered, next to their attendance (通知回执). Each send is the n-th, with its own key.
 */
@Injectable()
export class MeetingNoticeService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly clock: Clock,
    private readonly store: TopicStore,
    private readonly views: TopicViews,
    private readonly topics: TopicsService,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sends the next notice (409 on a meeting held or over, or when no participant has an account). */
  send(actor: Actor, id: number, dto: NoticeRequestDto): Promise<MeetingNoticeReceiptsView> {
    return this.tx.run(async (em) => {
      const { topic: t, meeting: m } = await this.store.loadMeeting(em, actor, id, dto.version);
      if (!isOrganiser(actor, t)) throw notOrganiser();
      const now = this.clock.now();
      if (m.heldAt !== null || m.endsAt.getTime() <= now.getTime())
        throw AppError.conflict('MEETING_HELD', '协商会已召开或已结束，不能再发送会议通知');
      assertAllowed(check(t.status, 'editMeeting', { isOrganiser: true }));
      const parts = await em.find(MeetingParticipant, { where: { meetingId: m.id }, order: { id: 'ASC' } });
      const { n, reached, message } = await sendNotice(em, this.notifications, {
        prefix: meetingNoticePrefix(m.id),
        // Those already recorded as 请假 are not sent it, as a visit's who 请假.
        accounts: await this.notifications.accountsOfEach(
          em,
          parts.filter((p) => p.attendance !== 'excused'),
        ),
        senderId: actor.id,
        message: (n) =>
          meetingNoticeFor(
            { ...m, kindLabel: MEETING_KIND_LABELS[m.kind] },
            { timeZone: this.config.displayTimeZone, n, note: dto.note, urgent: dto.urgent },
          ),
      });
      if (!reached)
        throw AppError.conflict('MEETING_NOTICE_NO_ONE', '没有可通知的人员：参会人员均已请假，或没有可登录的账号');
      await updateVersioned(em, Meeting, m, { noticeSentAt: now, updatedAt: now });
      await this.store.write(em, actor, t, {
        action: 'notice',
        details: { meetingId: m.id, sequence: m.sequence, n, recipients: reached, urgent: message.urgent ?? false },
        comment: dto.note ?? null,
      });
      return this.read(em, m);
    });
  }

  /** 通知回执 of the latest notice, for every participant (the organiser's: others 403, unreadable 404). */
  async receipts(actor: Actor, id: number): Promise<MeetingNoticeReceiptsView> {
    const m = await this.ds.manager.findOneBy(Meeting, { id });
    if (!m) throw meetingNotFound();
    const t: Topic = await this.topics.readable(actor, m.topicId);
    if (!isOrganiser(actor, t)) throw notOrganiser();
    return this.read(this.ds.manager, m);
  }

  private async read(em: EntityManager, m: Meeting): Promise<MeetingNoticeReceiptsView> {
    const parts = await em.find(MeetingParticipant, { where: { meetingId: m.id }, order: { id: 'ASC' } });
    const [view, latest] = await Promise.all([
      this.views.meeting(em, m),
      latestNoticeReceipts(em, meetingNoticePrefix(m.id), parts.length, () =>
        this.notifications.accountsOfEach(em, parts),
      ),
    ]);
    return {
      sent: latest.sent,
      sentAt: latest.sentAt,
      people: view.participants.map((p, i) => ({ ...p, ...latest.receipts[i] })),
    };
  }
}
