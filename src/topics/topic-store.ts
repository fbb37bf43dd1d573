import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { auditedStep, StepChange } from '../audit/audited-step';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { assertVersion, findForUpdate } from '../database/rows';
import { assertCanAct, notFound } from './topic-access';
import { Meeting, Outcome, Topic } from './topic.entities';

/** One step: the audit action after `topic.` (`settle`, `meeting`, `outcome_update` …), the meeting, the outcome, the score … */
export type TopicChange = StepChange<Topic>;

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
    await auditedStep(em, this.audit, { ...change, entity: Topic, type: 'topic', row: t, actor, at: this.clock.now() });
    return t;
  }
}
