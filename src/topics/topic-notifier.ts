import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NotificationsService } from '../notifications/notifications.service';
import { noticesFor, OutcomeRef, TopicAudience, TopicOccasion } from './topic-notices';
import { PromiseClock } from './topic-workflow';
import { Topic } from './topic.entities';
import { TOPIC_CONFIG, TopicConfig } from './topics.config';

/**
 * Tells people of a topic's missed deadlines, in the transaction that records them: the notices of
 * `topic-notices.ts`, to the accounts of their audiences. The person whose late step recorded the miss
 * does not hear of it.
 */
@Injectable()
export class TopicNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
    @Inject(TOPIC_CONFIG) private readonly config: TopicConfig,
  ) {}

  /** The `clock` of `t` missed its `dueAt`; `lateUserId`: whose late step found it (null for the sweep). */
  breach(em: EntityManager, t: Topic, clock: PromiseClock, dueAt: Date, lateUserId: number | null): Promise<number> {
    const policyLabel = t.responsePolicy
      ? (this.config.responsePolicies.get(t.responsePolicy)?.label ?? t.responsePolicy)
      : '';
    return this.send(em, t, { kind: 'promise_breached', clock, dueAt, policyLabel }, lateUserId);
  }

  /** Outcome `o` of `t` is past its due date. */
  outcomeOverdue(em: EntityManager, t: Topic, o: OutcomeRef): Promise<number> {
    return this.send(em, t, { kind: 'outcome_overdue', outcome: o }, null);
  }

  private send(em: EntityManager, t: Topic, occasion: TopicOccasion, exceptUserId: number | null): Promise<number> {
    const notices = noticesFor(t, occasion, this.app.displayTimeZone);
    return this.notifications.deliver(em, notices, (to) => this.accountsOf(em, to, t, occasion), exceptUserId);
  }

  private accountsOf(em: EntityManager, to: TopicAudience, t: Topic, occasion: TopicOccasion): Promise<number[]> {
    const byPoint = t.organizerType === 'point';
    switch (to) {
      case 'point':
        return byPoint ? this.notifications.facilitatorsOfPoint(em, t.organizerId) : Promise.resolve([]);
      case 'staff':
        return this.notifications.staffUsers(em);
      case 'organiser':
        return byPoint ? this.notifications.facilitatorsOfPoint(em, t.organizerId) : this.notifications.staffUsers(em);
      case 'unit': {
        const unitId = occasion.kind === 'outcome_overdue' ? occasion.outcome.unitId : null;
        return unitId === null ? Promise.resolve([]) : this.notifications.usersOfUnit(em, unitId);
      }
    }
  }
}
