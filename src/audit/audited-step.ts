import { EntityManager, EntityTarget } from 'typeorm';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { VersionedRecord } from '../database/columns';
import { updateVersioned } from '../database/versioned';
import { AuditService } from './audit.service';

/** A record a workflow moves: versioned, stamped, with a status. */
type StepRecord = VersionedRecord & { id: number; status: string };

/** What one step of a workflow changes and records; each store's `write()` takes one. */
export interface StepChange<T> {
  /** The audit action after the entity type: `submit`, `merge_in`, `meeting`, `outcome_update`, `invite` … */
  action: string;
  /** Columns of the row to change (the status included when it moves). */
  set?: Partial<T>;
  /** What else the audit entry records next to the status (the number given, the units assigned, the meeting …). */
  details?: Record<string, unknown>;
  comment?: string | null;
}

export interface AuditedStep<T> extends StepChange<T> {
  entity: EntityTarget<T>;
  /** The audit entry's entity type and the prefix of its action: `proposal`, `topic`, `draft`, `visit`, `plan`. */
  type: string;
  row: T;
  /** Who takes the step; null for 系统 (the sweep). */
  actor: Actor | typeof SYSTEM_ACTOR | null;
  /** The step's time, its `updatedAt`. */
  at: Date;
}

/**
 * One step of a workflow, in the caller's transaction: `UPDATE … SET … WHERE id = ? AND version = ?`
 * (typeorm#2848: a versioned save() does not refuse a stale row; zero rows changed is a 409), then the
 * audit entry with the status before and after. `row` takes the new values; the status before is returned.
 */
export async function auditedStep<T extends StepRecord>(
  em: EntityManager,
  audit: AuditService,
  step: AuditedStep<T>,
): Promise<T['status']> {
  const { row } = step;
  const from = row.status;
  await updateVersioned(em, step.entity, row, { ...step.set, updatedAt: step.at } as Partial<T>);
  await audit.record(em, {
    actor: step.actor ?? SYSTEM_ACTOR,
    action: `${step.type}.${step.action}`,
    entityType: step.type,
    entityId: row.id,
    from: { status: from },
    to: { status: row.status, ...step.details },
    comment: step.comment ?? null,
  });
  return from;
}
