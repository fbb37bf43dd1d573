import { Body, Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ChangePasswordDto } from '../../auth/auth.dto';
import type { AuthedRequest } from '../../auth/auth.guard';
import { AuthService } from '../../auth/auth.service';
import { Actor, hasRole } from '../../common/actor';
import { BeforePasswordChange, CurrentUser } from '../../common/auth.decorators';
import { TopicQuery } from '../../topics/dto/topic.dto';
import { TopicsService } from '../../topics/topics.service';
import { formState, FormSpec, submitForm } from '../kit/forms';
import { navAccess } from '../kit/layout';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { WebPages } from '../kit/web-pages';

const PASSWORD_FORM: FormSpec = { currentPassword: 'secret', newPassword: 'secret' };

/** The home page every signed-in person lands on, and their own account. */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller()
export class HomePagesController {
  constructor(
    private readonly auth: AuthService,
    private readonly pages: WebPages,
    private readonly topics: TopicsService,
  ) {}

  @Get()
  async showHome(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const done = typeof query.done === 'string' ? query.done : null;
    this.pages.send(
      req,
      res,
      'home',
      {
        user: { displayName: actor.displayName, roles: actor.roles },
        can: navAccess(actor),
        done,
        breaches: await this.breaches(actor),
      },
      { section: 'home' },
    );
  }

  /** How many topics the organiser (a facilitator: their point's; staff: all) let a response promise lapse on. */
  private async breaches(actor: Actor): Promise<number | null> {
    if (!hasRole(actor, 'staff', 'facilitator')) return null;
    return (await this.topics.list(actor, Object.assign(new TopicQuery(), { breached: true, page: 1, pageSize: 1 })))
      .total;
  }

  @BeforePasswordChange()
  @Get('account/password')
  showChangePassword(@CurrentUser() actor: Actor, @Req() req: AuthedRequest, @Res() res: Response): void {
    this.pages.send(
      req,
      res,
      'account/password',
      { form: formState(), username: actor.username, mustChange: req.mustChangePassword ?? false },
      { section: 'account' },
    );
  }

  @BeforePasswordChange()
  @Post('account/password')
  async changePassword(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const outcome = await submitForm(ChangePasswordDto, PASSWORD_FORM, body, (dto) =>
      this.auth.changePassword(actor, req.sessionToken!, dto.currentPassword, dto.newPassword),
    );
    if (!outcome.ok) {
      return this.pages.send(
        req,
        res,
        'account/password',
        { form: outcome.form, username: actor.username, mustChange: req.mustChangePassword ?? false },
        { section: 'account', status: outcome.status },
      );
    }
    this.pages.redirect(res, '/?done=password');
  }
}
