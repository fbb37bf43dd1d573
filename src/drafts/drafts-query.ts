import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, SelectQueryBuilder } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { LIKE_ESCAPE, likeContains, Page, pageOf } from '../common/pagination';
import { Tally, tallyOf } from '../database/tally';
import { MeetingParticipant } from '../topics/topic.entities';
import { Draft, DraftInvitee } from './draft.entities';
import { DraftQuery } from './dto/draft.dto';

/**
 * The draft list, scoped as `canReadDraft` decides for one draft (one page of ids first, then the rows):
 * staff and leaders all; a facilitator their point's and their own; members and units the drafts put out
 * that they were invited to or whose topic they took part in. Several roles see the union.
 */
@Injectable()
export class DraftsQuery {
  constructor(private readonly ds: DataSource) {}

  async page(actor: Actor, q: DraftQuery): Promise<Page<Draft>> {
    const qb = this.matching(actor, q);
    const total = await qb.getCount();
    const idRows = await qb
      .select('d.id', 'id')
      .orderBy('d.id', 'DESC')
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .getRawMany<{ id: number | string }>();
    const ids = idRows.map((r) => Number(r.id));
    const rows = ids.length ? await this.ds.getRepository(Draft).findBy({ id: In(ids) }) : [];
    return pageOf(
      rows.sort((a, b) => b.id - a.id),
      total,
      q,
    );
  }

  /** How many drafts the list would show with these filters, and the earliest `oldest` (a `d.` column) among them. */
  tally(actor: Actor, q: DraftQuery, oldest: keyof Draft & string): Promise<Tally> {
    return tallyOf(this.matching(actor, q), `d.${oldest}`);
  }

  private matching(actor: Actor, q: DraftQuery): SelectQueryBuilder<Draft> {
    const qb = this.ds.getRepository(Draft).createQueryBuilder('d');
    if (!hasRole(actor, 'staff', 'leader')) {
      const topicsOf = (column: 'memberId' | 'unitId', param: string) =>
        `(d.status <> 'editing' AND d.topicId IN ${qb.subQuery().select('mp.topicId').from(MeetingParticipant, 'mp').where(`mp.${column} = :${param}`).getQuery()})`;
      qb.andWhere(
        new Brackets((w) => {
          w.where('d.createdByUserId = :scopeUserId', { scopeUserId: actor.id });
          if (hasRole(actor, 'facilitator') && actor.pointId !== null)
            w.orWhere("(d.organizerType = 'point' AND d.organizerId = :scopePointId)", { scopePointId: actor.pointId });
          if (hasRole(actor, 'member') && actor.memberId !== null) {
            const invited = qb
              .subQuery()
              .select('di.draftId')
              .from(DraftInvitee, 'di')
              .where('di.memberId = :scopeMemberId')
              .getQuery();
            w.orWhere(`(d.status <> 'editing' AND d.id IN ${invited})`, { scopeMemberId: actor.memberId });
            w.orWhere(topicsOf('memberId', 'scopeMemberId'));
          }
          if (hasRole(actor, 'unit') && actor.unitId !== null)
            w.orWhere(topicsOf('unitId', 'scopeUnitId'), { scopeUnitId: actor.unitId });
        }),
      );
    }
    if (q.status) qb.andWhere('d.status = :status', { status: q.status });
    if (q.topicId) qb.andWhere('d.topicId = :topicId', { topicId: q.topicId });
    if (q.q) qb.andWhere(`d.title LIKE :q ${LIKE_ESCAPE}`, { q: likeContains(q.q) });
    return qb;
  }
}
