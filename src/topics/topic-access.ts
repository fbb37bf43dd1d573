import { EntityManager } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { MeetingParticipant, Outcome, Topic } from './topic.entities';

/*
 * Who may read a topic: staff and leaders all; a facilitator the topics of their own point;
 * whoever raised it; a member the topics they take part in (a meeting participant) and the
 * published ones; a unit the topics with an outcome assigned to it or a meeting it attends.
 * Reading what one may not is a 404, so another point's topics do not show; acting on a topic
 * one may not read is a 403.
 */

export const notFound = () => AppError.notFound('协商议题', 'TOPIC_NOT_FOUND');

/** Runs the topic: the office's staff, or the facilitator of the point that organises it. */
export function isOrganiser(actor: Actor, t: Pick<Topic, 'organizerType' | 'organizerId'>): boolean {
  if (hasRole(actor, 'staff')) return true;
  return (
    hasRole(actor, 'facilitator') &&
    actor.pointId !== null &&
    t.organizerType === 'point' &&
    t.organizerId === actor.pointId
  );
}

/** The caller sits in a meeting of the topic: as the member, or as (an account of) the unit. */
export async function isParticipant(em: EntityManager, actor: Actor, topicId: number): Promise<boolean> {
  if (
    hasRole(actor, 'member') &&
    actor.memberId !== null &&
    (await em.existsBy(MeetingParticipant, { topicId, memberId: actor.memberId }))
  )
    return true;
  return (
    hasRole(actor, 'unit') &&
    actor.unitId !== null &&
    em.existsBy(MeetingParticipant, { topicId, unitId: actor.unitId })
  );
}

export async function canRead(em: EntityManager, actor: Actor, t: Topic): Promise<boolean> {
  if (hasRole(actor, 'staff', 'leader') || isOrganiser(actor, t) || t.raisedByUserId === actor.id) return true;
  if (hasRole(actor, 'member') && t.published) return true;
  if (
    hasRole(actor, 'unit') &&
    actor.unitId !== null &&
    (await em.existsBy(Outcome, { topicId: t.id, unitId: actor.unitId }))
  )
    return true;
  return isParticipant(em, actor, t.id);
}

export async function assertCanRead(em: EntityManager, actor: Actor, t: Topic): Promise<void> {
  if (!(await canRead(em, actor, t))) throw notFound();
}

/** Before any step on a topic: one the caller may not read is a 403 (a facilitator hears it is another point's). */
export async function assertCanAct(em: EntityManager, actor: Actor, t: Topic): Promise<void> {
  if (await canRead(em, actor, t)) return;
  throw AppError.forbidden(
    hasRole(actor, 'facilitator') ? '该协商议题不由您所在的协商议事点组织' : '您无权操作该协商议题',
  );
}
