import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseIdPipe } from '../../common/validation';
import {
  AppointInformantDto,
  InformantQuery,
  InformantView,
  UpdateInformantDto,
} from '../../opinions/dto/opinion-informant.dto';
import { OpinionInformantsService } from '../../opinions/opinion-informants.service';
import { DirectoryChoices } from '../kit/directory-choices';
import {
  blankValues,
  formErrorFrom,
  FormOutcome,
  FormSpec,
  FormState,
  formState,
  parseQuery,
  readForm,
  submitForm,
} from '../kit/forms';
import type { Option } from '../kit/layout';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { WebPages } from '../kit/web-pages';
import { informantDoneOf } from './informant-views';
import { text } from './opinion-forms';

const APPOINT: FormSpec = {
  memberName: 'text',
  memberId: 'int',
  year: 'int|null',
  monthlyQuota: 'int|null',
  note: 'text|null',
};
const NAMED = { aliases: { memberId: 'memberName' } };
const ADJUST: FormSpec = { monthlyQuota: 'int', note: 'text|null', version: 'int' };

/**
 * 信息员名单 on pages (staff): the roster of a year with this month against the quota, the year's total and who is
 * behind; appointing by the member's name, adjusting the quota or note, and 解聘. Registered before
 * OpinionPagesController, whose `GET /opinions/:id` would take "informants".
 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Roles('staff')
@Controller('opinions/informants')
export class InformantPagesController {
  constructor(
    private readonly informants: OpinionInformantsService,
    private readonly directory: DirectoryChoices,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async list(@Req() req: AuthedRequest, @Res() res: Response, @Query() raw: Record<string, unknown>): Promise<void> {
    const q = await parseQuery(InformantQuery, { year: 'int' }, { year: raw.year });
    const form = formState({ ...blankValues(APPOINT), year: String(this.informants.thisYear()) });
    await this.sendList(req, res, q.year, form, { done: informantDoneOf(raw.done) });
  }

  @Post()
  async appoint(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const outcome: FormOutcome<unknown> = await this.memberIdOf(body).then(
      (memberId) =>
        submitForm(
          AppointInformantDto,
          APPOINT,
          { ...body, memberId: String(memberId) },
          (dto) => this.informants.appoint(actor, dto),
          NAMED,
        ),
      (e: unknown) => ({ ok: false as const, ...formErrorFrom(e, formState(readForm(APPOINT, body).values), APPOINT) }),
    );
    if (!outcome.ok) return this.sendList(req, res, undefined, outcome.form, { done: null, status: outcome.status });
    this.pages.redirect(res, '/opinions/informants?done=appointed');
  }

  @Get(':id')
  async show(
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query() raw: Record<string, unknown>,
  ): Promise<void> {
    const i = await this.informants.get(id);
    const form = formState({ monthlyQuota: String(i.monthlyQuota), note: i.note ?? '', version: String(i.version) });
    this.send(req, res, i, form, informantDoneOf(raw.done));
  }

  @Post(':id')
  async adjust(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const outcome = await submitForm(UpdateInformantDto, ADJUST, body, (dto) => this.informants.update(actor, id, dto));
    if (!outcome.ok) return this.send(req, res, await this.informants.get(id), outcome.form, null, outcome.status);
    this.pages.redirect(res, `/opinions/informants/${id}?done=updated`);
  }

  /** 解聘: final for the year; the quota stops after this month. */
  @Post(':id/end')
  async end(
    @CurrentUser() actor: Actor,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const version = Number(text(body.version)) || undefined;
    await this.informants.update(actor, id, { end: true, version });
    this.pages.redirect(res, `/opinions/informants/${id}?done=ended`);
  }

  /** The member named on the form (a 400 on `memberName` when blank or not a serving member). */
  private async memberIdOf(body: Record<string, unknown>): Promise<number> {
    const name = text(body.memberName).trim();
    if (!name) throw AppError.invalidField('memberName', '请填写委员姓名');
    return (await this.directory.memberIdsNamed([name], 'memberName'))[0];
  }

  private send(
    req: AuthedRequest,
    res: Response,
    i: InformantView,
    form: FormState,
    done: string | null,
    status = 200,
  ): void {
    this.pages.send(req, res, 'opinions/informant', { i, form, done }, { section: 'opinion-informants', status });
  }

  private async sendList(
    req: AuthedRequest,
    res: Response,
    year: number | undefined,
    form: FormState,
    opts: { done: string | null; status?: number },
  ): Promise<void> {
    const roster = await this.informants.roster(year);
    const current = this.informants.thisYear();
    const years = [...new Set([current + 1, current, current - 1, current - 2, roster.year])]
      .sort((a, b) => b - a)
      .map((y): Option => ({ value: String(y), label: `${y}年` }));
    this.pages.send(
      req,
      res,
      'opinions/informants',
      {
        roster,
        years,
        filters: { year: String(roster.year) },
        form,
        appointYears: [current, current + 1].map((y) => ({ value: String(y), label: `${y}年度` })),
        behind: roster.items.filter((i) => i.active && i.behind).length,
        done: opts.done,
      },
      { section: 'opinion-informants', status: opts.status },
    );
  }
}
