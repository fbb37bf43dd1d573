import { Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor } from '../../common/actor';
import { CurrentUser } from '../../common/auth.decorators';
import { ParseIdPipe } from '../../common/validation';
import { NotificationQuery } from '../../notifications/notifications.dto';
import { NotificationsService } from '../../notifications/notifications.service';
import { ProposalsService } from '../../proposals/proposals.service';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { pageNumber, pagerFor } from '../kit/paging';
import { WebPages } from '../kit/web-pages';

const DONE = ['read', 'all'] as const;

/** 消息: the signed-in person's inbox. Marking read is a form post (works without script). */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('inbox')
export class InboxPagesController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly proposals: ProposalsService,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async showInbox(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() raw: Record<string, unknown>,
  ): Promise<void> {
    const query = Object.assign(new NotificationQuery(), {
      page: pageNumber(raw.page),
      unread: raw.unread === '1',
    });
    const page = await this.notifications.list(actor, query);
    const filters = { unread: query.unread ? '1' : undefined };
    const done = DONE.find((d) => d === raw.done) ?? null;
    // A message about a proposal the reader may no longer open (a unit's returned assignment) keeps its text, not its link.
    const proposalOf = (link: string | null) => Number(/^\/proposals\/(\d+)(?:[?#].*)?$/.exec(link ?? '')?.[1] ?? NaN);
    const linked = page.items.map((n) => proposalOf(n.link)).filter((id) => !Number.isNaN(id));
    const shut = await this.proposals.closedIds(actor, linked);
    const closed = (link: string | null) => shut.has(proposalOf(link));
    this.pages.send(
      req,
      res,
      'inbox',
      {
        items: page.items.map((n) => ({
          ...n,
          link: closed(n.link) ? null : n.link,
          linkClosed: closed(n.link),
          unread: n.readAt === null,
        })),
        pager: pagerFor(page, '/inbox', filters),
        unreadOnly: query.unread === true,
        unread: page.unread,
        done,
        back: query.unread ? '/inbox?unread=1' : '/inbox',
        showDeliveries: actor.roles.includes('staff'),
      },
      { section: 'inbox', unread: page.unread },
    );
  }

  @Post('read-all')
  async readAll(@CurrentUser() actor: Actor, @Res() res: Response): Promise<void> {
    await this.notifications.markAllRead(actor);
    this.pages.redirect(res, '/inbox?done=all');
  }

  /** Someone else's message is the same 404 page as one that does not exist. */
  @Post(':id/read')
  async markRead(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Res() res: Response,
    @Req() req: AuthedRequest,
  ): Promise<void> {
    await this.notifications.markRead(actor, id);
    const back =
      (req.body as Record<string, unknown>).back === '/inbox?unread=1'
        ? '/inbox?unread=1&done=read'
        : '/inbox?done=read';
    this.pages.redirect(res, back);
  }
}
