import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { assertVersion, findForUpdate } from '../database/rows';
import { updateVersioned } from '../database/versioned';
import { assertCanAct, notFound } from './topic-access';
import { Meeting, Outcome, Topic } from './topic.entities';

export interface TopicChange {
  /** The audit action after `topic.`: `settle`, `meeting`, `outcome_update` … */
  action: string;
  /** Columns of the topic row to change (status included when it moves). */
  set?: Partial<Topic>;
  /** What else the audit entry records next to the status (the meeting, the outcome, the score …). */
  details?: Record<string, unknown>;
  comment?: string | null;
}

export const meetingNotFound = () => AppError.notFound('协商会', 'MEETING_NOT_FOUND');
export const outcomeNotFound = () => AppError.notFound('协商成果', 'OUTCOME_NOT_FOUND');

/**
 * Loading a topic (or one of its meetings or outcomes) for change, and writing one step of it:
 * locked, version-checked and audited in the caller's transaction. Every step, on the topic or
 * on what hangs off it, moves the topic's `version` and lands in the topic's history. The topic
 * row is always locked first, so two steps never wait on each other in opposite order.
 */
@Injectable()
export class TopicStore {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Locks the topic (MySQL), checks that the caller may act on it, then the `version` they read. */
  async load(em: EntityManager, actor: Actor, id: number, version?: number): Promise<Topic> {
    const t = await findForUpdate(em, Topic, id);
    if (!t) throw notFound();
    await assertCanAct(em, actor, t);
    assertVersion(t, version);
    return t;
  }

  /** A meeting and its topic, both locked; `version` is the meeting's. */
  async loadMeeting(
    em: EntityManager,
    actor: Actor,
    id: number,
    version?: number,
  ): Promise<{ topic: Topic; meeting: Meeting }> {
    const { topic, row } = await this.loadPart(em, actor, Meeting, id, meetingNotFound, version);
    return { topic, meeting: row };
  }

  /** An outcome and its topic, both locked; `version` is the outcome's. */
  async loadOutcome(
    em: EntityManager,
    actor: Actor,
    id: number,
    version?: number,
  ): Promise<{ topic: Topic; outcome: Outcome }> {
    const { topic, row } = await this.loadPart(em, actor, Outcome, id, outcomeNotFound, version);
    return { topic, outcome: row };
  }

  private async loadPart<T extends Meeting | Outcome>(
    em: EntityManager,
    actor: Actor,
    entity: new () => T,
    id: number,
    missing: () => AppError,
    version: number | undefined,
  ): Promise<{ topic: Topic; row: T }> {
    const found = await em.findOneBy(entity, { id } as never);
    if (!found) throw missing();
    const topic = await this.load(em, actor, found.topicId);
    const row = (await findForUpdate(em, entity, id))!;
    assertVersion(row, version);
    return { topic, row };
  }

  /** `UPDATE topics … WHERE id = ? AND version = ?` (zero rows: 409), then the audit entry; `actor` null for 系统 (the sweep). */
  async write(em: EntityManager, actor: Actor | null, t: Topic, change: TopicChange): Promise<Topic> {
    const from = t.status;
    await updateVersioned(em, Topic, t, { ...change.set, updatedAt: this.clock.now() });
    await this.audit.record(em, {
      actor: actor ?? SYSTEM_ACTOR,
      action: `topic.${change.action}`,
      entityType: 'topic',
      entityId: t.id,
      from: { status: from },
      to: { status: t.status, ...change.details },
      comment: change.comment ?? null,
    });
    return t;
  }
}
