import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { auditedStep, StepChange } from '../audit/audited-step';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { assertVersion, findForUpdate } from '../database/rows';
import { NotificationsService } from '../notifications/notifications.service';
import { assertCanRead, notFound } from './opinion-access';
import { OpinionEvent, opinionNotices, OpinionAudience } from './opinion-notices';
import { Opinion, OpinionContributor, STAFF_FILED_KINDS } from './opinion.entities';

export interface OpinionChange extends StepChange<Opinion> {
  /** The notice the step sends (to the contributors or to staff), if any. */
  event?: OpinionEvent;
}

/** Loading an item for change and writing one step of it: version-checked, audited and announced in the caller's transaction. */
@Injectable()
export class OpinionStore {
  constructor(
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** Locks the row (MySQL), checks that the caller may read it, then the `version` they read. */
  async load(em: EntityManager, actor: Actor, id: number, version?: number): Promise<Opinion> {
    const o = await findForUpdate(em, Opinion, id);
    if (!o) throw notFound();
    await assertCanRead(em, actor, o);
    assertVersion(o, version);
    return o;
  }

  async write(em: EntityManager, actor: Actor, o: Opinion, change: OpinionChange): Promise<Opinion> {
    const { event, ...step } = change;
    await auditedStep(em, this.audit, {
      ...step,
      entity: Opinion,
      type: 'opinion',
      row: o,
      actor,
      at: this.clock.now(),
    });
    if (event) await this.announce(em, o, event, change.comment ?? null, actor.id);
    return o;
  }

  /** The notices of `event`, never to `exceptUserId`; `occasion` tells apart notices of one version (see OpinionNoticeFacts). */
  async announce(
    em: EntityManager,
    o: Opinion,
    event: OpinionEvent,
    note: string | null,
    exceptUserId: number | null,
    occasion?: string,
  ): Promise<void> {
    const notices = opinionNotices(event, { id: o.id, title: o.title, version: o.version, note, occasion });
    await this.notifications.deliver(em, notices, (to) => this.usersOf(em, to, o), exceptUserId);
  }

  private async usersOf(em: EntityManager, audience: OpinionAudience, o: Opinion): Promise<number[]> {
    if (audience === 'staff') return this.notifications.staffUsers(em);
    const contributors = await em.findBy(OpinionContributor, { opinionId: o.id });
    const members = contributors.map((c) => c.memberId).filter((id): id is number => id !== null);
    const users = (await Promise.all(members.map((id) => this.notifications.usersOfMember(em, id)))).flat();
    return STAFF_FILED_KINDS.includes(o.submitterKind) ? [...users, o.filedByUserId] : users;
  }
}
