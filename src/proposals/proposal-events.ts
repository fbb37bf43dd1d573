import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProposalStatus } from './proposal-workflow';

export const PROPOSAL_EVENT_TYPES = [
  'proposal.created',
  'proposal.cosign_invited',
  'proposal.cosigned',
  'proposal.submitted',
  'proposal.withdrawn',
  'proposal.accepted',
  'proposal.rejected',
  'proposal.converted',
  'proposal.merged',
  'proposal.assigned',
  'proposal.returned',
  'proposal.communicated',
  'proposal.co_opinion_given',
  'proposal.replied',
  'proposal.completed',
  'proposal.rehandling',
  'proposal.key_marked',
  'proposal.excellent_marked',
  'proposal.extension_requested',
  'proposal.extension_decided',
] as const;
export type ProposalEventType = (typeof PROPOSAL_EVENT_TYPES)[number];

/** What happened to a proposal; ids only, so a job or notification loads what it needs. */
export interface ProposalEvent {
  type: ProposalEventType;
  proposalId: number;
  actorUserId: number | null;
  at: Date;
  from?: ProposalStatus;
  to?: ProposalStatus;
  /** Units concerned: those assigned, the one that returned or replied. */
  unitIds?: number[];
  /** Members concerned: invited co-signers, merged-in proposers. */
  memberIds?: number[];
  /** The new deadline, where the step set one (assign, re-handling, extension). */
  deadline?: Date | null;
  /** The proposal merged into this one (merged), or the extension request (extension_*). */
  relatedId?: number;
}

/**
 * The seam for notifications and deadline jobs: called inside the transaction of each step,
 * after its writes, so a listener may write in the same transaction (an inbox row, a job
 * outbox row) and nothing is announced for a step that rolled back. It does nothing yet.
 */
@Injectable()
export class ProposalEvents {
  async emit(_em: EntityManager, _event: ProposalEvent): Promise<void> {
    return;
  }
}
