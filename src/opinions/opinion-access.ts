import { EntityManager } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { Opinion, OpinionContributor, STAFF_FILED_KINDS } from './opinion.entities';

export const notFound = (): AppError => AppError.notFound('社情民意信息', 'OPINION_NOT_FOUND');

/** The submitter: the lead member of a member's item, or the staff account that filed a group's or organisation's. */
export function isSubmitter(actor: Actor, o: Opinion): boolean {
  if (STAFF_FILED_KINDS.includes(o.submitterKind)) return hasRole(actor, 'staff') && o.filedByUserId === actor.id;
  return actor.memberId !== null && hasRole(actor, 'member') && o.leadMemberId === actor.memberId;
}

/** Its contributors and the account that filed it always; staff once it is submitted. */
export async function canRead(em: EntityManager, actor: Actor, o: Opinion): Promise<boolean> {
  if (o.filedByUserId === actor.id) return true;
  if (hasRole(actor, 'staff') && o.status !== 'draft') return true;
  if (hasRole(actor, 'member') && actor.memberId !== null)
    return em.existsBy(OpinionContributor, { opinionId: o.id, memberId: actor.memberId });
  return false;
}

/** Someone else's item does not exist for the caller (404), as with proposals. */
export async function assertCanRead(em: EntityManager, actor: Actor, o: Opinion): Promise<void> {
  if (!(await canRead(em, actor, o))) throw notFound();
}
