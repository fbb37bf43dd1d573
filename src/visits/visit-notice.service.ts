import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Tx } from '../database/tx';
import { latestNoticeReceipts, sendNotice } from '../notifications/notice-receipts';
import { NotificationsService } from '../notifications/notifications.service';
import { VisitNoticeReceiptsView } from './dto/visit-view.dto';
import { VisitNoticeDto } from './dto/visit.dto';
import { visitNotFound } from './visit-access';
import { meetingNoticeFor, visitNoticePrefix } from './visit-notices';
import { VisitNotifier } from './visit-notifier';
import { VisitStore } from './visit-store';
import { VisitViews } from './visit-views';
import { Visit, VisitParticipant, VisitStop } from './visit.entities';
import { stillInvited } from './visits.service';

/**
 * 会议通知 of a visit: the office sends everyone still invited (not 请假) one notice, in the inbox and — by the
 * outbox, after commit — by e-mail and SMS; then reads per person whether it was read and delivered, next to
 * their answer (通知回执). Each send is the n-th, with its own key, so a second one reaches everyone again.
 */
@Injectable()
export class VisitNoticeService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly store: VisitStore,
    private readonly views: VisitViews,
    private readonly notifier: VisitNotifier,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sends the next notice (409 on a visit no longer planned, or when no one still invited has an account). */
  send(actor: Actor, id: number, dto: VisitNoticeDto): Promise<VisitNoticeReceiptsView> {
    return this.tx.run(async (em) => {
      const v = await this.store.load(em, id, 'notice', dto.version);
      const parts = stillInvited(await em.find(VisitParticipant, { where: { visitId: v.id }, order: { id: 'ASC' } }));
      const firstStop = await em.findOne(VisitStop, { where: { visitId: v.id }, order: { position: 'ASC' } });
      const { n, reached, message } = await sendNotice(em, this.notifications, {
        prefix: visitNoticePrefix(v.id),
        accounts: await this.notifier.accountsEach(em, parts),
        senderId: actor.id,
        message: (n) =>
          meetingNoticeFor(v, {
            timeZone: this.config.displayTimeZone,
            n,
            firstStop,
            note: dto.note,
            urgent: dto.urgent,
          }).message,
      });
      if (!reached)
        throw AppError.conflict('VISIT_NOTICE_NO_ONE', '没有可通知的人员：受邀人员均已请假，或没有可登录的账号');
      await this.store.write(em, actor, v, null, {
        action: 'notice',
        details: { n, recipients: reached, urgent: message.urgent ?? false },
        comment: dto.note ?? null,
      });
      return this.read(em, v, actor);
    });
  }

  /** 通知回执 of the latest notice, for every participant (those who 请假 before it show as not notified). */
  async receipts(actor: Actor, id: number): Promise<VisitNoticeReceiptsView> {
    const v = await this.ds.manager.findOneBy(Visit, { id });
    if (!v) throw visitNotFound();
    return this.read(this.ds.manager, v, actor);
  }

  private async read(em: EntityManager, v: Visit, actor: Actor): Promise<VisitNoticeReceiptsView> {
    const parts = await em.find(VisitParticipant, { where: { visitId: v.id }, order: { id: 'ASC' } });
    const [people, latest] = await Promise.all([
      this.views.participants(em, parts, actor),
      latestNoticeReceipts(em, visitNoticePrefix(v.id), parts.length, () => this.notifier.accountsEach(em, parts)),
    ]);
    return {
      sent: latest.sent,
      sentAt: latest.sentAt,
      people: people.map((p, i) => ({ ...p, ...latest.receipts[i] })),
    };
  }
}
