import { Inject, Injectable } from '@nestjs/common';
import { Brackets, EntityManager } from 'typeorm';
import { wallClock } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { rawTime } from '../database/columns';
import { Meeting, MeetingParticipant } from '../topics/topic.entities';
import { Visit, VisitParticipant } from './visit.entities';

/** Something a person is already down for: a visit they were invited to (and did not decline) or a meeting they take part in. */
export interface BusyItem {
  memberId: number | null;
  userId: number | null;
  type: 'visit' | 'meeting';
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
}

/** Whose time is asked about: members, and staff accounts (who go on visits but are not meeting participants). */
export interface People {
  memberIds: readonly number[];
  userIds?: readonly number[];
}

export interface Range {
  from: Date;
  to: Date;
}

/**
 * Who is busy when: the one query behind the conflict check (409 `details.conflicts`) and the
 * free/busy grid. Overlap is `startsAt < to AND endsAt > from` on UTC instants, so a visit that
 * ends at 12:00 and a meeting that starts at 12:00 do not conflict, and the offset a client wrote its
 * times in does not matter. Cancelled visits and declined invitations do not count, nor do meetings
 * the member was excused from (请假).
 */
@Injectable()
export class VisitSchedule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async busy(em: EntityManager, people: People, range: Range, excludeVisitId?: number): Promise<BusyItem[]> {
    const memberIds = [...new Set(people.memberIds)];
    const userIds = [...new Set(people.userIds ?? [])];
    const [visits, meetings] = await Promise.all([
      this.visits(em, memberIds, userIds, range, excludeVisitId),
      this.meetings(em, memberIds, range),
    ]);
    return [...visits, ...meetings].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id);
  }

  private async visits(
    em: EntityManager,
    memberIds: number[],
    userIds: number[],
    range: Range,
    excludeVisitId?: number,
  ): Promise<BusyItem[]> {
    if (!memberIds.length && !userIds.length) return [];
    const qb = em
      .createQueryBuilder(VisitParticipant, 'p')
      .innerJoin(Visit, 'v', 'v.id = p.visitId')
      .select([
        'p.memberId AS memberId',
        'p.userId AS userId',
        'v.id AS id',
        'v.title AS title',
        'v.startsAt AS startsAt',
        'v.endsAt AS endsAt',
      ])
      .where("v.status <> 'cancelled' AND p.answer <> 'declined'")
      .andWhere('v.startsAt < :to AND v.endsAt > :from', range)
      .andWhere(
        new Brackets((w) => {
          if (memberIds.length) w.orWhere('p.memberId IN (:...memberIds)', { memberIds });
          if (userIds.length) w.orWhere('p.userId IN (:...userIds)', { userIds });
        }),
      );
    if (excludeVisitId) qb.andWhere('v.id <> :excludeVisitId', { excludeVisitId });
    const rows = await qb.getRawMany<RawBusy>();
    return rows.map((r) => toBusy(r, 'visit'));
  }

  private async meetings(em: EntityManager, memberIds: number[], range: Range): Promise<BusyItem[]> {
    if (!memberIds.length) return [];
    const rows = await em
      .createQueryBuilder(MeetingParticipant, 'mp')
      .innerJoin(Meeting, 'm', 'm.id = mp.meetingId')
      .select([
        'mp.memberId AS memberId',
        'NULL AS userId',
        'm.id AS id',
        'm.title AS title',
        'm.startsAt AS startsAt',
        'm.endsAt AS endsAt',
      ])
      .where('mp.memberId IN (:...memberIds)', { memberIds })
      .andWhere("(mp.attendance IS NULL OR mp.attendance <> 'excused')")
      .andWhere('m.startsAt < :to AND m.endsAt > :from', range)
      .getRawMany<RawBusy>();
    return rows.map((r) => toBusy(r, 'meeting'));
  }

  /** The instant a calendar day (`YYYY-MM-DD`) begins in the display zone. */
  dayStart(day: string): Date {
    const noon = new Date(`${day}T12:00:00Z`);
    const offset = wallClock(noon, this.config.displayTimeZone).getTime() - noon.getTime();
    return new Date(Date.parse(`${day}T00:00:00Z`) - offset);
  }

  /** The calendar day of an instant in the display zone. */
  dayOf(at: Date): string {
    return wallClock(at, this.config.displayTimeZone).toISOString().slice(0, 10);
  }
}

interface RawBusy {
  memberId: number | string | null;
  userId: number | string | null;
  id: number | string;
  title: string;
  startsAt: Date | string;
  endsAt: Date | string;
}

const num = (v: number | string | null): number | null => (v === null || v === undefined ? null : Number(v));

function toBusy(r: RawBusy, type: BusyItem['type']): BusyItem {
  return {
    memberId: num(r.memberId),
    userId: num(r.userId),
    type,
    id: Number(r.id),
    title: r.title,
    startsAt: rawTime(r.startsAt),
    endsAt: rawTime(r.endsAt),
  };
}
