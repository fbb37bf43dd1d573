import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NotificationsService } from '../notifications/notifications.service';
import { noticesFor, VisitNotice } from './visit-notices';
import { Visit, VisitParticipant } from './visit.entities';

/**
 * Tells the participants a step names of what happened to a visit, in the step's transaction: the
 * notices of `visit-notices.ts`. A member hears through every account linked to them, a unit's person
 * through the unit's accounts.
 */
@Injectable()
export class VisitNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** How many inboxes got the notice now; `skipUserId`: whoever took the step. */
  send(
    em: EntityManager,
    v: Visit,
    to: VisitParticipant[],
    notice: VisitNotice,
    extra: { key?: string; reason?: string | null; skipUserId?: number } = {},
  ): Promise<number> {
    const { skipUserId, ...facts } = extra;
    const notices = noticesFor(v, notice, { timeZone: this.config.displayTimeZone, ...facts });
    return this.notifications.deliver(em, notices, () => this.accounts(em, to), skipUserId ?? null);
  }

  async accounts(em: EntityManager, parts: VisitParticipant[]): Promise<number[]> {
    return [...new Set((await this.accountsEach(em, parts)).flat())];
  }

  /** The accounts each participant is heard through, in order (the 通知回执 reads them per person). */
  accountsEach(em: EntityManager, parts: VisitParticipant[]): Promise<number[][]> {
    return this.notifications.accountsOfEach(em, parts);
  }
}
