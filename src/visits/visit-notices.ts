import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { chineseDateTime } from '../common/chinese-dates';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NotificationsService } from '../notifications/notifications.service';
import { KIND_LABELS } from './visit-labels';
import { Visit, VisitParticipant } from './visit.entities';

export type VisitNotice = 'invited' | 'uninvited' | 'changed' | 'cancelled' | 'reminder';

/**
 * Who hears of what about a visit, in the step's transaction: the invited of their invitation, and
 * everyone still invited (not 请假) of a changed time, a cancellation and the reminder before the day.
 * A member hears through every account linked to them, a unit's person through the unit's accounts.
 */
@Injectable()
export class VisitNotices {
  constructor(
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(
    em: EntityManager,
    v: Visit,
    to: VisitParticipant[],
    notice: VisitNotice,
    extra: { key?: string; reason?: string | null; skipUserId?: number } = {},
  ): Promise<number> {
    const users = (await this.accounts(em, to)).filter((id) => id !== extra.skipUserId);
    const when = this.when(v);
    const name = `${KIND_LABELS[v.kind]}“${v.title}”`;
    const text: Record<VisitNotice, { title: string; body: string }> = {
      invited: {
        title: `视察调研邀请：${v.title}`,
        body: `邀请您参加${name}，时间：${when}。请在“我的日程”中答复参加或请假。`,
      },
      uninvited: { title: `已取消对您的邀请：${v.title}`, body: `${name}（${when}）不再需要您参加。` },
      changed: {
        title: `视察调研时间或行程有变：${v.title}`,
        body: `${name}已调整，现时间：${when}。请查看最新行程。`,
      },
      cancelled: {
        title: `视察调研已取消：${v.title}`,
        body: `${name}（${when}）已取消。${extra.reason ? `原因：${extra.reason}` : ''}`,
      },
      reminder: { title: `视察调研提醒：${v.title}`, body: `${name}将于${when}开始，请按时参加。` },
    };
    return this.notifications.notify(em, users, {
      kind: `visit.${notice}`,
      ...text[notice],
      link: `/visits/${v.id}`,
      dedupeKey: `visit:${v.id}:${notice}${extra.key ? `:${extra.key}` : ''}`,
    });
  }

  /** `2026年6月18日 08:30 至 12:00` (the end's date written out when it is another day). */
  when(v: Pick<Visit, 'startsAt' | 'endsAt'>): string {
    const tz = this.config.displayTimeZone;
    const [start, end] = [chineseDateTime(v.startsAt, tz), chineseDateTime(v.endsAt, tz)];
    const [startDay, endDay] = [start.split(' ')[0], end.split(' ')[0]];
    return `${start} 至 ${startDay === endDay ? end.split(' ')[1] : end}`;
  }

  private async accounts(em: EntityManager, parts: VisitParticipant[]): Promise<number[]> {
    const out: number[] = [];
    for (const p of parts) {
      if (p.memberId !== null) out.push(...(await this.notifications.usersOfMember(em, p.memberId)));
      else if (p.userId !== null) out.push(p.userId);
      else if (p.unitId !== null) out.push(...(await this.notifications.usersOfUnit(em, p.unitId)));
    }
    return [...new Set(out)];
  }
}
