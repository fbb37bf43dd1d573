import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AppError } from '../common/app-error';
import { DAY_MS } from '../common/workflow';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Member } from '../directory/directory.entities';
import { ConflictView, FreeBusyView } from './dto/visit-view.dto';
import { ConflictQuery, FreeBusyQuery } from './dto/visit.dto';
import { VisitInvitations } from './visit-invitations';
import { weekdayOf } from './visit-labels';
import { VisitSchedule } from './visit-schedule';
import { overlaps } from './visit-workflow';

/** The longest free/busy span asked at once: two months of days. */
export const FREE_BUSY_MAX_DAYS = 62;

/** Helping staff pick a day and a party: who is busy over a date range, and who would conflict with a proposed time. */
@Injectable()
export class VisitPlanningService {
  constructor(
    private readonly ds: DataSource,
    private readonly schedule: VisitSchedule,
    private readonly invitations: VisitInvitations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 忙闲: each member's visits and meetings over whole days in the display zone, and per day who is busy. */
  async freeBusy(q: FreeBusyQuery): Promise<FreeBusyView> {
    const days = dayList(q.from, q.to);
    const members = await this.ds
      .getRepository(Member)
      .find({ where: { id: In(q.memberIds) }, select: { id: true, name: true } });
    const missing = q.memberIds.filter((id) => !members.some((m) => m.id === id));
    if (missing.length) throw AppError.invalidField('memberIds', `委员（编号 ${missing.join('、')}）不存在`);
    const bounds = [...days, nextDay(days[days.length - 1])].map((d) => this.schedule.dayStart(d));
    const busy = await this.schedule.busy(
      this.ds.manager,
      { memberIds: q.memberIds },
      { from: bounds[0], to: bounds[bounds.length - 1] },
    );
    const byMember = new Map(q.memberIds.map((id) => [id, busy.filter((b) => b.memberId === id)]));
    return {
      timeZone: this.config.displayTimeZone,
      from: q.from,
      to: q.to,
      members: q.memberIds.map((id) => ({
        memberId: id,
        name: members.find((m) => m.id === id)!.name,
        busy: byMember.get(id)!.map((b) => ({
          type: b.type,
          id: b.id,
          title: b.title,
          startsAt: b.startsAt.toISOString(),
          endsAt: b.endsAt.toISOString(),
        })),
      })),
      days: days.map((date, i) => {
        const day = { startsAt: bounds[i], endsAt: bounds[i + 1] };
        const busyMemberIds = q.memberIds.filter((id) => byMember.get(id)!.some((b) => overlaps(b, day)));
        return { date, weekday: weekdayOf(date), busyMemberIds, freeCount: q.memberIds.length - busyMemberIds.length };
      }),
    };
  }

  /** 冲突检查 as staff pick people: the same check a visit's creation makes, without writing anything. */
  conflicts(q: ConflictQuery): Promise<ConflictView[]> {
    const [from, to] = [new Date(q.startsAt), new Date(q.endsAt)];
    if (to.getTime() <= from.getTime()) throw AppError.invalidField('endsAt', '结束时间须晚于开始时间');
    const people = [
      ...q.memberIds.map((memberId) => ({ memberId, userId: null })),
      ...(q.userIds ?? []).map((userId) => ({ memberId: null, userId })),
    ];
    return this.invitations.conflicts(this.ds.manager, people, { from, to }, q.excludeVisitId);
  }
}

const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** `from` to `to` inclusive; 400 for an impossible date, a reversed range or more than FREE_BUSY_MAX_DAYS. */
function dayList(from: string, to: string): string[] {
  const valid = (d: string) =>
    !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
  if (!valid(from)) throw AppError.invalidField('from', `起始日期不存在：${from}`);
  if (!valid(to)) throw AppError.invalidField('to', `截止日期不存在：${to}`);
  const n = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
  if (n < 1) throw AppError.invalidField('to', '截止日期不能早于起始日期');
  if (n > FREE_BUSY_MAX_DAYS) throw AppError.invalidField('to', `一次最多查看 ${FREE_BUSY_MAX_DAYS} 天`);
  return Array.from({ length: n }, (_, i) =>
    new Date(Date.parse(`${from}T00:00:00Z`) + i * DAY_MS).toISOString().slice(0, 10),
  );
}
