import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, SelectQueryBuilder } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { LIKE_ESCAPE, likeContains, Page, pageOf, PageQuery } from '../common/pagination';
import { yearRange } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Tally, tallyOf } from '../database/tally';
import { PublicTopicQuery } from './dto/public-topic.dto';
import { TopicQuery } from './dto/topic.dto';
import { Meeting, MeetingParticipant, Outcome, Topic, TopicClock } from './topic.entities';

/**
 * The topic list, scoped by role as `canRead` decides for one topic (one page of ids first,
 * then the rows): staff and leaders all; a facilitator their point's; a member those raised,
 * taken part in or published; a unit those with an outcome assigned to it or a meeting it
 * attends. Someone holding several roles sees the union.
 */
@Injectable()
export class TopicsQuery {
  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async page(actor: Actor, q: TopicQuery): Promise<Page<Topic>> {
    return this.rowsOf(this.scoped(actor, q), q, 't.id');
  }

  /** How many topics the board would show with these filters, and the earliest `oldest` (a `t.` column) among them. */
  async tally(actor: Actor, q: TopicQuery, oldest: keyof Topic & string): Promise<Tally> {
    return tallyOf(this.scoped(actor, q), `t.${oldest}`);
  }

  /** The “252” clocks still running (neither met nor missed) on the topics `actor` may read; oldest: the nearest due. */
  runningClocks(actor: Actor): Promise<Tally> {
    const qb = this.scoped(actor).innerJoin(
      TopicClock,
      'rc',
      'rc.topicId = t.id AND rc.doneAt IS NULL AND rc.breachedAt IS NULL',
    );
    return tallyOf(qb, 'rc.dueAt');
  }

  /** 响应超时: the topics `actor` may read with a missed promise (as `?breached=true` lists them); oldest: the first miss. */
  breaches(actor: Actor): Promise<Tally> {
    const qb = this.scoped(actor).innerJoin(TopicClock, 'mc', 'mc.topicId = t.id AND mc.breachedAt IS NOT NULL');
    return tallyOf(qb, 'mc.breachedAt', 'COUNT(DISTINCT t.id)');
  }

  /** The meetings not yet held that start in [from, to) on the topics `actor` may read; oldest: the first of them. */
  meetingsBetween(actor: Actor, from: Date, to: Date): Promise<Tally> {
    const qb = this.scoped(actor).innerJoin(
      Meeting,
      'wm',
      'wm.topicId = t.id AND wm.heldAt IS NULL AND wm.startsAt >= :weekFrom AND wm.startsAt < :weekTo',
      { weekFrom: from, weekTo: to },
    );
    return tallyOf(qb, 'wm.startsAt');
  }

  private scoped(actor: Actor, q?: TopicQuery): SelectQueryBuilder<Topic> {
    const qb = this.ds.getRepository(Topic).createQueryBuilder('t');
    this.scope(qb, actor);
    if (q) this.filter(qb, q);
    return qb;
  }

  /** 公开: the topics whose organiser published their outcomes, latest published first. */
  async publicPage(q: PublicTopicQuery): Promise<Page<Topic>> {
    const qb = this.ds
      .getRepository(Topic)
      .createQueryBuilder('t')
      .where('t.published = :published', { published: true });
    if (q.q) qb.andWhere(`t.title LIKE :q ${LIKE_ESCAPE}`, { q: likeContains(q.q) });
    return this.rowsOf(qb, q, 't.publishedAt');
  }

  /** One page of ids first, newest first by `newest` then id, then the rows in that order. */
  private async rowsOf(qb: SelectQueryBuilder<Topic>, q: PageQuery, newest: string): Promise<Page<Topic>> {
    const total = await qb.getCount();
    qb.select('t.id', 'id').orderBy(newest, 'DESC');
    if (newest !== 't.id') qb.addOrderBy('t.id', 'DESC');
    const idRows = await qb
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .getRawMany<{ id: number | string }>();
    const ids = idRows.map((r) => Number(r.id));
    const rows = ids.length ? await this.ds.getRepository(Topic).findBy({ id: In(ids) }) : [];
    const order = new Map(ids.map((id, i) => [id, i]));
    return pageOf(
      rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!),
      total,
      q,
    );
  }

  private scope(qb: SelectQueryBuilder<Topic>, actor: Actor): void {
    if (hasRole(actor, 'staff', 'leader')) return;
    const takesPart = (column: 'memberId' | 'unitId', param: string) =>
      `t.id IN ${qb.subQuery().select('mp.topicId').from(MeetingParticipant, 'mp').where(`mp.${column} = :${param}`).getQuery()}`;
    qb.andWhere(
      new Brackets((w) => {
        w.where('t.raisedByUserId = :scopeUserId', { scopeUserId: actor.id });
        if (hasRole(actor, 'facilitator') && actor.pointId !== null) {
          w.orWhere("(t.organizerType = 'point' AND t.organizerId = :scopePointId)", { scopePointId: actor.pointId });
        }
        if (hasRole(actor, 'member')) w.orWhere('t.published = :scopePublished', { scopePublished: true });
        if (hasRole(actor, 'member') && actor.memberId !== null)
          w.orWhere(takesPart('memberId', 'scopeMemberId'), { scopeMemberId: actor.memberId });
        if (hasRole(actor, 'unit') && actor.unitId !== null) {
          const assigned = qb
            .subQuery()
            .select('so.topicId')
            .from(Outcome, 'so')
            .where('so.unitId = :scopeUnitId')
            .getQuery();
          w.orWhere(`t.id IN ${assigned}`, { scopeUnitId: actor.unitId });
          w.orWhere(takesPart('unitId', 'scopeUnitId'));
        }
      }),
    );
  }

  private filter(qb: SelectQueryBuilder<Topic>, q: TopicQuery): void {
    if (q.status) qb.andWhere('t.status = :status', { status: q.status });
    if (q.level) qb.andWhere('t.level = :level', { level: q.level });
    if (q.organizerType) qb.andWhere('t.organizerType = :organizerType', { organizerType: q.organizerType });
    if (q.organizerId) qb.andWhere('t.organizerId = :organizerId', { organizerId: q.organizerId });
    if (q.q) qb.andWhere(`t.title LIKE :q ${LIKE_ESCAPE}`, { q: likeContains(q.q) });
    if (q.year) {
      const { from, to } = yearRange(q.year, this.config.displayTimeZone);
      qb.andWhere('t.createdAt >= :yearFrom AND t.createdAt < :yearTo', { yearFrom: from, yearTo: to });
    }
    if (q.breached !== undefined) {
      const missed = qb
        .subQuery()
        .select('bc.topicId')
        .from(TopicClock, 'bc')
        .where('bc.breachedAt IS NOT NULL')
        .getQuery();
      qb.andWhere(q.breached ? `t.id IN ${missed}` : `t.responsePolicy IS NOT NULL AND t.id NOT IN ${missed}`);
    }
    if (q.missed) {
      const missedClock = qb
        .subQuery()
        .select('mc.topicId')
        .from(TopicClock, 'mc')
        .where('mc.breachedAt IS NOT NULL AND mc.clock = :missedClock')
        .getQuery();
      qb.andWhere(`t.id IN ${missedClock}`, { missedClock: q.missed });
    }
  }
}
