import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { auditedStep, StepChange } from '../audit/audited-step';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { assertVersion, findForUpdate } from '../database/rows';
import { assertCanRead, notFound } from './proposal-access';
import { ProposalEvent, ProposalEventType } from './proposal-event';
import { ProposalNotifier } from './proposal-notifier';
import { Proposal } from './proposal.entities';

/** One step: the audit action after `proposal.` (`submit`, `merge_in`, `communicate` …), and the event it announces. */
export interface ProposalChange extends StepChange<Proposal> {
  event?: { type: ProposalEventType } & Partial<Omit<ProposalEvent, 'type' | 'proposalId' | 'actorUserId' | 'at'>>;
}

/** Loading a proposal for change and writing one step of it: version-checked, audited and announced in the caller's transaction. */
@Injectable()
export class ProposalStore {
  constructor(
    private readonly audit: AuditService,
    private readonly notifier: ProposalNotifier,
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

  /** `UPDATE proposals … WHERE id = ? AND version = ?` (zero rows: 409), then the audit entry and the event; `actor` null for 系统. */
  async write(em: EntityManager, actor: Actor | null, p: Proposal, change: ProposalChange): Promise<Proposal> {
    const now = this.clock.now();
    const { event: _event, ...step } = change;
    const from = await auditedStep(em, this.audit, {
      ...step,
      entity: Proposal,
      type: 'proposal',
      row: p,
      actor,
      at: now,
    });
    if (change.event) {
      await this.notifier.send(em, p, {
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
