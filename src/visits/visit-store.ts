import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { auditedStep, StepChange } from '../audit/audited-step';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { assertAllowed } from '../common/workflow';
import { assertVersion, findForUpdate } from '../database/rows';
import { visitNotFound } from './visit-access';
import { check, nextStatus, VisitFacts, VisitStep } from './visit-workflow';
import { Visit } from './visit.entities';

/** One step: the audit action after `visit.` (`update`, `invite`, `finding` …) and what it changes. */
export type VisitChange = StepChange<Visit>;

/**
 * Loading a visit for a step and writing it: the row locked (MySQL), the `version` checked, the step
 * asked of the workflow, `UPDATE … WHERE id = ? AND version = ?` and the audit entry, in the caller's
 * transaction. Every step on the visit or what hangs off it moves its version and lands in its history.
 */
@Injectable()
export class VisitStore {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The visit locked for `step`: 404 when there is none, 409 for a wrong state or a stale `version`. */
  async load(em: EntityManager, id: number, step: VisitStep, version?: number, facts: VisitFacts = {}): Promise<Visit> {
    const v = await findForUpdate(em, Visit, id);
    if (!v) throw visitNotFound();
    assertAllowed(check(v.status, step, { startsAt: v.startsAt, now: this.clock.now(), ...facts }));
    assertVersion(v, version);
    return v;
  }

  /** Writes the step (the status it leads to included) and audits it. */
  async write(
    em: EntityManager,
    actor: Actor | null,
    v: Visit,
    step: VisitStep | null,
    change: VisitChange,
  ): Promise<Visit> {
    const status = step ? nextStatus(v.status, step) : v.status;
    await auditedStep(em, this.audit, {
      ...change,
      set: { ...change.set, status },
      entity: Visit,
      type: 'visit',
      row: v,
      actor,
      at: this.clock.now(),
    });
    return v;
  }
}
