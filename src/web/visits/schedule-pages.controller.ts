import { Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { Clock } from '../../common/clock';
import { DAY_MS } from '../../common/workflow';
import { CalendarService } from '../../visits/calendar.service';
import { VisitQuery } from '../../visits/dto/visit.dto';
import { VisitsService } from '../../visits/visits.service';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { WebPages } from '../kit/web-pages';

/** How far back 我的日程 shows what is past. */
const PAST_DAYS = 180;

/**
 * 我的日程 (members): the visits they are invited to, with 参加 / 请假 on each one still planned, the
 * meetings they have a seat at, what is past, and the calendar subscription — a secret feed URL shown once
 * when made (a new one replaces it; it can be revoked) and the .ics download with the session.
 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Roles('member')
@Controller('schedule')
export class SchedulePagesController {
  constructor(
    private readonly visits: VisitsService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async showSchedule(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query('done') done: unknown,
  ): Promise<void> {
    await this.send(req, res, actor, { done: typeof done === 'string' ? done : null, feedUrl: null });
  }

  @Post('feed')
  async createFeed(@CurrentUser() actor: Actor, @Req() req: AuthedRequest, @Res() res: Response): Promise<void> {
    const feed = await this.calendar.create(actor, this.memberOf(actor), `${req.protocol}://${req.get('host')}`);
    // Shown this once: the page answers the post itself instead of redirecting to a page that cannot know it.
    await this.send(req, res, actor, { done: 'feed', feedUrl: feed.url });
  }

  @Post('feed/revoke')
  async revokeFeed(@CurrentUser() actor: Actor, @Res() res: Response): Promise<void> {
    await this.calendar.revoke(actor, this.memberOf(actor));
    this.pages.redirect(res, '/schedule?done=revoked#calendar');
  }

  @Get('calendar.ics')
  async download(@CurrentUser() actor: Actor, @Res() res: Response): Promise<void> {
    const memberId = this.memberOf(actor);
    this.calendar.assertOwn(actor, memberId);
    res
      .set({
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': 'attachment; filename="xieshang-calendar.ics"',
        'Cache-Control': 'private, no-cache',
      })
      .send(await this.calendar.ics(memberId));
  }

  private memberOf(actor: Actor): number {
    if (actor.memberId === null) throw AppError.forbidden('该账号未关联委员，没有个人日程');
    return actor.memberId;
  }

  private async send(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    opts: { done: string | null; feedUrl: string | null },
  ): Promise<void> {
    const memberId = this.memberOf(actor);
    const now = this.clock.now();
    const since = new Date(now.getTime() - PAST_DAYS * DAY_MS);
    const [visits, meetings, feed] = await Promise.all([
      this.visits.list(actor, Object.assign(new VisitQuery(), { page: 1, pageSize: 100, from: since.toISOString() })),
      this.calendar.meetingsOf(memberId, since),
      this.calendar.status(actor, memberId),
    ]);
    const isPast = (endsAt: string | Date) => new Date(endsAt).getTime() <= now.getTime();
    const upcoming = visits.items.filter((v) => !isPast(v.endsAt) && v.status !== 'cancelled');
    this.pages.send(
      req,
      res,
      'schedule',
      {
        upcoming,
        pendingCount: upcoming.filter((v) => v.status === 'planned' && v.myAnswer === 'pending').length,
        meetings: meetings.filter((m) => !isPast(m.endsAt)),
        past: [
          ...visits.items
            .filter((v) => isPast(v.endsAt) || v.status === 'cancelled')
            .map((v) => ({
              href: `/visits/${v.id}`,
              kindLabel: v.kindLabel,
              title: v.title,
              startsAt: v.startsAt,
              endsAt: v.endsAt,
              note: v.status === 'cancelled' ? '已取消' : v.myAnswer === 'declined' ? '已请假' : v.statusLabel,
            })),
          ...meetings
            .filter((m) => isPast(m.endsAt))
            .map((m) => ({
              href: null,
              kindLabel: m.kindLabel,
              title: m.title,
              startsAt: m.startsAt.toISOString(),
              endsAt: m.endsAt.toISOString(),
              note: m.attendanceLabel ?? '',
            })),
        ].sort((a, b) => b.startsAt.localeCompare(a.startsAt)),
        feed,
        feedUrl: opts.feedUrl,
        done: opts.done,
      },
      { section: 'schedule' },
    );
  }
}
