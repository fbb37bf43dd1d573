import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../common/actor';
import { NO_TALLY, Tally, tallyOf } from '../database/tally';
import { ProposalQuery } from './dto/file-proposal.dto';
import { ProposalCommunication, ProposalExtension, ProposalUnit } from './proposal-handling.entities';
import { Proposal, ProposalSigner } from './proposal.entities';
import { ProposalsQuery } from './proposals-query';

const query = (filters: Partial<ProposalQuery>): ProposalQuery => Object.assign(new ProposalQuery(), filters);

/**
 * What waits on a person in the 提案 journey, counted for the 待办 of their home page: the lists' own queries
 * (ProposalsQuery, scoped by role) where a list filter says it, a count of its own where none does. Each is a
 * Tally: how many, and the earliest time among them.
 */
@Injectable()
export class ProposalTodos {
  constructor(
    private readonly ds: DataSource,
    private readonly proposals: ProposalsQuery,
  ) {}

  /** 附议邀请: drafts the member was asked to co-sign and has not yet answered (oldest: the invitation). */
  invitations(actor: Actor): Promise<Tally> {
    if (actor.memberId === null) return Promise.resolve(NO_TALLY);
    const qb = this.ds
      .getRepository(ProposalSigner)
      .createQueryBuilder('s')
      .innerJoin(Proposal, 'p', 'p.id = s.proposalId')
      .where("s.memberId = :memberId AND s.role = 'cosigner' AND s.status = 'invited' AND p.status = 'draft'", {
        memberId: actor.memberId,
      });
    return tallyOf(qb, 's.invitedAt');
  }

  /** 待评价: replied proposals the member leads, whose evaluation is theirs to give (oldest: the reply). */
  toEvaluate(actor: Actor): Promise<Tally> {
    if (actor.memberId === null) return Promise.resolve(NO_TALLY);
    const qb = this.ds
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .where("p.status = 'replied' AND p.leadMemberId = :memberId", { memberId: actor.memberId });
    return tallyOf(qb, 'p.repliedAt');
  }

  /**
   * The unit's assignments still to answer (交办 to it, not yet replied by it this round), by the deadline:
   * `overdue` past it, `dueSoon` within `soonMs` of `now`, `later` the rest. Oldest: the nearest deadline.
   */
  async assignments(
    actor: Actor,
    now: Date,
    soonMs: number,
  ): Promise<{ overdue: Tally; dueSoon: Tally; later: Tally }> {
    if (actor.unitId === null) return { overdue: NO_TALLY, dueSoon: NO_TALLY, later: NO_TALLY };
    const soon = new Date(now.getTime() + soonMs);
    const open = () => this.openAssignments(actor.unitId!);
    return {
      overdue: await tallyOf(open().andWhere('p.deadline < :now', { now }), 'p.deadline'),
      dueSoon: await tallyOf(open().andWhere('p.deadline >= :now AND p.deadline < :soon', { now, soon }), 'p.deadline'),
      later: await tallyOf(open().andWhere('(p.deadline IS NULL OR p.deadline >= :soon)', { soon }), 'p.deadline'),
    };
  }

  /** 沟通: open assignments of the unit with no contact with the proposer recorded this round (a reply needs one). */
  withoutCommunication(actor: Actor): Promise<Tally> {
    if (actor.unitId === null) return Promise.resolve(NO_TALLY);
    const qb = this.openAssignments(actor.unitId);
    const contacted = qb
      .subQuery()
      .select('1')
      .from(ProposalCommunication, 'pc')
      .where('pc.proposalId = p.id AND pc.unitId = u.unitId AND pc.round = p.rehandleCount')
      .getQuery();
    return tallyOf(qb.andWhere(`NOT EXISTS ${contacted}`), 'u.assignedAt');
  }

  /** 待审查 (submitted) or 待交办 (accepted), as staff see the review queue; oldest: submission, or 立案. */
  queue(actor: Actor, status: 'submitted' | 'accepted'): Promise<Tally> {
    return this.proposals.tally(actor, query({ status }), status === 'submitted' ? 'submittedAt' : 'reviewedAt');
  }

  /** 退回: accepted proposals a unit handed back, waiting to be assigned again (oldest: the return). */
  returned(): Promise<Tally> {
    const qb = this.ds
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .innerJoin(ProposalUnit, 'u', 'u.proposalId = p.id AND u.returnedAt IS NOT NULL')
      .where("p.status = 'accepted'");
    return tallyOf(qb, 'u.returnedAt', 'COUNT(DISTINCT p.id)');
  }

  /** 延期申请 waiting for a decision (oldest: the request). */
  extensions(): Promise<Tally> {
    const qb = this.ds.getRepository(ProposalExtension).createQueryBuilder('x').where("x.status = 'pending'");
    return tallyOf(qb, 'x.requestedAt');
  }

  /** 超期提案: assigned, past the deadline without a reply (oldest: the earliest deadline); `key` only the 重点提案. */
  overdue(actor: Actor, key?: true): Promise<Tally> {
    return this.proposals.tally(actor, query({ overdue: true, status: 'assigned', key }), 'deadline');
  }

  private openAssignments(unitId: number) {
    return this.ds
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .innerJoin(ProposalUnit, 'u', 'u.proposalId = p.id AND u.unitId = :unitId AND u.active = :active', {
        unitId,
        active: true,
      })
      .where("p.status = 'assigned' AND u.repliedAt IS NULL");
  }
}
