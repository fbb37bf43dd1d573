import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hashToken, newToken } from '../auth/tokens';
import { User } from '../auth/user.entity';
import { Actor, hasRole, SYSTEM_ACTOR } from '../common/actor';
import { AppError } from '../common/app-error';
import { chineseDateTime } from '../common/chinese-dates';
import { Clock } from '../common/clock';
import { DAY_MS } from '../common/workflow';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Tx } from '../database/tx';
import { Member } from '../directory/directory.entities';
import type { Attendance } from '../topics/meeting.entities';
import { ATTENDANCE_LABELS, MEETING_KIND_LABELS } from '../topics/topic-labels';
import { Meeting, MeetingParticipant, Topic } from '../topics/topic.entities';
import { buildCalendar, CalendarEntry } from './calendar-ics';
import { CalendarFeedStatusView, CalendarFeedView } from './dto/visit-view.dto';
import { KIND_LABELS } from './visit-labels';
import { CalendarFeed, Visit, VisitParticipant, VisitStop } from './visit.entities';

/** How far back the feed reaches: calendars keep what they have already shown. */
const FEED_DAYS_BACK = 180;

/**
 * A member's schedule as a calendar feed: the visits they accepted (cancelled ones marked) and the
 * meetings they take part in (not those they were excused from). Read by the member signed in, or by a
 * calendar app holding the secret feed URL, which the member creates, replaces and revokes.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The member whose calendar this is, or 403 for anyone else (staff included: it is the member's own). */
  assertOwn(actor: Actor, memberId: number): void {
    if (!hasRole(actor, 'member') || actor.memberId !== memberId) throw AppError.forbidden('只能查看和管理本人的日程');
  }

  async status(actor: Actor, memberId: number): Promise<CalendarFeedStatusView> {
    this.assertOwn(actor, memberId);
    const feed = await this.ds.getRepository(CalendarFeed).findOneBy({ memberId });
    return { active: !!feed, createdAt: feed ? feed.createdAt.toISOString() : null };
  }

  /** A new secret feed URL (an earlier one stops working); only its hash is kept, so it is shown this once. */
  create(actor: Actor, memberId: number, origin: string): Promise<CalendarFeedView> {
    this.assertOwn(actor, memberId);
    return this.tx.run(async (em) => {
      const token = newToken();
      const now = this.clock.now();
      const replaced = await em.delete(CalendarFeed, { memberId });
      await em.insert(CalendarFeed, {
        memberId,
        tokenHash: hashToken(token),
        createdByUserId: actor.id,
        createdAt: now,
      });
      await this.audit.record(em, {
        actor,
        action: 'member.calendar_feed',
        entityType: 'member',
        entityId: memberId,
        from: replaced.affected ? { feed: 'replaced' } : null,
        to: { feed: 'active' },
      });
      return { url: `${origin}/api/v1/members/${memberId}/calendar.ics?token=${token}`, createdAt: now.toISOString() };
    });
  }

  revoke(actor: Actor, memberId: number): Promise<void> {
    this.assertOwn(actor, memberId);
    return this.tx.run(async (em) => {
      const removed = await em.delete(CalendarFeed, { memberId });
      if (removed.affected)
        await this.audit.record(em, {
          actor,
          action: 'member.calendar_feed_revoke',
          entityType: 'member',
          entityId: memberId,
          from: { feed: 'active' },
          to: null,
        });
    });
  }

  /**
   * Who may read the feed: the member signed in (bearer), or the feed's token; anyone else 401/403. The token
   * speaks for the account that made it, so it works only while that account is in use, still this member's,
   * and its password has not been set since (CalendarFeedRevoker ends it at once; this is the check on read):
   * otherwise the feed is revoked for good, and a re-enabled account makes a new one.
   */
  async authorise(actor: Actor | undefined, memberId: number, token: string | undefined): Promise<void> {
    if (actor) return this.assertOwn(actor, memberId);
    if (!token) throw new AppError(401, 'UNAUTHENTICATED', '请先登录，或使用日程订阅地址');
    const invalid = () => new AppError(401, 'INVALID_FEED_TOKEN', '日程订阅地址无效或已停用，请在“我的日程”中重新生成');
    const feed = await this.ds.getRepository(CalendarFeed).findOneBy({ tokenHash: hashToken(token) });
    if (!feed || feed.memberId !== memberId) throw invalid();
    const owner = await this.ds.getRepository(User).findOneBy({ id: feed.createdByUserId });
    const current =
      owner &&
      !owner.disabled &&
      owner.memberId === feed.memberId &&
      owner.roles.includes('member') &&
      !(owner.passwordChangedAt && owner.passwordChangedAt.getTime() > feed.createdAt.getTime());
    if (current) return;
    await this.tx.run(async (em) => {
      const removed = await em.delete(CalendarFeed, { id: feed.id });
      if (removed.affected)
        await this.audit.record(em, {
          actor: SYSTEM_ACTOR,
          action: 'member.calendar_feed_revoke',
          entityType: 'member',
          entityId: feed.memberId,
          from: { feed: 'active' },
          to: null,
          comment: '账号已停用、已不是该委员或密码已更改，日程订阅地址随之停用',
        });
    });
    throw invalid();
  }

  async ics(memberId: number): Promise<string> {
    const member = await this.ds.getRepository(Member).findOneBy({ id: memberId });
    if (!member) throw AppError.notFound('委员', 'MEMBER_NOT_FOUND');
    const since = new Date(this.clock.now().getTime() - FEED_DAYS_BACK * DAY_MS);
    const entries = [...(await this.visitEntries(memberId, since)), ...(await this.meetingEntries(memberId, since))];
    return buildCalendar(`${member.name}的政协日程`, this.config.displayTimeZone, entries).toString();
  }

  /** 我的日程: the meetings the member has a seat at, from `since` on (soonest first), with their topic and the attendance recorded. */
  async meetingsOf(
    memberId: number,
    since: Date,
  ): Promise<
    Array<{
      id: number;
      topicId: number;
      topicTitle: string;
      kindLabel: string;
      title: string;
      venue: string;
      startsAt: Date;
      endsAt: Date;
      attendanceLabel: string | null;
    }>
  > {
    const rows = await this.ds.manager
      .createQueryBuilder(Meeting, 'm')
      .innerJoin(MeetingParticipant, 'mp', 'mp.meetingId = m.id')
      .addSelect('mp.attendance', 'attendance')
      .where('mp.memberId = :memberId AND m.endsAt > :since', { memberId, since })
      .orderBy('m.startsAt', 'ASC')
      .getRawAndEntities<{ m_id: number | string; attendance: Attendance | null }>();
    const attendance = new Map(rows.raw.map((r) => [Number(r.m_id), r.attendance]));
    const topics = new Map(
      (rows.entities.length
        ? await this.ds
            .getRepository(Topic)
            .find({ where: { id: In(rows.entities.map((m) => m.topicId)) }, select: { id: true, title: true } })
        : []
      ).map((t) => [t.id, t.title]),
    );
    return rows.entities.map((m) => ({
      id: m.id,
      topicId: m.topicId,
      topicTitle: topics.get(m.topicId) ?? '',
      kindLabel: MEETING_KIND_LABELS[m.kind],
      title: m.title,
      venue: m.venue,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      attendanceLabel: attendance.get(m.id) ? ATTENDANCE_LABELS[attendance.get(m.id)!] : null,
    }));
  }

  private async visitEntries(memberId: number, since: Date): Promise<CalendarEntry[]> {
    const em = this.ds.manager;
    const visits = await em
      .createQueryBuilder(Visit, 'v')
      .innerJoin(VisitParticipant, 'p', 'p.visitId = v.id')
      .where("p.memberId = :memberId AND p.answer = 'accepted' AND v.endsAt > :since", { memberId, since })
      .orderBy('v.startsAt', 'ASC')
      .getMany();
    if (!visits.length) return [];
    const stops = await em
      .createQueryBuilder(VisitStop, 's')
      .where('s.visitId IN (:...ids)', { ids: visits.map((v) => v.id) })
      .orderBy('s.position', 'ASC')
      .getMany();
    const tz = this.config.displayTimeZone;
    return visits.map((v) => {
      const own = stops.filter((s) => s.visitId === v.id);
      const itinerary = own.map(
        (s) =>
          `${s.position}. ${chineseDateTime(s.at, tz).split(' ')[1]} ${s.place}${s.contact ? `（联系人：${s.contact}）` : ''}${s.purpose ? `：${s.purpose}` : ''}`,
      );
      const description = [
        v.purpose,
        itinerary.length ? `行程：\n${itinerary.join('\n')}` : '',
        v.status === 'cancelled' ? `已取消${v.cancelReason ? `：${v.cancelReason}` : ''}` : '',
      ]
        .filter(Boolean)
        .join('\n\n');
      return {
        uid: `visit-${v.id}@xieshang`,
        sequence: v.version,
        summary: `${KIND_LABELS[v.kind]}：${v.title}`,
        description,
        location: own[0]?.place ?? null,
        startsAt: v.startsAt,
        endsAt: v.endsAt,
        cancelled: v.status === 'cancelled',
        updatedAt: v.updatedAt,
      };
    });
  }

  private async meetingEntries(memberId: number, since: Date): Promise<CalendarEntry[]> {
    const rows = await this.ds.manager
      .createQueryBuilder(Meeting, 'm')
      .innerJoin(MeetingParticipant, 'mp', 'mp.meetingId = m.id')
      .where(
        "mp.memberId = :memberId AND (mp.attendance IS NULL OR mp.attendance <> 'excused') AND m.endsAt > :since",
        { memberId, since },
      )
      .orderBy('m.startsAt', 'ASC')
      .getMany();
    if (!rows.length) return [];
    const topics = new Map(
      (
        await this.ds
          .getRepository(Topic)
          .find({ where: { id: In(rows.map((m) => m.topicId)) }, select: { id: true, title: true } })
      ).map((t) => [t.id, t.title]),
    );
    return rows.map((m) => ({
      uid: `meeting-${m.id}@xieshang`,
      sequence: m.version,
      summary: `${MEETING_KIND_LABELS[m.kind]}：${m.title}`,
      description: [`协商议题：${topics.get(m.topicId) ?? ''}`, `主持人：${m.chair}`].join('\n'),
      location: m.venue,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      cancelled: false,
      updatedAt: m.updatedAt,
    }));
  }
}
