import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, SelectQueryBuilder } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { Page, pageOf } from '../common/pagination';
import { TextIndexService } from '../search/text-index.service';
import { OpinionQuery } from './dto/opinion.dto';
import { Opinion, OpinionContributor } from './opinion.entities';

/**
 * The list, scoped by role (a page of ids first, then the rows): staff see every item but drafts (and the
 * drafts they filed), a member what they contributed to. `mine` narrows staff to what they filed and a
 * member to their own; `q` goes through the bigram index (owner type `opinion`).
 */
@Injectable()
export class OpinionsQuery {
  constructor(
    private readonly ds: DataSource,
    private readonly textIndex: TextIndexService,
  ) {}

  async page(actor: Actor, q: OpinionQuery): Promise<Page<Opinion>> {
    const qb = this.ds.getRepository(Opinion).createQueryBuilder('o');
    this.scope(qb, actor, q.mine === true);
    if (q.status) qb.andWhere('o.status = :status', { status: q.status });
    if (q.category) qb.andWhere('o.category = :category', { category: q.category });
    if (q.q)
      await this.textIndex.applySearch(qb, 'opinion', q.q, { idColumn: 'o.id', likeColumns: ['o.title', 'o.content'] });
    const counted = await qb.clone().select('COUNT(*)', 'n').getRawOne<{ n: number | string }>();
    const idRows = await qb
      .select('o.id', 'id')
      .orderBy('o.id', 'DESC')
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .getRawMany<{ id: number | string }>();
    const ids = idRows.map((r) => Number(r.id));
    const rows = ids.length ? await this.ds.getRepository(Opinion).findBy({ id: In(ids) }) : [];
    rows.sort((a, b) => b.id - a.id);
    return pageOf(rows, Number(counted?.n ?? 0), q);
  }

  private scope(qb: SelectQueryBuilder<Opinion>, actor: Actor, mine: boolean): void {
    qb.andWhere(
      new Brackets((w) => {
        w.where('1 = 0');
        if (hasRole(actor, 'staff')) {
          w.orWhere('o.filedByUserId = :scopeUserId', { scopeUserId: actor.id });
          if (!mine) w.orWhere("o.status <> 'draft'");
        }
        if (hasRole(actor, 'member') && actor.memberId !== null) {
          const signed = qb
            .subQuery()
            .select('c.opinionId')
            .from(OpinionContributor, 'c')
            .where('c.memberId = :scopeMemberId')
            .getQuery();
          w.orWhere(`o.id IN ${signed}`, { scopeMemberId: actor.memberId });
        }
      }),
    );
  }
}
