import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { WorkflowHistoryItem } from '../audit/audit.service';
import { withheld, withoutComment, withoutDetails } from '../audit/history-reader';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { iso } from '../common/iso-time';
import { namesOf } from '../database/rows';
import { Committee, ConsultationPoint, Member, Sector } from '../directory/directory.entities';
import { ORGANIZER_TYPE_LABELS } from '../topics/topic-labels';
import { usersOf } from '../topics/topic-views';
import { Topic } from '../topics/topic.entities';
import { isDraftOrganiser, isDraftParticipant } from './draft-access';
import { COMMENT_SOURCE_LABELS, DISPOSITION_LABELS, DRAFT_STATUS_LABELS, revisionLabel } from './draft-labels';
import { Draft, DraftClause, DraftComment, DraftInvitee, DraftRevision } from './draft.entities';
import { ClauseView, CommentView, DraftSummaryView, DraftView } from './dto/draft-view.dto';

export const clauseView = (c: DraftClause): ClauseView => ({
  id: c.id,
  position: c.position,
  chapter: c.chapter,
  label: c.label,
  text: c.text,
});

/** Comments are taken while open and before the closing time (the sweep closes it soon after). */
export const acceptsComments = (d: Draft, now: Date): boolean =>
  d.status === 'open' && d.closesAt !== null && now.getTime() < d.closesAt.getTime();

/** The clauses of one edition, in order. */
export const clausesOf = (em: EntityManager, draftId: number, revision: number) =>
  em.find(DraftClause, { where: { draftId, revision }, order: { position: 'ASC' } });

/**
 * A draft's history as `viewer` may see it. Its organiser (`isDraftOrganiser`) sees every step; others see what the
 * detail view and the comment page show them: no invitees (the `invitedMemberIds` of 起草 and 修改), no name of
 * whose paper 征求意见表 was typed in (the comment of 提出意见), and no 处理意见 (its comment, disposition and reason:
 * the 意见汇总 is the organiser's).
 */
export function draftHistoryFor(d: Draft, viewer: Actor, items: WorkflowHistoryItem[]): WorkflowHistoryItem[] {
  if (isDraftOrganiser(viewer, d)) return items;
  return items.map((h) => {
    switch (h.action) {
      case 'create':
      case 'update':
        return withoutDetails(h, ['invitedMemberIds']);
      case 'comment':
        return withoutComment(h);
      case 'dispose':
        return withheld(h);
      default:
        return h;
    }
  });
}

/** Builds what readers see of drafts; related rows are loaded per page, never per row. */
@Injectable()
export class DraftViews {
  constructor(private readonly clock: Clock) {}

  async summaries(em: EntityManager, rows: Draft[]): Promise<DraftSummaryView[]> {
    if (!rows.length) return [];
    const byType = (type: Draft['organizerType']) =>
      rows.filter((r) => r.organizerType === type).map((r) => r.organizerId);
    const topicIds = rows.map((r) => r.topicId).filter((id): id is number => id !== null);
    const [committees, sectors, points, users, topics, counts] = await Promise.all([
      namesOf(em, Committee, byType('committee')),
      namesOf(em, Sector, byType('sector')),
      namesOf(em, ConsultationPoint, byType('point')),
      usersOf(
        em,
        rows.map((r) => r.createdByUserId),
      ),
      topicIds.length ? em.find(Topic, { where: { id: In(topicIds) }, select: { id: true, title: true } }) : [],
      em
        .createQueryBuilder(DraftComment, 'c')
        .select('c.draftId', 'draftId')
        .addSelect('COUNT(*)', 'n')
        .where('c.draftId IN (:...ids)', { ids: rows.map((r) => r.id) })
        .groupBy('c.draftId')
        .getRawMany<{ draftId: number | string; n: number | string }>(),
    ]);
    const organizers = { committee: committees, sector: sectors, point: points };
    return rows.map((d) => {
      const topic = topics.find((t) => t.id === d.topicId);
      return {
        id: d.id,
        title: d.title,
        topic: topic ? { id: topic.id, title: topic.title } : null,
        organizer: {
          type: d.organizerType,
          typeLabel: ORGANIZER_TYPE_LABELS[d.organizerType],
          id: d.organizerId,
          name: organizers[d.organizerType].get(d.organizerId)?.name ?? '',
        },
        status: d.status,
        statusLabel: DRAFT_STATUS_LABELS[d.status],
        openToPublic: d.openToPublic,
        closesAt: iso(d.closesAt),
        openedAt: iso(d.openedAt),
        closedAt: iso(d.closedAt),
        revision: d.revision,
        commentCount: Number(counts.find((c) => Number(c.draftId) === d.id)?.n ?? 0),
        createdBy: users.get(d.createdByUserId)!,
        createdAt: d.createdAt.toISOString(),
        updatedAt: d.updatedAt.toISOString(),
        version: d.version,
      };
    });
  }

  /** The draft as of `revision` (default the current edition); the invitees only for its organiser. */
  async detail(em: EntityManager, d: Draft, viewer: Actor, revision = d.revision): Promise<DraftView> {
    const organiser = isDraftOrganiser(viewer, d);
    const [[summary], clauses, revisions, invitees, mine, participant] = await Promise.all([
      this.summaries(em, [d]),
      clausesOf(em, d.id, revision),
      em.find(DraftRevision, { where: { draftId: d.id }, order: { revision: 'ASC' } }),
      organiser ? em.find(DraftInvitee, { where: { draftId: d.id }, order: { id: 'ASC' } }) : [],
      em.find(DraftComment, {
        where: { draftId: d.id, userId: viewer.id, source: 'participant' },
        order: { id: 'ASC' },
      }),
      isDraftParticipant(em, viewer, d),
    ]);
    const [authors, members] = await Promise.all([
      usersOf(
        em,
        revisions.map((r) => r.byUserId),
      ),
      namesOf(
        em,
        Member,
        invitees.map((i) => i.memberId),
      ),
    ]);
    return {
      ...summary,
      description: d.description,
      shownRevision: revision,
      clauses: clauses.map(clauseView),
      revisions: revisions.map((r) => ({
        revision: r.revision,
        revisionLabel: revisionLabel(r.revision),
        note: r.note,
        by: authors.get(r.byUserId)!,
        at: r.at.toISOString(),
      })),
      invitedMembers: invitees.map((i) => members.get(i.memberId)!).filter(Boolean),
      isOrganiser: organiser,
      canComment: acceptsComments(d, this.clock.now()) && (organiser || participant),
      myComments: mine.map((c) => ({ clauseId: c.clauseId, text: c.text, at: c.createdAt.toISOString() })),
    };
  }

  async comments(em: EntityManager, rows: DraftComment[]): Promise<CommentView[]> {
    const users = await usersOf(
      em,
      rows.map((c) => c.disposedByUserId).filter((id): id is number => id !== null),
    );
    return rows.map((c) => ({
      id: c.id,
      clauseId: c.clauseId,
      source: c.source,
      sourceLabel: COMMENT_SOURCE_LABELS[c.source],
      authorName: c.authorName,
      phone: c.phone,
      text: c.text,
      createdAt: c.createdAt.toISOString(),
      disposition: c.disposition,
      dispositionLabel: c.disposition ? DISPOSITION_LABELS[c.disposition] : null,
      dispositionReason: c.dispositionReason,
      disposedBy: c.disposedByUserId === null ? null : (users.get(c.disposedByUserId) ?? null),
      disposedAt: iso(c.disposedAt),
    }));
  }
}
