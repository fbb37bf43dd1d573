import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, SelectQueryBuilder } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { LIKE_ESCAPE, likeContains, Page, pageOf } from '../common/pagination';
import { yearRange } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Tally, tallyOf } from '../database/tally';
import { whereSessionInYear } from '../directory/session-year';
import { TextIndexService } from '../search/text-index.service';
import { ProposalQuery } from './dto/file-proposal.dto';
import { PublicProposalQuery } from './dto/public-proposal.dto';
import { Proposal, ProposalExtension, ProposalReply, ProposalSigner, ProposalUnit } from './proposal.entities';

/**
 * The proposal list, scoped by role (one page of ids first, then the rows):
 * staff and leaders see all but drafts (staff also the group drafts they filed), a member
 * what they sign (lead, co-signer, merged-in), a unit its current assignments. Someone
 * holding several roles sees the union.
 */
/** COUNT(*), not getCount()'s COUNT(DISTINCT p.id): no join can repeat a row here, and DISTINCT keeps MariaDB from counting from an index alone. */
async function countOf(qb: SelectQueryBuilder<Proposal>): Promise<number> {
  const counted = await qb.clone().select('COUNT(*)', 'n').getRawOne<{ n: number | string }>();
  return Number(counted?.n ?? 0);
}

@Injectable()
export class ProposalsQuery {
  constructor(
    private readonly ds: DataSource,
    private readonly textIndex: TextIndexService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async page(actor: Actor, q: ProposalQuery): Promise<Page<Proposal>> {
    const qb = await this.matching(actor, q);
    const total = await countOf(qb);
    const rows = await this.rowsOf(qb.offset((q.page - 1) * q.pageSize).limit(q.pageSize));
    return pageOf(rows, total, q);
  }

  /** How many proposals the list would show with these filters, and the earliest `oldest` among them (a `p.` column). */
  async tally(actor: Actor, q: ProposalQuery, oldest: keyof Proposal & string): Promise<Tally> {
    return tallyOf(await this.matching(actor, q), `p.${oldest}`);
  }

  /**
   * Every proposal the list would show with these filters (its paging ignored), newest first, `size`
   * at a time: each batch is the next ids after the last one seen (keyset), so a large export never
   * holds more than one batch.
   */
  async *batches(actor: Actor, q: ProposalQuery, size = 500): AsyncGenerator<Proposal[]> {
    for (let before: number | null = null; ;) {
      const qb = await this.matching(actor, q);
      if (before !== null) qb.andWhere('p.id < :before', { before });
      const rows = await this.rowsOf(qb.limit(size));
      if (rows.length) yield rows;
      if (rows.length < size) return;
      before = rows[rows.length - 1].id;
    }
  }

  /**
   * 公开的提案 for anyone, newest completion first: 已办结, the proposer agreed to publication (同意公开),
   * and its final reply is public — at least one reply of the last handling round marked `public`.
   */
  async publicPage(q: PublicProposalQuery): Promise<Page<Proposal>> {
    const qb = this.ds.getRepository(Proposal).createQueryBuilder('p');
    const publicReply = qb
      .subQuery()
      .select('1')
      .from(ProposalReply, 'r')
      .where('r.proposalId = p.id AND r.round = p.rehandleCount AND r.isPublic = :published')
      .getQuery();
    qb.where('p.status = :completed', { completed: 'completed' })
      .andWhere('p.agreeToPublish = :published')
      .andWhere(`EXISTS ${publicReply}`)
      .setParameter('published', true);
    if (q.q) qb.andWhere(`p.title LIKE :title ${LIKE_ESCAPE}`, { title: likeContains(q.q) });
    const total = await countOf(qb);
    const rows = await this.rowsOf(qb.offset((q.page - 1) * q.pageSize).limit(q.pageSize), 'p.completedAt');
    return pageOf(rows, total, q);
  }

  private async matching(actor: Actor, q: ProposalQuery): Promise<SelectQueryBuilder<Proposal>> {
    const qb = this.ds.getRepository(Proposal).createQueryBuilder('p');
    this.scope(qb, actor, q);
    await this.filter(qb, q);
    return qb;
  }

  /** The page of ids first, newest first by `newest` then id, then the rows in that order (skip/take with joins is slow or wrong: typeorm#1419). */
  private async rowsOf(qb: SelectQueryBuilder<Proposal>, newest = 'p.id'): Promise<Proposal[]> {
    qb.select('p.id', 'id').orderBy(newest, 'DESC');
    if (newest !== 'p.id') qb.addOrderBy('p.id', 'DESC');
    const idRows = await qb.getRawMany<{ id: number | string }>();
    const ids = idRows.map((r) => Number(r.id));
    const rows = ids.length ? await this.ds.getRepository(Proposal).findBy({ id: In(ids) }) : [];
    const order = new Map(ids.map((id, i) => [id, i]));
    return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }

  private scope(qb: SelectQueryBuilder<Proposal>, actor: Actor, q: ProposalQuery): void {
    // Staff and leaders see every proposal but drafts: with a status filter other than draft there is nothing
    // left to narrow, and leaving out the OR below lets the database answer from the filters' indexes.
    if (hasRole(actor, 'staff', 'leader') && q.status !== undefined && q.status !== 'draft') return;
    qb.andWhere(
      new Brackets((w) => {
        w.where('1 = 0');
        if (hasRole(actor, 'staff', 'leader')) w.orWhere("p.status <> 'draft'");
        if (hasRole(actor, 'staff')) w.orWhere('p.filedByUserId = :scopeUserId', { scopeUserId: actor.id });
        if (hasRole(actor, 'member') && actor.memberId !== null) {
          const signed = qb
            .subQuery()
            .select('s.proposalId')
            .from(ProposalSigner, 's')
            .where('s.memberId = :scopeMemberId')
            .getQuery();
          w.orWhere(`p.id IN ${signed}`, { scopeMemberId: actor.memberId });
        }
        if (hasRole(actor, 'unit') && actor.unitId !== null) {
          const assigned = qb
            .subQuery()
            .select('su.proposalId')
            .from(ProposalUnit, 'su')
            .where('su.unitId = :scopeUnitId AND su.active = :scopeActive')
            .getQuery();
          w.orWhere(`p.id IN ${assigned}`, { scopeUnitId: actor.unitId, scopeActive: true });
        }
      }),
    );
  }

  private async filter(qb: SelectQueryBuilder<Proposal>, q: ProposalQuery): Promise<void> {
    if (q.status) qb.andWhere('p.status = :status', { status: q.status });
    if (q.sessionId) qb.andWhere('p.sessionId = :sessionId', { sessionId: q.sessionId });
    if (q.year) whereSessionInYear(qb, 'p.sessionId', yearRange(q.year, this.config.displayTimeZone));
    if (q.category) qb.andWhere('p.category = :category', { category: q.category });
    if (q.sectorId) qb.andWhere('p.sectorId = :sectorId', { sectorId: q.sectorId });
    if (q.kind) qb.andWhere('p.kind = :kind', { kind: q.kind });
    if (q.key !== undefined) qb.andWhere('p.isKey = :key', { key: q.key });
    if (q.overdue !== undefined) qb.andWhere('p.overdue = :overdue', { overdue: q.overdue });
    if (q.excellent !== undefined) qb.andWhere('p.excellent = :excellent', { excellent: q.excellent });
    if (q.extensionPending !== undefined) {
      const pending = qb
        .subQuery()
        .select('px.proposalId')
        .from(ProposalExtension, 'px')
        .where('px.status = :pendingStatus')
        .getQuery();
      qb.andWhere(`p.id ${q.extensionPending ? 'IN' : 'NOT IN'} ${pending}`, { pendingStatus: 'pending' });
    }
    if (q.unitId) {
      const handled = qb
        .subQuery()
        .select('fu.proposalId')
        .from(ProposalUnit, 'fu')
        .where('fu.unitId = :filterUnitId AND fu.active = :filterActive')
        .getQuery();
      qb.andWhere(`p.id IN ${handled}`, { filterUnitId: q.unitId, filterActive: true });
    }
    if (q.q) await this.matchText(qb, q.q);
  }

  /** `q` in the title, the analysis and the suggestions: terms of two or more characters through the bigram index, one-character terms by LIKE. */
  private async matchText(qb: SelectQueryBuilder<Proposal>, text: string): Promise<void> {
    await this.textIndex.applySearch(qb, 'proposal', text, {
      idColumn: 'p.id',
      likeColumns: ['p.title', 'p.background', 'p.suggestions'],
    });
  }
}
