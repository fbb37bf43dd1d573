import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, SelectQueryBuilder } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { Page, pageOf } from '../common/pagination';
import { Tally, tallyOf } from '../database/tally';
import { OutcomeQuery } from './dto/outcome.dto';
import { CLOSED_OUTCOME_STATUSES, OUTCOME_STATUSES } from './topic-workflow';
import { Outcome, Topic } from './topic.entities';

const OPEN = OUTCOME_STATUSES.filter((s) => !CLOSED_OUTCOME_STATUSES.includes(s));

/**
 * The outcomes list 协商成果办理, scoped by role: staff and leaders all; a unit the outcomes it is
 * responsible for; a facilitator those of their point's topics (someone with both sees the union).
 * Newest first; the overdue ones by due date, the longest overdue first. One page of ids, then the rows.
 */
@Injectable()
export class OutcomesQuery {
  constructor(private readonly ds: DataSource) {}

  async page(actor: Actor, q: OutcomeQuery): Promise<Page<Outcome>> {
    const qb = this.matching(actor, q);
    const total = await qb.getCount();
    qb.select('o.id', 'id');
    if (q.overdue) qb.orderBy('o.dueAt', 'ASC').addOrderBy('o.id', 'ASC');
    else qb.orderBy('o.id', 'DESC');
    const ids = (
      await qb
        .offset((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .getRawMany<{ id: number | string }>()
    ).map((r) => Number(r.id));
    const rows = ids.length ? await this.ds.getRepository(Outcome).findBy({ id: In(ids) }) : [];
    const order = new Map(ids.map((id, i) => [id, i]));
    return pageOf(
      rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!),
      total,
      q,
    );
  }

  /** How many outcomes the list would show with these filters, and the earliest due date among them. */
  tally(actor: Actor, q: OutcomeQuery): Promise<Tally> {
    return tallyOf(this.matching(actor, q), 'o.dueAt');
  }

  private matching(actor: Actor, q: OutcomeQuery): SelectQueryBuilder<Outcome> {
    const qb = this.ds.getRepository(Outcome).createQueryBuilder('o');
    this.scope(qb, actor);
    if (q.status) qb.andWhere('o.status = :status', { status: q.status });
    if (q.topicId) qb.andWhere('o.topicId = :topicId', { topicId: q.topicId });
    if (q.unitId) qb.andWhere('o.unitId = :unitId', { unitId: q.unitId });
    if (q.open !== undefined)
      qb.andWhere(q.open ? 'o.status IN (:...openStatuses)' : 'o.status NOT IN (:...openStatuses)', {
        openStatuses: OPEN,
      });
    // `dueAt IS NOT NULL` (always so when overdue) lets the page walk the dueAt index past the outcomes without one.
    if (q.overdue === true)
      qb.andWhere('o.overdueAt IS NOT NULL AND o.status IN (:...open) AND o.dueAt IS NOT NULL', { open: OPEN });
    if (q.overdue === false) qb.andWhere('(o.overdueAt IS NULL OR o.status NOT IN (:...open))', { open: OPEN });
    return qb;
  }

  private scope(qb: SelectQueryBuilder<Outcome>, actor: Actor): void {
    if (hasRole(actor, 'staff', 'leader')) return;
    qb.andWhere(
      new Brackets((w) => {
        // Nobody's outcomes, unless a role below adds some.
        w.where('1 = 0');
        if (hasRole(actor, 'unit') && actor.unitId !== null)
          w.orWhere('o.unitId = :scopeUnitId', { scopeUnitId: actor.unitId });
        if (hasRole(actor, 'facilitator') && actor.pointId !== null) {
          const own = qb
            .subQuery()
            .select('st.id')
            .from(Topic, 'st')
            .where("st.organizerType = 'point' AND st.organizerId = :scopePointId")
            .getQuery();
          w.orWhere(`o.topicId IN ${own}`, { scopePointId: actor.pointId });
        }
      }),
    );
  }
}
