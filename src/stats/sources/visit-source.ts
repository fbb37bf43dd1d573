import { Injectable } from '@nestjs/common';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import type { YearRange } from '../../common/time-zone';
import { KIND_LABELS } from '../../visits/visit-labels';
import { Visit, VisitParticipant } from '../../visits/visit.entities';
import { addCounts, Counters, RecordEvent, RecordSource } from '../record-source';

export const VISIT_COUNTERS = ['visitsInvited', 'visitAttended', 'visitExcused', 'visitAbsent'] as const;

const sum = (cond: string) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;

/**
 * 视察调研 in a duty record: the completed visits starting in the year to which the member was invited.
 * Visits have no roll call, so the answer decides once the visit is done: 参加 counts as attended, 请假
 * (always with a reason) as excused, and no answer at all as an unexcused absence (DOMAIN.md: "unexcused
 * absence −5"). Planned visits have not happened and cancelled ones never will: neither counts, so a
 * visit has no "not recorded" state. An invitation withdrawn before the visit is gone and counts for nothing.
 */
@Injectable()
export class VisitRecordSource implements RecordSource {
  readonly name = 'visits';

  constructor(private readonly ds: DataSource) {}

  private invitations(range: YearRange): SelectQueryBuilder<VisitParticipant> {
    return this.ds
      .getRepository(VisitParticipant)
      .createQueryBuilder('vp')
      .innerJoin(Visit, 'v', 'v.id = vp.visitId')
      .where('vp.memberId IS NOT NULL')
      .andWhere("v.status = 'completed'")
      .andWhere('v.startsAt >= :from AND v.startsAt < :to', { from: range.from, to: range.to });
  }

  async events(memberId: number, range: YearRange): Promise<RecordEvent[]> {
    const rows = await this.invitations(range)
      .andWhere('vp.memberId = :memberId', { memberId })
      .select('vp.visitId', 'visitId')
      .addSelect('vp.answer', 'answer')
      .getRawMany<{ visitId: number | string; answer: string }>();
    if (!rows.length) return [];
    const visits = new Map(
      (await this.ds.getRepository(Visit).findBy({ id: In(rows.map((r) => Number(r.visitId))) })).map((v) => [v.id, v]),
    );
    return rows.map((r): RecordEvent => {
      const v = visits.get(Number(r.visitId))!;
      const source = { type: 'visit' as const, id: v.id, title: v.title, at: v.startsAt };
      const kind = KIND_LABELS[v.kind];
      if (r.answer === 'accepted') return { kind: 'visitAttended', label: `参加${kind}：${v.title}`, source };
      if (r.answer === 'declined') return { kind: 'visitExcused', label: `${kind}请假：${v.title}`, source };
      return { kind: 'visitAbsent', label: `无故缺席${kind}：${v.title}`, source };
    });
  }

  async counts(range: YearRange, _rules: unknown, memberIds: number[] | null): Promise<Map<number, Counters>> {
    const qb = this.invitations(range)
      .select('vp.memberId', 'memberId')
      .addSelect('COUNT(*)', 'visitsInvited')
      .addSelect(sum("vp.answer = 'accepted'"), 'visitAttended')
      .addSelect(sum("vp.answer = 'declined'"), 'visitExcused')
      .addSelect(sum("vp.answer = 'pending'"), 'visitAbsent')
      .groupBy('vp.memberId');
    if (memberIds) qb.andWhere('vp.memberId IN (:...memberIds)', { memberIds: memberIds.length ? memberIds : [0] });
    const out = new Map<number, Counters>();
    addCounts(out, await qb.getRawMany(), VISIT_COUNTERS);
    return out;
  }
}
