import { EntityManager } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { Visit, VisitParticipant } from './visit.entities';

/*
 * Who may see a visit: staff and leaders all; a member, a staff account or a unit invited to it.
 * Anyone else is told it does not exist (404), photos included; acting on one is a 403.
 */

export const visitNotFound = () => AppError.notFound('视察调研', 'VISIT_NOT_FOUND');

/** The caller's own invitation: as the member, or as the staff account. Units are invited by name and answered for by staff. */
export async function invitationOf(em: EntityManager, actor: Actor, visitId: number): Promise<VisitParticipant | null> {
  if (hasRole(actor, 'member') && actor.memberId !== null) {
    const own = await em.findOneBy(VisitParticipant, { visitId, memberId: actor.memberId });
    if (own) return own;
  }
  return em.findOneBy(VisitParticipant, { visitId, userId: actor.id });
}

export async function canRead(em: EntityManager, actor: Actor, v: Visit): Promise<boolean> {
  if (hasRole(actor, 'staff', 'leader')) return true;
  if (await invitationOf(em, actor, v.id)) return true;
  return (
    hasRole(actor, 'unit') &&
    actor.unitId !== null &&
    em.existsBy(VisitParticipant, { visitId: v.id, unitId: actor.unitId })
  );
}

/** A visit the caller may read, or 404. */
export async function loadReadable(em: EntityManager, actor: Actor, id: number): Promise<Visit> {
  const v = await em.findOneBy(Visit, { id });
  if (!v || !(await canRead(em, actor, v))) throw visitNotFound();
  return v;
}

/** Sees every answer's reason: the office and leaders (others see their own only). */
export const seesReasons = (actor: Actor): boolean => hasRole(actor, 'staff', 'leader');
