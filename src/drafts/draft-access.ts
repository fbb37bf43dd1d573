import { EntityManager } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { MeetingParticipant } from '../topics/topic.entities';
import { Draft, DraftInvitee } from './draft.entities';

/*
 * Who takes part in a draft for comment. The organiser runs it: staff (any draft), or the facilitator
 * of the point that organises it. Participants comment signed in: the members invited by name, and —
 * when the draft belongs to a topic — the members and units' accounts at any of the topic's meetings.
 * Leaders read every draft. Participants see a draft once it is put out (not while 拟稿中). Anyone else
 * hears it does not exist (404); acting on one they may not read is a 403. The public page is separate.
 */

export const draftNotFound = () => AppError.notFound('征求意见稿', 'DRAFT_NOT_FOUND');

export function isDraftOrganiser(actor: Actor, d: Draft): boolean {
  if (hasRole(actor, 'staff')) return true;
  return (
    hasRole(actor, 'facilitator') &&
    actor.pointId !== null &&
    d.organizerType === 'point' &&
    d.organizerId === actor.pointId
  );
}

/** Invited by name, or at a meeting of the draft's topic (as the member, or an account of the unit). */
export async function isDraftParticipant(em: EntityManager, actor: Actor, d: Draft): Promise<boolean> {
  if (hasRole(actor, 'member') && actor.memberId !== null) {
    if (await em.existsBy(DraftInvitee, { draftId: d.id, memberId: actor.memberId })) return true;
    if (d.topicId !== null && (await em.existsBy(MeetingParticipant, { topicId: d.topicId, memberId: actor.memberId })))
      return true;
  }
  return (
    hasRole(actor, 'unit') &&
    actor.unitId !== null &&
    d.topicId !== null &&
    em.existsBy(MeetingParticipant, { topicId: d.topicId, unitId: actor.unitId })
  );
}

export async function canReadDraft(em: EntityManager, actor: Actor, d: Draft): Promise<boolean> {
  if (hasRole(actor, 'staff', 'leader') || isDraftOrganiser(actor, d) || d.createdByUserId === actor.id) return true;
  return d.status !== 'editing' && isDraftParticipant(em, actor, d);
}

export async function assertCanReadDraft(em: EntityManager, actor: Actor, d: Draft): Promise<void> {
  if (!(await canReadDraft(em, actor, d))) throw draftNotFound();
}

/** Before any step: a draft the caller may not read is a 403 (a facilitator hears it is another point's). */
export async function assertCanActOnDraft(em: EntityManager, actor: Actor, d: Draft): Promise<void> {
  if (await canReadDraft(em, actor, d)) return;
  throw AppError.forbidden(
    hasRole(actor, 'facilitator') ? '该征求意见稿不由您所在的协商议事点组织' : '您不在该征求意见稿的征求范围内',
  );
}

/** The organiser's own pages and files (意见汇总, export): others who may read the draft get a 403. */
export async function assertDraftOrganiser(em: EntityManager, actor: Actor, d: Draft): Promise<void> {
  await assertCanReadDraft(em, actor, d);
  if (!isDraftOrganiser(actor, d)) throw AppError.forbidden('只有该征求意见稿的组织方可以查看意见汇总');
}
