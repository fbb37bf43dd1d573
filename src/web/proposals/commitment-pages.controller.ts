import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor, hasRole } from '../../common/actor';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseIdPipe } from '../../common/validation';
import { CommitmentExport } from '../../proposals/commitment-export';
import { COMMITMENT_STATE_LABELS, COMMITMENT_STATES } from '../../proposals/commitment-rules';
import { commitmentNotFound } from '../../proposals/commitment-store';
import { CommitmentsService } from '../../proposals/commitments.service';
import { CommitmentQuery, CommitmentVerdictDto, ReportCommitmentDto } from '../../proposals/dto/commitment.dto';
import { DirectoryChoices } from '../kit/directory-choices';
import { FormSpec, parseQuery } from '../kit/forms';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { pagerFor } from '../kit/paging';
import { StepForm, StepForms, VERSIONED } from '../kit/step-forms';
import { WebPages } from '../kit/web-pages';
import { ProposalChoices } from './proposal-choices';
import { ProposalPages } from './proposal-pages';
import { ProposalDone } from './views';

/** The 回头看 list's filters, as the API takes them. */
const FILTERS: FormSpec = { page: 'int', year: 'int', unitId: 'int', replyClass: 'text?', state: 'text?' };

const filtersOf = (raw: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.keys(FILTERS)
      .filter((k) => k !== 'page')
      .map((k) => [k, typeof raw[k] === 'string' ? raw[k] : '']),
  );

const queryString = (filters: Record<string, string>): string =>
  new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();

/**
 * 回头看: the list of commitments (staff and leaders all, a unit its own) with the kept-on-time rates by unit and the
 * Excel export; the unit's report and the proposer's verdict, posted from the proposal's page.
 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('proposals')
export class CommitmentPagesController {
  private readonly reportStep: StepForm<ReportCommitmentDto, ProposalDone>;
  private readonly verdictStep: StepForm<CommitmentVerdictDto, ProposalDone>;

  constructor(
    private readonly pages: WebPages,
    private readonly forms: StepForms,
    private readonly steps: ProposalPages,
    private readonly commitments: CommitmentsService,
    private readonly exporter: CommitmentExport,
    private readonly directory: DirectoryChoices,
    private readonly choices: ProposalChoices,
  ) {
    this.reportStep = {
      dto: ReportCommitmentDto,
      spec: { text: 'text', doneDate: 'text?', ...VERSIONED },
      save: (actor, id, dto) => commitments.report(actor, id, dto),
      done: 'commitment-reported',
    };
    this.verdictStep = {
      dto: CommitmentVerdictDto,
      spec: { kept: 'yesno', comment: 'text?', ...VERSIONED },
      save: (actor, id, dto) => commitments.verdict(actor, id, dto),
      done: 'commitment-judged',
    };
  }

  /** 回头看 */
  @Roles('staff', 'leader', 'unit', 'member')
  @Get('follow-up')
  async followUp(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const q = await parseQuery(CommitmentQuery, FILTERS, query);
    const office = hasRole(actor, 'staff', 'leader');
    const page = await this.commitments.list(actor, q);
    const filters = filtersOf(query);
    this.pages.send(
      req,
      res,
      'proposals/follow-up',
      {
        items: page.items,
        pager: pagerFor(page, '/proposals/follow-up', filters),
        filters,
        choices: {
          states: COMMITMENT_STATES.map((s) => ({ value: s, label: COMMITMENT_STATE_LABELS[s] })),
          classes: this.choices.classifications().slice(1),
          units: office ? await this.directory.units() : [],
        },
        rates: office ? await this.commitments.rates({ year: q.year, replyClass: q.replyClass }) : null,
        exportHref: office ? `/proposals/follow-up.xlsx?${queryString(filters)}` : null,
        // 起草回头看报告: staff draft the year's report (the year filtered, else this year).
        canDraft: hasRole(actor, 'staff'),
        draftYear: q.year ?? null,
      },
      { section: 'follow-up' },
    );
  }

  /** 导出 Excel of the list as filtered. */
  @Roles('staff', 'leader')
  @Get('follow-up.xlsx')
  async exportFollowUp(
    @CurrentUser() actor: Actor,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const q = await parseQuery(CommitmentQuery, FILTERS, query);
    return this.exporter.send(actor, q, res);
  }

  @Roles('unit')
  @Post(':id/commitments/:commitmentId/report')
  report(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Param('commitmentId', ParseIdPipe) commitmentId: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.post(req, res, actor, id, commitmentId, body, this.reportStep);
  }

  @Roles('member', 'staff')
  @Post(':id/commitments/:commitmentId/verdict')
  verdict(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Param('commitmentId', ParseIdPipe) commitmentId: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.post(req, res, actor, id, commitmentId, body, this.verdictStep);
  }

  /** Done: back to the proposal's commitments with the banner. Refused: the proposal's page with the message. */
  private async post<T extends object>(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    proposalId: number,
    commitmentId: number,
    body: Record<string, unknown>,
    step: StepForm<T, ProposalDone>,
  ): Promise<void> {
    // The commitment of another proposal than the page's: as if it did not exist.
    if ((await this.commitments.get(actor, commitmentId)).proposal.id !== proposalId) throw commitmentNotFound();
    await this.forms.post(res, { actor, id: commitmentId, body }, step, {
      page: `/proposals/${proposalId}`,
      refused: (form, status) => this.steps.show(req, res, actor, proposalId, { form, status }),
    });
  }
}
