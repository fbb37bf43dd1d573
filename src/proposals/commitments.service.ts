import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { Clock } from '../common/clock';
import { Page, pageOf } from '../common/pagination';
import { rateOf } from '../common/rate';
import { yearRange } from '../common/time-zone';
import { assertAllowed } from '../common/workflow';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NO_TALLY, Tally, tallyOf } from '../database/tally';
import { Tx } from '../database/tx';
import { CouncilSession, Unit } from '../directory/directory.entities';
import { whereSessionInYear } from '../directory/session-year';
import {
  COMMITMENT_STATE_LABELS,
  CommitmentAction,
  commitmentActionsFrom,
  dayStart,
  decideCommitment,
  keptOnTime,
  ratesByUnit,
  stateOf,
} from './commitment-rules';
import { CommitmentStore, commitmentNotFound } from './commitment-store';
import { ProposalCommitment } from './commitment.entities';
import {
  CommitmentQuery,
  CommitmentRateQuery,
  CommitmentRatesView,
  CommitmentUnitRateView,
  CommitmentView,
  CommitmentVerdictDto,
  ReportCommitmentDto,
} from './dto/commitment.dto';
import { assertCanRead, loadReadable } from './proposal-access';
import { addDays, shanghaiDay } from './proposal-dates';
import { numberLabel } from './proposal-labels';
import { GROUP_KINDS, Proposal, ProposalSigner } from './proposal.entities';
import { labelOf, PROPOSAL_CONFIG, ProposalConfig } from './proposals.config';

/**
 * 回头看: the commitments of B/C replies — the unit's report 落实情况, the proposer's verdict, the staff's list of
 * what is due or overdue and the units' kept-on-time rates. Staff and leaders see every commitment, a unit its own.
 */
@Injectable()
export class CommitmentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly clock: Clock,
    private readonly store: CommitmentStore,
    @Inject(PROPOSAL_CONFIG) private readonly config: ProposalConfig,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
  ) {}

  private today(): string {
    return shanghaiDay(this.clock.now());
  }

  /** The 回头看 list: due first, by due day. */
  async list(actor: Actor, q: CommitmentQuery): Promise<Page<CommitmentView>> {
    const qb = this.filtered(actor, q).orderBy('c.dueAt', 'ASC').addOrderBy('c.id', 'ASC');
    const [rows, total] = await qb
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return pageOf(await this.views(this.ds.manager, rows, actor), total, q);
  }

  /** Every row of the list's filters (the Excel export), at most `limit`. */
  async all(actor: Actor, q: CommitmentQuery, limit = 10_000): Promise<CommitmentView[]> {
    const rows = await this.filtered(actor, q)
      .orderBy('c.dueAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .take(limit)
      .getMany();
    return this.views(this.ds.manager, rows, actor);
  }

  /** A proposal's commitments, for whoever may read the proposal. */
  async forProposal(actor: Actor, proposalId: number): Promise<CommitmentView[]> {
    const em = this.ds.manager;
    await loadReadable(em, actor, proposalId);
    const rows = await em.find(ProposalCommitment, {
      where: { proposalId },
      order: { replyId: 'ASC', position: 'ASC' },
    });
    return this.views(em, rows, actor);
  }

  async get(actor: Actor, id: number): Promise<CommitmentView> {
    const em = this.ds.manager;
    const c = await em.findOneBy(ProposalCommitment, { id });
    if (!c) throw commitmentNotFound();
    await this.assertCanRead(em, actor, c);
    return (await this.views(em, [c], actor))[0];
  }

  /** 落实情况: the replying unit, once; before the due day too (a promise kept early is reported when kept). */
  report(actor: Actor, id: number, dto: ReportCommitmentDto): Promise<CommitmentView> {
    return this.tx.run(async (em) => {
      const c = await this.store.load(em, id, dto.version);
      await this.assertCanRead(em, actor, c);
      const today = this.today();
      const doneDate = dto.doneDate ?? today;
      const d = assertAllowed(decideCommitment(c.status, 'report', { isUnit: this.isUnit(actor, c), doneDate, today }));
      const now = this.clock.now();
      await this.store.write(em, actor, c, {
        action: 'report',
        set: {
          status: d.to,
          reportText: dto.text,
          doneAt: dayStart(doneDate),
          reportedAt: now,
          reportedByUserId: actor.id,
        },
        details: { doneDate, dueDate: shanghaiDay(c.dueAt) },
        comment: dto.text,
        event: 'commitment.reported',
      });
      return (await this.views(em, [c], actor))[0];
    });
  }

  /** 评判: a proposer says whether the promise was kept, after the unit's report; once. */
  verdict(actor: Actor, id: number, dto: CommitmentVerdictDto): Promise<CommitmentView> {
    return this.tx.run(async (em) => {
      const c = await this.store.load(em, id, dto.version);
      await this.assertCanRead(em, actor, c);
      const comment = dto.comment ?? null;
      const isProposer = (await this.proposerOf(em, actor, [c.proposalId])).has(c.proposalId);
      const d = assertAllowed(decideCommitment(c.status, 'verdict', { isProposer, kept: dto.kept, comment }));
      await this.store.write(em, actor, c, {
        action: 'verdict',
        set: { status: d.to, verdictComment: comment, judgedAt: this.clock.now(), judgedByUserId: actor.id },
        details: { kept: dto.kept },
        comment,
        event: 'commitment.judged',
      });
      return (await this.views(em, [c], actor))[0];
    });
  }

  /** 按期兑现率 by unit: staff and leaders. */
  async rates(q: CommitmentRateQuery): Promise<CommitmentRatesView> {
    const qb = this.ds
      .getRepository(ProposalCommitment)
      .createQueryBuilder('c')
      .innerJoin(Proposal, 'p', 'p.id = c.proposalId')
      .select(['c.id', 'c.unitId', 'c.status', 'c.dueAt', 'c.doneAt']);
    this.where(qb, q);
    const rows = await qb.getMany();
    const today = this.today();
    const rates = ratesByUnit(
      rows.map((r) => ({
        unitId: r.unitId,
        status: r.status,
        dueDate: shanghaiDay(r.dueAt),
        doneDate: r.doneAt ? shanghaiDay(r.doneAt) : null,
      })),
      today,
    );
    const names = await this.unitNames(
      this.ds.manager,
      rates.map((r) => r.unitId),
    );
    const view = (unit: { id: number; name: string }, r: Omit<(typeof rates)[number], 'unitId' | 'rate'>) =>
      ({
        unit,
        count: r.count,
        assessable: r.assessable,
        kept: r.kept,
        keptOnTime: r.keptOnTime,
        onTimeRate: rateOf(r.keptOnTime, r.assessable),
      }) satisfies CommitmentUnitRateView;
    const sum = (k: 'count' | 'assessable' | 'kept' | 'keptOnTime') => rates.reduce((n, r) => n + r[k], 0);
    return {
      units: rates
        .map((r) => view({ id: r.unitId, name: names.get(r.unitId) ?? '' }, r))
        .sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'zh-Hans-CN')),
      total: view(
        { id: 0, name: '合计' },
        { count: sum('count'), assessable: sum('assessable'), kept: sum('kept'), keptOnTime: sum('keptOnTime') },
      ),
    };
  }

  /** 待办 of a unit: its commitments past due and not reported (oldest: the due day). */
  overdueTally(actor: Actor): Promise<Tally> {
    if (actor.unitId === null || !hasRole(actor, 'unit')) return Promise.resolve(NO_TALLY);
    const qb = this.scoped(actor).andWhere("c.status = 'promised' AND c.dueAt < :today", {
      today: dayStart(this.today()),
    });
    return tallyOf(qb, 'c.dueAt');
  }

  /** 待办 of a unit: its commitments due within `days` days, today's included. */
  dueSoonTally(actor: Actor, days: number): Promise<Tally> {
    if (actor.unitId === null || !hasRole(actor, 'unit')) return Promise.resolve(NO_TALLY);
    const today = dayStart(this.today());
    const qb = this.scoped(actor).andWhere("c.status = 'promised' AND c.dueAt >= :today AND c.dueAt < :until", {
      today,
      until: addDays(today, days),
    });
    return tallyOf(qb, 'c.dueAt');
  }

  /** 待办 of a member: commitments the unit reported on a proposal they signed, waiting for their verdict. */
  toJudgeTally(actor: Actor): Promise<Tally> {
    if (actor.memberId === null || !hasRole(actor, 'member')) return Promise.resolve(NO_TALLY);
    return tallyOf(this.scoped(actor).andWhere("c.status = 'reported'"), 'c.reportedAt');
  }

  /**
   * The commitments the caller's roles let them list: all for staff and leaders; a unit's own; a member's, those on
   * the proposals they lead or co-signed (confirmed).
   */
  private scoped(actor: Actor): SelectQueryBuilder<ProposalCommitment> {
    const qb = this.ds
      .getRepository(ProposalCommitment)
      .createQueryBuilder('c')
      .innerJoin(Proposal, 'p', 'p.id = c.proposalId');
    if (hasRole(actor, 'staff', 'leader')) return qb;
    const own: string[] = [];
    if (hasRole(actor, 'unit') && actor.unitId !== null) own.push('c.unitId = :ownUnit');
    if (hasRole(actor, 'member') && actor.memberId !== null) {
      const signed = qb
        .subQuery()
        .select('s.proposalId')
        .from(ProposalSigner, 's')
        .where("s.memberId = :ownMember AND s.status = 'confirmed'")
        .getQuery();
      own.push(`c.proposalId IN ${signed}`);
    }
    return qb.where(own.length ? `(${own.join(' OR ')})` : '1 = 0', {
      ownUnit: actor.unitId ?? 0,
      ownMember: actor.memberId ?? 0,
    });
  }

  private filtered(actor: Actor, q: CommitmentQuery): SelectQueryBuilder<ProposalCommitment> {
    const qb = this.where(this.scoped(actor), q);
    if (q.unitId) qb.andWhere('c.unitId = :unitId', { unitId: q.unitId });
    if (q.proposalId) qb.andWhere('c.proposalId = :proposalId', { proposalId: q.proposalId });
    const today = dayStart(this.today());
    if (q.state === 'due') qb.andWhere("c.status = 'promised' AND c.dueAt >= :today", { today });
    else if (q.state === 'overdue') qb.andWhere("c.status = 'promised' AND c.dueAt < :today", { today });
    else if (q.state) qb.andWhere('c.status = :status', { status: q.state });
    return qb;
  }

  private where<T extends SelectQueryBuilder<ProposalCommitment>>(qb: T, q: CommitmentRateQuery): T {
    if (q.year) whereSessionInYear(qb, 'p.sessionId', yearRange(q.year, this.app.displayTimeZone));
    if (q.replyClass) qb.andWhere('c.classification = :cls', { cls: q.replyClass });
    return qb;
  }

  private isUnit(actor: Actor, c: ProposalCommitment): boolean {
    return hasRole(actor, 'unit') && actor.unitId !== null && actor.unitId === c.unitId;
  }

  /** The replying unit always; others as they may read the proposal (another unit: 403). */
  private async assertCanRead(em: EntityManager, actor: Actor, c: ProposalCommitment): Promise<void> {
    if (this.isUnit(actor, c)) return;
    const p = await em.findOneBy(Proposal, { id: c.proposalId });
    if (!p) throw commitmentNotFound();
    await assertCanRead(em, actor, p);
  }

  /** The proposals among `ids` of which the caller is a proposer: lead or confirmed co-signer, or the filer of a group proposal. */
  private async proposerOf(em: EntityManager, actor: Actor, ids: number[]): Promise<Set<number>> {
    const out = new Set<number>();
    if (!ids.length) return out;
    if (actor.memberId !== null && hasRole(actor, 'member')) {
      const signed = await em.findBy(ProposalSigner, {
        proposalId: In(ids),
        memberId: actor.memberId,
        status: 'confirmed',
      });
      for (const s of signed) out.add(s.proposalId);
    }
    if (hasRole(actor, 'staff')) {
      const filed = await em.findBy(Proposal, { id: In(ids), filedByUserId: actor.id, kind: In([...GROUP_KINDS]) });
      for (const p of filed) out.add(p.id);
    }
    return out;
  }

  private async unitNames(em: EntityManager, ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    return new Map((await em.findBy(Unit, { id: In(unique) })).map((u) => [u.id, u.name]));
  }

  private async views(em: EntityManager, rows: ProposalCommitment[], actor: Actor): Promise<CommitmentView[]> {
    if (!rows.length) return [];
    const proposalIds = [...new Set(rows.map((r) => r.proposalId))];
    const proposals = await em.findBy(Proposal, { id: In(proposalIds) });
    const sessions = new Map(
      (await em.findBy(CouncilSession, { id: In([...new Set(proposals.map((p) => p.sessionId))]) })).map((s) => [
        s.id,
        s.name,
      ]),
    );
    const byId = new Map(proposals.map((p) => [p.id, p]));
    const units = await this.unitNames(
      em,
      rows.map((r) => r.unitId),
    );
    const proposerOf = await this.proposerOf(em, actor, proposalIds);
    const today = this.today();
    return rows.map((c) => {
      const p = byId.get(c.proposalId)!;
      const dueDate = shanghaiDay(c.dueAt);
      const doneDate = c.doneAt ? shanghaiDay(c.doneAt) : null;
      const state = stateOf(c.status, dueDate, today);
      const allowed = (a: CommitmentAction) => (a === 'report' ? this.isUnit(actor, c) : proposerOf.has(c.proposalId));
      return {
        id: c.id,
        proposal: { id: p.id, title: p.title, numberLabel: numberLabel(sessions.get(p.sessionId) ?? '', p.number) },
        unit: { id: c.unitId, name: units.get(c.unitId) ?? '' },
        classification: c.classification,
        classificationLabel: labelOf(this.config.classifications, c.classification)!,
        position: c.position,
        text: c.text,
        dueDate,
        status: c.status,
        state,
        stateLabel: COMMITMENT_STATE_LABELS[state],
        report:
          c.reportedAt && doneDate ? { text: c.reportText ?? '', doneDate, at: c.reportedAt.toISOString() } : null,
        verdict: c.judgedAt
          ? { kept: c.status === 'kept', comment: c.verdictComment, at: c.judgedAt.toISOString() }
          : null,
        keptOnTime: keptOnTime(c.status, dueDate, doneDate),
        actions: commitmentActionsFrom(c.status).filter(allowed),
        version: c.version,
      };
    });
  }
}
