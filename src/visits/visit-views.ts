import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { WorkflowHistoryItem } from '../audit/audit.service';
import { withoutComment } from '../audit/history-reader';
import { Actor, hasRole } from '../common/actor';
import { iso } from '../common/iso-time';
import { namesOf } from '../database/rows';
import { Committee, Member, Sector, Unit } from '../directory/directory.entities';
import { toAttachmentView } from '../files/attachment.dto';
import { Attachment } from '../files/attachment.entity';
import { STATUS_LABELS as PROPOSAL_STATUS_LABELS } from '../proposals/proposal-workflow';
import { Proposal } from '../proposals/proposal.entities';
import { usersOf } from '../topics/topic-views';
import { STATUS_LABELS as TOPIC_STATUS_LABELS } from '../topics/topic-workflow';
import { Topic } from '../topics/topic.entities';
import { PhotoView, RsvpCounts, VisitParticipantView, VisitSummaryView, VisitView } from './dto/visit-view.dto';
import { seesReasons } from './visit-access';
import {
  ANSWER_LABELS,
  KIND_LABELS,
  ORGANIZER_TYPE_LABELS,
  PARTICIPANT_KIND_LABELS,
  STATUS_LABELS,
} from './visit-labels';
import { Visit, VisitFinding, VisitParticipant, VisitStop } from './visit.entities';

export const PHOTO_OWNER = 'visit';
export const photoUrl = (visitId: number, photoId: number) => `/api/v1/visits/${visitId}/photos/${photoId}`;

/** Answers of those who answer in the system; units' people do not (staff record whether they came), so they are counted apart. */
function rsvpCounts(parts: VisitParticipant[]): RsvpCounts {
  const answering = parts.filter((p) => p.kind !== 'unit');
  const n = (answer: VisitParticipant['answer']) => answering.filter((p) => p.answer === answer).length;
  return {
    invited: parts.length,
    accepted: n('accepted'),
    declined: n('declined'),
    pending: n('pending'),
    unitPeople: parts.length - answering.length,
  };
}

/** Whether this invitation is the viewer's own: as the member, or as the staff account. */
const isOwn = (viewer: Actor, p: VisitParticipant) =>
  (p.memberId !== null && p.memberId === viewer.memberId) || (p.userId !== null && p.userId === viewer.id);

/** Whether `viewer` sees the reason of this answer: staff and leaders every one (`seesReasons`), others their own. */
export const seesReasonOf = (viewer: Actor, p: VisitParticipant): boolean => seesReasons(viewer) || isOwn(viewer, p);

/**
 * A visit's history as `viewer` may see it: an answer's 请假 reason (the comment of its `rsvp` step) only to
 * those who see it in the participant list (`seesReasonOf`); the answer itself is everyone's to see.
 */
export async function visitHistoryFor(
  em: EntityManager,
  v: Visit,
  viewer: Actor,
  items: WorkflowHistoryItem[],
): Promise<WorkflowHistoryItem[]> {
  if (seesReasons(viewer)) return items;
  const parts = new Map((await em.findBy(VisitParticipant, { visitId: v.id })).map((p) => [p.id, p]));
  return items.map((h) => {
    if (h.action !== 'rsvp') return h;
    const p = parts.get(Number(h.details.participantId));
    return p && seesReasonOf(viewer, p) ? h : withoutComment(h);
  });
}

/** Builds what readers see of visits; related rows are loaded per page, never per row. */
@Injectable()
export class VisitViews {
  async summaries(em: EntityManager, rows: Visit[], viewer: Actor): Promise<VisitSummaryView[]> {
    if (!rows.length) return [];
    const visitIds = rows.map((r) => r.id);
    const byType = (type: Visit['organizerType']) =>
      rows.filter((r) => r.organizerType === type).map((r) => r.organizerId);
    const [committees, sectors, parts, stops] = await Promise.all([
      namesOf(em, Committee, byType('committee')),
      namesOf(em, Sector, byType('sector')),
      em.findBy(VisitParticipant, { visitId: In(visitIds) }),
      em
        .createQueryBuilder(VisitStop, 's')
        .select('s.visitId', 'visitId')
        .addSelect('COUNT(*)', 'n')
        .where('s.visitId IN (:...visitIds)', { visitIds })
        .groupBy('s.visitId')
        .getRawMany<{ visitId: number | string; n: number | string }>(),
    ]);
    const stopCounts = new Map(stops.map((s) => [Number(s.visitId), Number(s.n)]));
    return rows.map((v) => {
      const own = parts.filter((p) => p.visitId === v.id);
      const organizer = (v.organizerType === 'committee' ? committees : sectors).get(v.organizerId);
      return {
        id: v.id,
        kind: v.kind,
        kindLabel: KIND_LABELS[v.kind],
        title: v.title,
        organizer: {
          type: v.organizerType,
          typeLabel: ORGANIZER_TYPE_LABELS[v.organizerType],
          id: v.organizerId,
          name: organizer?.name ?? '',
        },
        startsAt: v.startsAt.toISOString(),
        endsAt: v.endsAt.toISOString(),
        status: v.status,
        statusLabel: STATUS_LABELS[v.status],
        stopCount: stopCounts.get(v.id) ?? 0,
        rsvp: rsvpCounts(own),
        myAnswer: own.find((p) => isOwn(viewer, p))?.answer ?? null,
        version: v.version,
      };
    });
  }

  async detail(em: EntityManager, v: Visit, viewer: Actor): Promise<VisitView> {
    const [[summary], stops, parts, findings, photos, topics, proposals] = await Promise.all([
      this.summaries(em, [v], viewer),
      em.find(VisitStop, { where: { visitId: v.id }, order: { position: 'ASC' } }),
      em.find(VisitParticipant, { where: { visitId: v.id }, order: { id: 'ASC' } }),
      em.find(VisitFinding, { where: { visitId: v.id }, order: { id: 'ASC' } }),
      em.find(Attachment, { where: { ownerType: PHOTO_OWNER, ownerId: v.id }, order: { id: 'ASC' } }),
      em.find(Topic, {
        where: { visitId: v.id },
        order: { id: 'ASC' },
        select: { id: true, title: true, status: true },
      }),
      em.find(Proposal, {
        where: { visitId: v.id },
        order: { id: 'ASC' },
        select: { id: true, title: true, status: true, filedByUserId: true },
      }),
    ]);
    const users = await usersOf(em, [v.createdByUserId, ...findings.map((f) => f.recordedByUserId)]);
    const stopPlace = new Map(stops.map((s) => [s.id, s.place]));
    return {
      ...summary,
      purpose: v.purpose,
      stops: stops.map((s) => ({
        id: s.id,
        position: s.position,
        at: s.at.toISOString(),
        place: s.place,
        contact: s.contact,
        purpose: s.purpose,
      })),
      participants: await this.participants(em, parts, viewer),
      findings: findings.map((f) => ({
        id: f.id,
        stopId: f.stopId,
        stopPlace: f.stopId ? (stopPlace.get(f.stopId) ?? null) : null,
        problem: f.problem,
        suggestion: f.suggestion,
        theme: f.theme,
        recordedBy: users.get(f.recordedByUserId) ?? { id: f.recordedByUserId, displayName: '' },
        at: f.at.toISOString(),
      })),
      photos: photos.map((a): PhotoView => ({
        ...toAttachmentView(a),
        url: photoUrl(v.id, a.id),
        previewUrl: `${photoUrl(v.id, a.id)}?preview=1`,
      })),
      topics: topics.map((t) => ({
        id: t.id,
        title: t.title,
        status: t.status,
        statusLabel: TOPIC_STATUS_LABELS[t.status],
      })),
      // A draft is its author's until submitted.
      proposals: proposals
        .filter((p) =>
          p.status !== 'draft'
            ? hasRole(viewer, 'staff', 'leader') || p.filedByUserId === viewer.id
            : p.filedByUserId === viewer.id,
        )
        .map((p) => ({ id: p.id, title: p.title, status: p.status, statusLabel: PROPOSAL_STATUS_LABELS[p.status] })),
      cancelReason: v.cancelReason,
      completedAt: iso(v.completedAt),
      cancelledAt: iso(v.cancelledAt),
      createdBy: users.get(v.createdByUserId) ?? { id: v.createdByUserId, displayName: '' },
      createdAt: v.createdAt.toISOString(),
    };
  }

  /** Names for people: a member's name, a staff account's display name, "单位 姓名" for a unit's person. */
  async participants(em: EntityManager, parts: VisitParticipant[], viewer: Actor): Promise<VisitParticipantView[]> {
    const [members, units, users] = await Promise.all([
      namesOf(
        em,
        Member,
        parts.map((p) => p.memberId),
      ),
      namesOf(
        em,
        Unit,
        parts.map((p) => p.unitId),
      ),
      usersOf(
        em,
        parts.map((p) => p.userId).filter((id): id is number => id !== null),
      ),
    ]);
    return parts.map((p) => ({
      id: p.id,
      kind: p.kind,
      kindLabel: PARTICIPANT_KIND_LABELS[p.kind],
      memberId: p.memberId,
      userId: p.userId,
      unitId: p.unitId,
      name: participantName(p, { members, units, users }),
      answer: p.answer,
      answerLabel: ANSWER_LABELS[p.answer],
      reason: seesReasonOf(viewer, p) ? p.reason : null,
      answeredAt: iso(p.answeredAt),
    }));
  }
}

export function participantName(
  p: Pick<VisitParticipant, 'memberId' | 'userId' | 'unitId' | 'name'>,
  names: {
    members: Map<number, { name: string }>;
    units: Map<number, { name: string }>;
    users: Map<number, { displayName: string }>;
  },
): string {
  if (p.memberId !== null) return names.members.get(p.memberId)?.name ?? '';
  if (p.userId !== null) return names.users.get(p.userId)?.displayName ?? '';
  return [p.unitId !== null ? names.units.get(p.unitId)?.name : null, p.name].filter(Boolean).join(' ');
}
