import { Injectable } from '@nestjs/common';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import type { YearRange } from '../../common/time-zone';
import { whereSessionInYear } from '../../directory/session-year';
import type { ProposalStatus } from '../../proposals/proposal-workflow';
import { Proposal, ProposalSigner } from '../../proposals/proposal.entities';
import { addCounts, Counters, RecordEvent, RecordSource } from '../record-source';

/** 立案 and every state after it (as ProposalStatsService counts them). */
const ACCEPTED: readonly ProposalStatus[] = ['accepted', 'assigned', 'replied', 'completed'];
/** Not filed, or taken back: not part of anyone's record. */
const NOT_FILED: readonly ProposalStatus[] = ['draft', 'withdrawn'];

export const PROPOSAL_COUNTERS = [
  'proposalsLed',
  'proposalLeadAccepted',
  'proposalKey',
  'proposalExcellent',
  'proposalsCosigned',
  'proposalCosignedAccepted',
] as const;

/**
 * 提案 in a duty record: the proposals of the year's sessions (`whereSessionInYear`) that the member led
 * 领衔 or co-signed 附议 (confirmed). Points: a led proposal accepted, key, excellent; a co-signed one accepted.
 * Group proposals (界别, 专委会, 党派) have no lead member and count for no one.
 */
@Injectable()
export class ProposalRecordSource implements RecordSource {
  readonly name = 'proposals';

  constructor(private readonly ds: DataSource) {}

  private signed(range: YearRange): SelectQueryBuilder<ProposalSigner> {
    const qb = this.ds
      .getRepository(ProposalSigner)
      .createQueryBuilder('s')
      .innerJoin(Proposal, 'p', 'p.id = s.proposalId')
      .where("(s.role = 'lead' OR (s.role = 'cosigner' AND s.status = 'confirmed'))")
      .andWhere('p.status NOT IN (:...notFiled)', { notFiled: NOT_FILED, accepted: ACCEPTED, yes: true });
    return whereSessionInYear(qb, 'p.sessionId', range);
  }

  async events(memberId: number, range: YearRange): Promise<RecordEvent[]> {
    const signed = await this.signed(range)
      .andWhere('s.memberId = :memberId', { memberId })
      .andWhere(`p.status IN (:...accepted)`)
      .select('s.role', 'role')
      .addSelect('p.id', 'id')
      .getRawMany<{ role: string; id: number | string }>();
    if (!signed.length) return [];
    // The rows themselves through the entity, so times come back as Dates on both engines.
    const proposals = await this.ds.getRepository(Proposal).find({
      where: { id: In(signed.map((r) => Number(r.id))) },
      select: { id: true, title: true, isKey: true, excellent: true, reviewedAt: true },
      order: { reviewedAt: 'ASC', id: 'ASC' },
    });
    const roleOf = new Map(signed.map((r) => [Number(r.id), r.role]));
    return proposals.flatMap((p): RecordEvent[] => {
      const source = { type: 'proposal' as const, id: p.id, title: p.title, at: p.reviewedAt };
      if (roleOf.get(p.id) === 'cosigner')
        return [{ kind: 'proposalCosignedAccepted', label: `附议的提案《${p.title}》立案`, source }];
      return [
        { kind: 'proposalLeadAccepted', label: `领衔的提案《${p.title}》立案`, source },
        ...(p.isKey ? [{ kind: 'proposalKey' as const, label: `《${p.title}》确定为重点提案`, source }] : []),
        ...(p.excellent ? [{ kind: 'proposalExcellent' as const, label: `《${p.title}》评为优秀提案`, source }] : []),
      ];
    });
  }

  async counts(range: YearRange, _rules: unknown, memberIds: number[] | null): Promise<Map<number, Counters>> {
    const lead = "s.role = 'lead'";
    const co = "s.role = 'cosigner'";
    const accepted = 'p.status IN (:...accepted)';
    const sum = (cond: string) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
    const qb = this.signed(range)
      .select('s.memberId', 'memberId')
      .addSelect(sum(lead), 'proposalsLed')
      .addSelect(sum(`${lead} AND ${accepted}`), 'proposalLeadAccepted')
      .addSelect(sum(`${lead} AND ${accepted} AND p.isKey = :yes`), 'proposalKey')
      .addSelect(sum(`${lead} AND ${accepted} AND p.excellent = :yes`), 'proposalExcellent')
      .addSelect(sum(co), 'proposalsCosigned')
      .addSelect(sum(`${co} AND ${accepted}`), 'proposalCosignedAccepted')
      .groupBy('s.memberId');
    if (memberIds) qb.andWhere('s.memberId IN (:...memberIds)', { memberIds: memberIds.length ? memberIds : [0] });
    const out = new Map<number, Counters>();
    addCounts(out, await qb.getRawMany(), PROPOSAL_COUNTERS);
    return out;
  }
}
