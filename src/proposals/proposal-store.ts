import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { assertVersion, findForUpdate } from '../database/rows';
import { updateVersioned } from '../database/versioned';
import { assertCanRead, notFound } from './proposal-access';
import { ProposalEvent, ProposalEventType } from './proposal-event';
import { ProposalEvents } from './proposal-events';
import { Proposal } from './proposal.entities';

export interface ProposalChange {
  /** The audit action after `proposal.`: `submit`, `merge_in`, `communicate` … */
  action: string;
  /** Columns of the proposal row to change (status included when it moves). */
  set?: Partial<Proposal>;
  /** What else the audit entry records next to the status (the number given, the units assigned …). */
  details?: Record<string, unknown>;
  comment?: string | null;
  event?: { type: ProposalEventType } & Partial<Omit<ProposalEvent, 'type' | 'proposalId' | 'actorUserId' | 'at'>>;
}

/** Loading a proposal for change and writing one step of it: version-checked, audited and announced in the caller's transaction. */
@Injectable()
export class ProposalStore {
  constructor(
    private readonly audit: AuditService,
    private readonly events: ProposalEvents,
    private readonly clock: Clock,
  ) {}

  /** Locks the proposal (MySQL), checks that the caller may read it, then the `version` they read. */
  async load(em: EntityManager, actor: Actor, id: number, version?: number): Promise<Proposal> {
    const p = await findForUpdate(em, Proposal, id);
    if (!p) throw notFound();
    await assertCanRead(em, actor, p);
    assertVersion(p, version);
    return p;
  }

  /**
   * `UPDATE proposals SET … WHERE id = ? AND version = ?` (typeorm#2848: a versioned save() does not
   * refuse a stale row), then the audit entry and the event. Zero rows changed is a 409.
   */
  async write(em: EntityManager, actor: Actor | null, p: Proposal, change: ProposalChange): Promise<Proposal> {
    const now = this.clock.now();
    const from = p.status;
    await updateVersioned(em, Proposal, p, { ...change.set, updatedAt: now });
    await this.audit.record(em, {
      actor: actor ?? { id: null, displayName: '系统' },
      action: `proposal.${change.action}`,
      entityType: 'proposal',
      entityId: p.id,
      from: { status: from },
      to: { status: p.status, ...change.details },
      comment: change.comment ?? null,
    });
    if (change.event) {
      await this.events.emit(em, {
        proposalId: p.id,
        actorUserId: actor?.id ?? null,
        at: now,
        from,
        to: p.status,
        version: p.version,
        note: change.comment ?? null,
        ...change.event,
      });
    }
    return p;
  }
}
