import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { chineseDate, chineseDateTime } from '../common/chinese-dates';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NotificationsService } from '../notifications/notifications.service';
import { BREACH_LABELS, CLOCK_LABELS, PromiseClock } from './topic-workflow';
import { Outcome, Topic } from './topic.entities';
import { TOPIC_CONFIG, TopicConfig } from './topics.config';

const short = (text: string, max = 40) => ([...text].length > max ? `${[...text].slice(0, max).join('')}…` : text);

/**
 * Who hears of a topic's deadlines, in the transaction that records them, once each (the dedupe keys):
 * a missed response-promise clock → the point's facilitators and staff; an overdue outcome → its unit
 * and the organiser (the point's facilitators, or staff for a committee's or sector's topic). The person
 * whose late step recorded the miss does not hear of it.
 */
@Injectable()
export class TopicNotices {
  constructor(
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
    @Inject(TOPIC_CONFIG) private readonly config: TopicConfig,
  ) {}

  async breach(
    em: EntityManager,
    t: Topic,
    clock: PromiseClock,
    dueAt: Date,
    exceptUserId: number | null,
  ): Promise<number> {
    const point = t.organizerType === 'point' ? await this.notifications.facilitatorsOfPoint(em, t.organizerId) : [];
    const users = [...point, ...(await this.notifications.staffUsers(em))].filter((id) => id !== exceptUserId);
    const policy = t.responsePolicy
      ? (this.config.responsePolicies.get(t.responsePolicy)?.label ?? t.responsePolicy)
      : '';
    return this.notifications.notify(em, users, {
      kind: 'topic.promise_breached',
      title: `响应承诺${BREACH_LABELS[clock]}：${short(t.title, 30)}`,
      body: `协商议题“${t.title}”未在${chineseDateTime(dueAt, this.app.displayTimeZone)}前${CLOCK_LABELS[clock]}（${policy}）。`,
      link: `/topics/${t.id}`,
      dedupeKey: `topic:${t.id}:breach:${clock}`,
    });
  }

  async outcomeOverdue(em: EntityManager, t: Topic, o: Outcome): Promise<number> {
    const organiser =
      t.organizerType === 'point'
        ? await this.notifications.facilitatorsOfPoint(em, t.organizerId)
        : await this.notifications.staffUsers(em);
    const unit = o.unitId === null ? [] : await this.notifications.usersOfUnit(em, o.unitId);
    return this.notifications.notify(em, [...unit, ...organiser], {
      kind: 'topic.outcome_overdue',
      title: `协商成果办理超期：${short(t.title, 30)}`,
      body: `协商议题“${t.title}”的第${o.position}项成果“${short(o.text)}”办理期限为${chineseDate(o.dueAt, this.app.displayTimeZone)}，现已超期，请抓紧办理并反馈。`,
      link: `/topics/${t.id}`,
      dedupeKey: `outcome:${o.id}:overdue`,
    });
  }
}
