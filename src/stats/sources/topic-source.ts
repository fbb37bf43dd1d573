import { Injectable } from '@nestjs/common';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { User } from '../../auth/user.entity';
import type { YearRange } from '../../common/time-zone';
import { Meeting, MeetingParticipant, MeetingSpeech, Outcome, Topic } from '../../topics/topic.entities';
import type { RuleSet } from '../record-rules';
import { addCounts, Counters, RecordEvent, RecordSource } from '../record-source';

export const MEETING_COUNTERS = [
  'meetingsInvited',
  'meetingAttended',
  'meetingExcused',
  'meetingAbsent',
  'plenaryAbsent',
] as const;

const sum = (cond: string) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
const short = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * 协商 in a duty record: the meetings of the year (by start) the member was asked to 参加 — attended, 请假,
 * absent (a configured plenary kind's absence scores `plenaryAbsent`) — their speeches there, and the
 * outcomes adopted (已落实, closed in the year) of topics the member raised 出题 from their own account.
 */
@Injectable()
export class TopicRecordSource implements RecordSource {
  readonly name = 'topics';

  constructor(private readonly ds: DataSource) {}

  private participations(range: YearRange): SelectQueryBuilder<MeetingParticipant> {
    return this.ds
      .getRepository(MeetingParticipant)
      .createQueryBuilder('mp')
      .innerJoin(Meeting, 'm', 'm.id = mp.meetingId')
      .where('mp.memberId IS NOT NULL')
      .andWhere('m.startsAt >= :from AND m.startsAt < :to', { from: range.from, to: range.to });
  }

  private speeches(range: YearRange): SelectQueryBuilder<MeetingParticipant> {
    // The meeting too, so the speeches' meeting index finds them (there is none on participantId).
    return this.participations(range).innerJoin(
      MeetingSpeech,
      'sp',
      'sp.meetingId = mp.meetingId AND sp.participantId = mp.id',
    );
  }

  private adopted(range: YearRange): SelectQueryBuilder<Outcome> {
    return this.ds
      .getRepository(Outcome)
      .createQueryBuilder('o')
      .innerJoin(Topic, 't', 't.id = o.topicId')
      .innerJoin(User, 'u', 'u.id = t.raisedByUserId')
      .where('u.memberId IS NOT NULL')
      .andWhere("o.status = 'done'")
      .andWhere('o.closedAt >= :from AND o.closedAt < :to', { from: range.from, to: range.to });
  }

  async events(memberId: number, range: YearRange, rules: RuleSet): Promise<RecordEvent[]> {
    const [asked, spoke, outcomeIds] = await Promise.all([
      this.participations(range)
        .andWhere('mp.memberId = :memberId', { memberId })
        .select('mp.meetingId', 'meetingId')
        .addSelect('mp.attendance', 'attendance')
        .getRawMany<{ meetingId: number; attendance: string | null }>(),
      this.speeches(range)
        .andWhere('mp.memberId = :memberId', { memberId })
        .select('mp.meetingId', 'meetingId')
        .getRawMany<{ meetingId: number }>(),
      this.adopted(range)
        .andWhere('u.memberId = :memberId', { memberId })
        .select('o.id', 'id')
        .getRawMany<{ id: number }>(),
    ]);
    const meetingIds = [...new Set([...asked, ...spoke].map((r) => Number(r.meetingId)))];
    const meetings = new Map(
      (meetingIds.length ? await this.ds.getRepository(Meeting).findBy({ id: In(meetingIds) }) : []).map((m) => [
        m.id,
        m,
      ]),
    );
    const ref = (m: Meeting) => ({
      type: 'meeting' as const,
      id: m.id,
      title: m.title,
      at: m.startsAt,
      topicId: m.topicId,
    });
    const out: RecordEvent[] = [];
    for (const r of asked) {
      const m = meetings.get(Number(r.meetingId))!;
      if (r.attendance === 'present') out.push({ kind: 'meetingAttended', label: `出席${m.title}`, source: ref(m) });
      if (r.attendance === 'excused') out.push({ kind: 'meetingExcused', label: `请假：${m.title}`, source: ref(m) });
      if (r.attendance === 'absent') {
        const plenary = rules.plenaryMeetingKinds.includes(m.kind);
        out.push({
          kind: plenary ? 'plenaryAbsent' : 'meetingAbsent',
          label: `${plenary ? '无故缺席全体会议' : '无故缺席'}：${m.title}`,
          source: ref(m),
        });
      }
    }
    for (const r of spoke) {
      const m = meetings.get(Number(r.meetingId))!;
      out.push({ kind: 'speech', label: `在${m.title}上发言`, source: ref(m) });
    }
    if (outcomeIds.length) {
      const outcomes = await this.ds
        .getRepository(Outcome)
        .find({ where: { id: In(outcomeIds.map((r) => Number(r.id))) }, order: { closedAt: 'ASC', id: 'ASC' } });
      const topics = new Map(
        (
          await this.ds
            .getRepository(Topic)
            .find({ where: { id: In(outcomes.map((o) => o.topicId)) }, select: { id: true, title: true } })
        ).map((t) => [t.id, t.title]),
      );
      for (const o of outcomes) {
        out.push({
          kind: 'outcomeAdopted',
          label: `提出的议题《${topics.get(o.topicId)}》成果已落实：${short(o.text)}`,
          source: { type: 'outcome', id: o.id, title: short(o.text), at: o.closedAt, topicId: o.topicId },
        });
      }
    }
    return out;
  }

  async counts(range: YearRange, rules: RuleSet, memberIds: number[] | null): Promise<Map<number, Counters>> {
    const only = <T extends object>(qb: SelectQueryBuilder<T>, column: string) =>
      memberIds ? qb.andWhere(`${column} IN (:...memberIds)`, { memberIds: memberIds.length ? memberIds : [0] }) : qb;
    const plenary = rules.plenaryMeetingKinds.length ? 'm.kind IN (:...plenaryKinds)' : '1 = 0';
    const attendance = only(this.participations(range), 'mp.memberId')
      .setParameters({ plenaryKinds: rules.plenaryMeetingKinds })
      .select('mp.memberId', 'memberId')
      .addSelect('COUNT(*)', 'meetingsInvited')
      .addSelect(sum("mp.attendance = 'present'"), 'meetingAttended')
      .addSelect(sum("mp.attendance = 'excused'"), 'meetingExcused')
      .addSelect(sum(`mp.attendance = 'absent' AND NOT (${plenary})`), 'meetingAbsent')
      .addSelect(sum(`mp.attendance = 'absent' AND ${plenary}`), 'plenaryAbsent')
      .groupBy('mp.memberId');
    const speeches = only(this.speeches(range), 'mp.memberId')
      .select('mp.memberId', 'memberId')
      .addSelect('COUNT(*)', 'speech')
      .groupBy('mp.memberId');
    const adopted = only(this.adopted(range), 'u.memberId')
      .select('u.memberId', 'memberId')
      .addSelect('COUNT(*)', 'outcomeAdopted')
      .groupBy('u.memberId');
    const [a, s, o] = await Promise.all([attendance.getRawMany(), speeches.getRawMany(), adopted.getRawMany()]);
    const out = new Map<number, Counters>();
    addCounts(out, a, MEETING_COUNTERS);
    addCounts(out, s, ['speech']);
    addCounts(out, o, ['outcomeAdopted']);
    return out;
  }
}
