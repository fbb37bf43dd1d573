import { EntityManager, IsNull } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { GROUP_KINDS, Proposal, ProposalSigner, ProposalUnit } from './proposal.entities';

/*
 * Who may read a proposal: its signers (lead, co-signers, merged-in proposers), the units
 * with an active assignment, staff and leaders (all but drafts; staff also the group
 * drafts they filed). Someone else's draft is a 404, so its existence does not leak;
 * another's filed proposal is a 403. Accounts and consultation points (admin, facilitator)
 * do not handle proposals.
 */

export const notFound = () => AppError.notFound('提案', 'PROPOSAL_NOT_FOUND');

/** The lead proposer: the lead member, or the staff account that filed a group proposal on its behalf. */
export function isLeadProposer(actor: Actor, p: Proposal): boolean {
  if (GROUP_KINDS.includes(p.kind)) return p.filedByUserId === actor.id;
  return actor.memberId !== null && actor.memberId === p.leadMemberId;
}

export function signerOf(em: EntityManager, p: Proposal, actor: Actor): Promise<ProposalSigner | null> {
  if (actor.memberId === null || !hasRole(actor, 'member')) return Promise.resolve(null);
  return em.findOneBy(ProposalSigner, { proposalId: p.id, memberId: actor.memberId });
}

/** The caller's unit's active part in the assignment, if any. */
export function unitPartOf(em: EntityManager, p: Proposal, actor: Actor): Promise<ProposalUnit | null> {
  if (actor.unitId === null || !hasRole(actor, 'unit')) return Promise.resolve(null);
  return em.findOneBy(ProposalUnit, { proposalId: p.id, unitId: actor.unitId, active: true });
}

/** The units of the current assignment that have not replied in this round: the ones to chase, remind or call overdue. */
export async function pendingUnitIds(em: EntityManager, p: Proposal): Promise<number[]> {
  return (await em.findBy(ProposalUnit, { proposalId: p.id, active: true, repliedAt: IsNull() })).map((u) => u.unitId);
}

export async function canRead(em: EntityManager, actor: Actor, p: Proposal): Promise<boolean> {
  if (hasRole(actor, 'staff') && (p.status !== 'draft' || p.filedByUserId === actor.id)) return true;
  if (hasRole(actor, 'leader') && p.status !== 'draft') return true;
  if (await signerOf(em, p, actor)) return true;
  return (await unitPartOf(em, p, actor)) !== null;
}

/** The proposal, when the caller may read it (see assertCanRead); unknown ids are 404. */
export async function loadReadable(em: EntityManager, actor: Actor, id: number): Promise<Proposal> {
  const p = await em.findOneBy(Proposal, { id });
  if (!p) throw notFound();
  await assertCanRead(em, actor, p);
  return p;
}

/** 404 for a draft the caller may not read, 403 for any other proposal they may not read. */
export async function assertCanRead(em: EntityManager, actor: Actor, p: Proposal): Promise<void> {
  if (await canRead(em, actor, p)) return;
  if (p.status === 'draft') throw notFound();
  throw AppError.forbidden('您无权查看该提案');
}
