import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ChangePasswordDto } from '../../auth/auth.dto';
import type { AuthedRequest } from '../../auth/auth.guard';
import { AuthService } from '../../auth/auth.service';
import { Actor } from '../../common/actor';
import { BeforePasswordChange, CurrentUser } from '../../common/auth.decorators';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { TodosService } from '../../todos/todos.service';
import { formState, FormSpec, submitForm } from '../kit/forms';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { WebPages } from '../kit/web-pages';
import { homeCards, todoSince } from './home-cards';
import type { PasswordView } from './views';

const PASSWORD_FORM: FormSpec = { currentPassword: 'secret', newPassword: 'secret' };

/** The home page every signed-in person lands on, and their own account. */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller()
export class HomePagesController {
  constructor(
    private readonly auth: AuthService,
    private readonly pages: WebPages,
    private readonly todos: TodosService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async showHome(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const done = typeof query.done === 'string' ? query.done : null;
    const { groups } = await this.todos.forActor(actor);
    const [zone, now] = [this.config.displayTimeZone, this.clock.now()];
    const todos = groups.map((g) => ({
      ...g,
      items: g.items.map((i) => ({
        ...i,
        since: todoSince(i.oldest, now, zone),
        overdue: i.urgency === 'overdue',
      })),
    }));
    this.pages.send(
      req,
      res,
      'home',
      {
        user: { displayName: actor.displayName, roles: actor.roles },
        todos,
        grouped: todos.length > 1,
        cards: homeCards(actor),
        done,
      },
      { section: 'home' },
    );
  }

  @BeforePasswordChange()
  @Get('account/password')
  showChangePassword(@CurrentUser() actor: Actor, @Req() req: AuthedRequest, @Res() res: Response): void {
    this.pages.send(
      req,
      res,
      'account/password',
      { ...this.passwordView(actor, req), form: formState() },
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
        { ...this.passwordView(actor, req), form: outcome.form },
        { section: 'account', status: outcome.status },
      );
    }
    this.pages.redirect(res, '/?done=password');
  }

  private passwordView(actor: Actor, req: AuthedRequest): Omit<PasswordView, 'form'> {
    const roles = this.config.secondFactorRoles as string[];
    return {
      username: actor.username,
      mustChange: req.mustChangePassword ?? false,
      secondFactor: actor.roles.some((r) => roles.includes(r)),
    };
  }
}
