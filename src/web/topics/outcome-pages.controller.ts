import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor } from '../../common/actor';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { Clock } from '../../common/clock';
import { ParseIdPipe } from '../../common/validation';
import { OutcomeQuery, UpdateOutcomeDto } from '../../topics/dto/outcome.dto';
import { TopicOutcomesService } from '../../topics/topic-outcomes.service';
import { formState, FormState, FormSpec, parseQuery, submitForm } from '../kit/forms';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { pagerFor } from '../kit/paging';
import { WebPages } from '../kit/web-pages';
import { canFeedback, outcomeRow } from './topic-page-data';
import { TopicPages } from './topic-pages';
import { topicDoneHref } from './views';

const FEEDBACK: FormSpec = { version: 'int', status: 'text', feedback: 'text?' };
/** 成果办理's tabs: not yet closed, closed, everything. */
const TABS: Record<string, boolean | undefined> = { open: true, closed: false, all: undefined };
/** Where a feedback form returns to: the unit's list, or the topic's page it was sent from. */
const BACK = /^\/(outcomes(\?tab=(open|closed|all))?|topics\/\d{1,9})$/;

/** The form's errors point at this outcome's fields (each outcome on a page has its own form). */
const forOutcome = (form: FormState, id: number): FormState => ({
  ...form,
  summary: form.summary.map((s) => ({ ...s, href: s.href && `${s.href}-${id}` })),
});

/**
 * 成果办理: a unit's consultation outcomes with a feedback form on each (办理状态 and 办理反馈); the same form
 * on a topic's page serves its organiser. The service decides who may report on which outcome.
 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('outcomes')
export class OutcomePagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly steps: TopicPages,
    private readonly outcomes: TopicOutcomesService,
    private readonly clock: Clock,
  ) {}

  @Roles('unit')
  @Get()
  async listOutcomes(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    await this.sendList(req, res, actor, query);
  }

  /** 办理反馈 from the unit's list or the organiser's topic page. */
  @Roles('staff', 'facilitator', 'unit')
  @Post(':id')
  async updateOutcome(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const back = typeof body.back === 'string' && BACK.test(body.back) ? body.back : '/outcomes';
    // The service's refusals name no field (未采纳须说明理由, a stale version): shown at the feedback.
    const outcome = await submitForm(UpdateOutcomeDto, FEEDBACK, body, (dto) => this.outcomes.update(actor, id, dto), {
      generalField: 'feedback',
    });
    if (outcome.ok) return this.pages.redirect(res, topicDoneHref(back, 'feedback'));
    const failed = { key: 'feedback', outcomeId: id, form: forOutcome(outcome.form, id) };
    const topic = /^\/topics\/(\d+)$/.exec(back);
    if (topic) return this.steps.show(req, res, actor, Number(topic[1]), { failed, status: outcome.status });
    await this.sendList(req, res, actor, { tab: /tab=(\w+)/.exec(back)?.[1] }, failed, outcome.status);
  }

  private async sendList(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    query: Record<string, unknown>,
    failed?: { outcomeId: number; form: FormState },
    status = 200,
  ): Promise<void> {
    const tab = typeof query.tab === 'string' && query.tab in TABS ? query.tab : 'open';
    const q = await parseQuery(OutcomeQuery, { page: 'int' }, { page: query.page });
    const page = await this.outcomes.list(actor, Object.assign(q, { open: TABS[tab] }));
    const now = this.clock.now();
    this.pages.send(
      req,
      res,
      'topics/outcomes',
      {
        items: page.items.map((o) => ({
          ...outcomeRow(o, canFeedback(actor, o.topic.status, o, false), now, failed),
          topic: o.topic,
        })),
        pager: pagerFor(page, '/outcomes', { tab }),
        tab,
        form: failed?.form ?? formState(),
        done: query.done === 'feedback' ? 'feedback' : null,
      },
      { section: 'outcomes', status },
    );
  }
}
