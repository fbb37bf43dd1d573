import type { ProposalStatus } from './proposal-workflow';

/** Every kind of step a proposal takes, as its event type. */
export const PROPOSAL_EVENT_TYPES = [
  'proposal.created',
  'proposal.cosign_invited',
  'proposal.cosigned',
  'proposal.cosign_declined',
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
  'proposal.chased',
  // From the deadline jobs (actorUserId null):
  'proposal.reminded',
  'proposal.overdue',
  'proposal.evaluation_expired',
] as const;
export type ProposalEventType = (typeof PROPOSAL_EVENT_TYPES)[number];

/** What happened to a proposal: the step, who took it and whom it concerns (ProposalNotifier gets the row beside it). */
export interface ProposalEvent {
  type: ProposalEventType;
  proposalId: number;
  actorUserId: number | null;
  at: Date;
  from?: ProposalStatus;
  to?: ProposalStatus;
  /** The proposal's version after the step: tells one step's notices from another's. */
  version?: number;
  /** Units concerned: those assigned, the one that returned or replied, those chased or reminded. */
  unitIds?: number[];
  /** Members concerned: invited co-signers, merged-in proposers. */
  memberIds?: number[];
  /** The new deadline, where the step set one (assign, re-handling, extension). */
  deadline?: Date | null;
  /** The proposal merged into this one (merged), or the extension request (extension_*). */
  relatedId?: number;
  /** The step's comment: a return's reason, a chase's note. */
  note?: string | null;
  /** For the deadline jobs, what makes this occurrence one (`r0:2026-09-01:15d`): a sweep run again notifies nobody twice. */
  occurrence?: string;
  /** reminded: calendar days left before the deadline's day (0: today). */
  daysLeft?: number;
}
