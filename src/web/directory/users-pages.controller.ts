import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { SecurityEventsService } from '../../audit/security-events.service';
import { CreateUserDto, UpdateUserDto, UserQuery } from '../../auth/auth.dto';
import type { AuthedRequest } from '../../auth/auth.guard';
import { SecondFactorService } from '../../auth/second-factor.service';
import { UserView } from '../../auth/user-view';
import { UsersService } from '../../auth/users.service';
import { Actor } from '../../common/actor';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { ROLE_LABELS, ROLES } from '../../common/roles';
import { ParseIdPipe } from '../../common/validation';
import { FormOutcome, formState, FormSpec, FormState, parseQuery, submitForm } from '../kit/forms';
import { Option } from '../kit/layout';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { LIST_QUERY, pagerFor } from '../kit/paging';
import { WebPages } from '../kit/web-pages';

const LINKS: FormSpec = { memberId: 'int', unitId: 'int', pointId: 'int' };
const CREATE_FORM: FormSpec = { username: 'text', displayName: 'text', password: 'secret', roles: 'list', ...LINKS };
/** Editing: a blank link clears it, a blank password keeps the old one. */
const EDIT_FORM: FormSpec = {
  displayName: 'text',
  roles: 'list',
  disabled: 'bool',
  password: 'secret?',
  memberId: 'int|null',
  unitId: 'int|null',
  pointId: 'int|null',
};
const BASE = '/admin/users';

const ROLE_OPTIONS: Option[] = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const idText = (id: number | null): string => (id === null ? '' : String(id));

/** 账号管理: the administrator's pages over UsersService. */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Roles('admin')
@Controller('admin/users')
export class UsersPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly pages: WebPages,
    private readonly factor: SecondFactorService,
    private readonly events: SecurityEventsService,
  ) {}

  @Get()
  async listUsers(
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const q = await parseQuery(UserQuery, { ...LIST_QUERY, role: 'text?' }, query);
    const page = await this.users.list(q);
    const done = typeof query.done === 'string' ? query.done : null;
    const pager = pagerFor(page, BASE, { q: q.q, role: q.role });
    this.pages.send(
      req,
      res,
      'admin/users',
      { items: page.items, pager, q: q.q ?? '', role: q.role ?? '', roles: ROLE_OPTIONS, done },
      { section: 'users' },
    );
  }

  @Get('new')
  async showCreateUser(@Req() req: AuthedRequest, @Res() res: Response): Promise<void> {
    await this.sendForm(
      req,
      res,
      formState({ username: '', displayName: '', roles: [], memberId: '', unitId: '', pointId: '' }),
      null,
    );
  }

  @Post('new')
  async createUser(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const outcome = await submitForm(CreateUserDto, CREATE_FORM, body, (dto) => this.users.create(actor, dto));
    await this.finish(req, res, outcome, null, 'created');
  }

  @Get(':id/edit')
  async showEditUser(
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<void> {
    const user = await this.users.get(id);
    const values = {
      displayName: user.displayName,
      roles: user.roles,
      disabled: user.disabled,
      memberId: idText(user.memberId),
      unitId: idText(user.unitId),
      pointId: idText(user.pointId),
    };
    await this.sendForm(req, res, formState(values), user);
  }

  /** A lost phone: the account's second factor is removed and its sessions end; it enrols again at next sign-in. */
  @Post(':id/second-factor/reset')
  async resetSecondFactor(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<void> {
    await this.factor.reset(actor, id);
    await this.events.record(req, { type: 'auth.factor_reset', detail: { userId: id } });
    this.pages.redirect(res, `${BASE}?done=updated`);
  }

  @Post(':id/edit')
  async updateUser(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const user = await this.users.get(id);
    const outcome = await submitForm(UpdateUserDto, EDIT_FORM, body, (dto) => this.users.update(actor, id, dto));
    await this.finish(req, res, outcome, user, 'updated');
  }

  private async finish(
    req: AuthedRequest,
    res: Response,
    outcome: FormOutcome<UserView>,
    user: UserView | null,
    done: string,
  ): Promise<void> {
    if (!outcome.ok) return this.sendForm(req, res, outcome.form, user, outcome.status);
    this.pages.redirect(res, `${BASE}?done=${done}`);
  }

  private async sendForm(
    req: AuthedRequest,
    res: Response,
    form: FormState,
    user: UserView | null,
    status = 200,
  ): Promise<void> {
    const action = user ? `${BASE}/${user.id}/edit` : `${BASE}/new`;
    const secondFactorEnabled = !!user && (await this.factor.enabled(user.id));
    this.pages.send(
      req,
      res,
      'admin/user-form',
      { action, form, user, roles: ROLE_OPTIONS, secondFactorEnabled },
      { section: 'users', status },
    );
  }
}
