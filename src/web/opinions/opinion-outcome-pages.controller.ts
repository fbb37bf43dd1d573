import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor, hasRole } from '../../common/actor';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { Clock } from '../../common/clock';
import { yearOf } from '../../common/time-zone';
import { ParseIdPipe } from '../../common/validation';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CreateAdoptionDto, OpinionStatsQuery } from '../../opinions/dto/opinion-outcome.dto';
import { OpinionAdoptionsService } from '../../opinions/opinion-adoptions.service';
import { OpinionStatsService } from '../../opinions/opinion-stats.service';
import { OpinionsService } from '../../opinions/opinions.service';
import { formState, FormState, parseQuery, submitForm } from '../kit/forms';
import type { Option } from '../kit/layout';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { WebPages } from '../kit/web-pages';
import './outcome-views';
import { statsTables } from './stats-tables';

const ADOPTION_FORM = {
  level: 'text',
  bodyName: 'text',
  issueText: 'text',
  adoptedOn: 'text',
  note: 'text|null',
} as const;

/**
 * 社情民意 outcomes on pages: an item's 采用 (everyone who may read the item; staff record one on the form) and the
 * staff's and leaders' 社情民意统计 with its Excel export. Registered before OpinionPagesController, whose
 * `GET /opinions/:id` would take "stats".
 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('opinions')
export class OpinionOutcomePagesController {
  constructor(
    private readonly opinions: OpinionsService,
    private readonly adoptions: OpinionAdoptionsService,
    private readonly stats: OpinionStatsService,
    private readonly clock: Clock,
    private readonly pages: WebPages,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Roles('staff', 'leader')
  @Get('stats')
  async showStats(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() raw: Record<string, unknown>,
  ): Promise<void> {
    const q = await parseQuery(OpinionStatsQuery, { year: 'int' }, { year: raw.year });
    const stats = await this.stats.forYear(q.year);
    const current = yearOf(this.clock.now(), this.config.displayTimeZone);
    const years = [...new Set([...Array.from({ length: 6 }, (_, i) => current - i), stats.year])]
      .sort((a, b) => b - a)
      .map((y): Option => ({ value: String(y), label: `${y}年` }));
    this.pages.send(
      req,
      res,
      'opinions/stats',
      {
        stats,
        years,
        filters: { year: String(stats.year) },
        exportHref: `/api/v1/opinions/stats.xlsx?year=${stats.year}`,
        // 起草年度通报: staff draft the year's 社情民意信息工作通报 (the report kind refuses other roles).
        canDraft: hasRole(actor, 'staff'),
        tables: statsTables(stats),
        byLevel: stats.levels.map((l) => ({ label: l.label, count: stats.total.adoptedByLevel[l.code] ?? 0 })),
        upperBodies: this.adoptions.adoptionLevels
          .filter((l) => l.tier !== 'other')
          .map((l) => l.label)
          .join('、'),
      },
      { section: 'opinion-stats' },
    );
  }

  @Roles('member', 'staff')
  @Get(':id/adoptions')
  async showAdoptions(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query() raw: Record<string, unknown>,
  ): Promise<void> {
    await this.send(
      req,
      res,
      actor,
      id,
      formState({ level: '', bodyName: '', issueText: '', adoptedOn: '', note: '' }),
      {
        done: raw.done === 'recorded',
        removed: raw.done === 'removed',
      },
    );
  }

  @Roles('staff')
  @Post(':id/adoptions')
  async recordAdoption(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const outcome = await submitForm(CreateAdoptionDto, ADOPTION_FORM, body, (dto) =>
      this.adoptions.record(actor, id, dto),
    );
    if (!outcome.ok) return this.send(req, res, actor, id, outcome.form, { done: false, status: outcome.status });
    this.pages.redirect(res, `/opinions/${id}/adoptions?done=recorded`);
  }

  /** 删除 a 采用 entered by mistake (staff), from the button beside it. */
  @Roles('staff')
  @Post(':id/adoptions/:adoptionId/delete')
  async removeAdoption(
    @CurrentUser() actor: Actor,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Param('adoptionId', ParseIdPipe) adoptionId: number,
  ): Promise<void> {
    await this.adoptions.remove(actor, id, adoptionId);
    this.pages.redirect(res, `/opinions/${id}/adoptions?done=removed`);
  }

  private async send(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    form: FormState,
    opts: { done: boolean; removed?: boolean; status?: number },
  ): Promise<void> {
    const o = await this.opinions.get(actor, id);
    const staff = hasRole(actor, 'staff');
    const own = hasRole(actor, 'member') && o.contributors.some((c) => c.memberId === actor.memberId);
    this.pages.send(
      req,
      res,
      'opinions/adoptions',
      {
        o,
        adoptions: await this.adoptions.list(actor, id),
        form,
        done: opts.done,
        removed: opts.removed ?? false,
        canRemove: staff,
        canRecord: staff && !['draft', 'submitted', 'returned', 'archived'].includes(o.status),
        levels: this.adoptions.adoptionLevels.map((l) => ({ value: l.code, label: l.label })),
      },
      { section: staff && !own ? 'opinions' : 'my-opinions', status: opts.status },
    );
  }
}
