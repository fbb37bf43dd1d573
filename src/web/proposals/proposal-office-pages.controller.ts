import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { Clock } from '../../common/clock';
import { ParseIdPipe } from '../../common/validation';
import { ProposalQuery, VersionDto } from '../../proposals/dto/file-proposal.dto';
import { ProposalView } from '../../proposals/dto/proposal-view.dto';
import {
  AssignProposalDto,
  ChaseProposalDto,
  DecideExtensionDto,
  MarkExcellentDto,
  ReviewProposalDto,
} from '../../proposals/dto/review-proposal.dto';
import { addMonths } from '../../proposals/proposal-dates';
import { ProposalExport } from '../../proposals/proposal-export';
import { ProposalReviewService } from '../../proposals/proposal-review.service';
import { ProposalStatsService } from '../../proposals/proposal-stats.service';
import { ProposalsService } from '../../proposals/proposals.service';
import { proposalCharts } from '../../reports/proposal-charts';
import { chartImages } from '../kit/chart-images';
import { DirectoryChoices } from '../kit/directory-choices';
import { FormSpec, parseQuery } from '../kit/forms';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { LIST_QUERY } from '../kit/paging';
import { PROPOSAL_OPTIONS, ProposalChoices } from './proposal-choices';
import { comparisonOf } from './proposal-compare';
import { ButtonStep, ProposalPages, StepPage } from './proposal-pages';
import { proposalDoneHref } from './views';

/** The full list's filters (API.md): status, session, category, sector, unit, key, overdue, q. */
const FILTERS: FormSpec = {
  ...LIST_QUERY,
  status: 'text?',
  sessionId: 'int',
  year: 'int',
  category: 'text?',
  sectorId: 'int',
  unitId: 'int',
  key: 'text?',
  overdue: 'text?',
};

/** 提案审查's tabs: what waits for the office, by the list filter that finds it. */
const QUEUE_TABS: Record<string, Partial<ProposalQuery>> = {
  submitted: { status: 'submitted' },
  accepted: { status: 'accepted' },
  extensions: { extensionPending: true },
};

/** 交办 is either 主办 + 会办 or 分办; only the chosen way's fields go to the service. */
const assignSpec = (body: Record<string, unknown>): FormSpec =>
  body.mode === 'split'
    ? { mode: 'text', unitIds: 'intList', deadline: 'datetime' }
    : { mode: 'text', leadUnitId: 'int', coUnitIds: 'intList', deadline: 'datetime' };

const filtersOf = (spec: FormSpec, raw: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.keys(spec)
      .filter((k) => k !== 'page')
      .map((k) => [k, typeof raw[k] === 'string' ? raw[k] : '']),
  );

/** The office's pages (提案审查: review, assignment, extensions, 优秀) and the leaders' (重点提案), with the full list for both. */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('proposals')
export class ProposalOfficePagesController {
  private readonly reviewStep: StepPage<ReviewProposalDto, 'proposals/review'>;
  private readonly assignStep: StepPage<AssignProposalDto, 'proposals/assign'>;
  private readonly excellentStep: ButtonStep<MarkExcellentDto>;
  private readonly keyStep: ButtonStep<VersionDto>;
  private readonly chaseStep: ButtonStep<ChaseProposalDto>;

  constructor(
    private readonly steps: ProposalPages,
    private readonly proposals: ProposalsService,
    private readonly review: ProposalReviewService,
    private readonly choices: ProposalChoices,
    private readonly directory: DirectoryChoices,
    private readonly stats: ProposalStatsService,
    private readonly exporter: ProposalExport,
    clock: Clock,
  ) {
    this.reviewStep = {
      view: 'proposals/review',
      dto: ReviewProposalDto,
      spec: { decision: 'text', ground: 'text?', reason: 'text?', mergeIntoId: 'int' },
      choices: () => ({ decisions: PROPOSAL_OPTIONS.decisions, grounds: choices.grounds() }),
      extra: (p, actor) => this.reviewDesk(p, actor, null),
      save: (actor, id, dto) => review.review(actor, id, dto),
      done: 'reviewed',
      section: 'review',
    };
    this.assignStep = {
      view: 'proposals/assign',
      dto: AssignProposalDto,
      spec: assignSpec,
      initial: () => ({ mode: 'lead', leadUnitId: '', coUnitIds: [], unitIds: [], deadline: '' }),
      choices: async () => ({ handling: PROPOSAL_OPTIONS.handling, units: await directory.units() }),
      extra: () => ({ defaultDeadline: addMonths(clock.now(), choices.config.deadlineMonths) }),
      save: (actor, id, dto) => review.assign(actor, id, dto),
      done: 'assigned',
      section: 'review',
    };
    this.excellentStep = {
      dto: MarkExcellentDto,
      spec: { excellent: 'yesno' },
      save: (actor, id, dto) => review.markExcellent(actor, id, dto),
      done: 'excellent',
    };
    this.keyStep = { dto: VersionDto, spec: {}, save: (actor, id, dto) => review.markKey(actor, id, dto), done: 'key' };
    this.chaseStep = {
      dto: ChaseProposalDto,
      spec: { note: 'text?' },
      save: (actor, id, dto) => review.chase(actor, id, dto),
      done: 'chased',
      next: (id, body) =>
        proposalDoneHref(body.back === 'overdue' ? '/proposals/overdue' : `/proposals/${id}`, 'chased'),
    };
  }

  /** 全部提案, with the API's filters. */
  @Roles('staff', 'leader')
  @Get()
  async listAll(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const q = await parseQuery(ProposalQuery, FILTERS, query);
    const choices = {
      statuses: PROPOSAL_OPTIONS.statuses,
      sessions: await this.directory.sessions(),
      categories: this.choices.categories(),
      sectors: await this.directory.sectors(),
      units: await this.directory.units(),
    };
    const page = await this.proposals.list(actor, q);
    this.steps.sendList(req, res, 'proposals/index', page, {
      path: '/proposals',
      section: 'proposals',
      filters: filtersOf(FILTERS, query),
      choices,
      exportPath: '/proposals/export.xlsx',
    });
  }

  /** 导出 Excel: the API's export with the page's filters, from the signed-in page (the API takes no cookie). */
  @Roles('staff', 'leader')
  @Get('export.xlsx')
  async exportAll(
    @CurrentUser() actor: Actor,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const q = await parseQuery(ProposalQuery, FILTERS, query);
    return this.exporter.send(actor, q, res);
  }

  /** 重点提案. */
  @Roles('staff', 'leader')
  @Get('key')
  async listKey(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const q = await parseQuery(ProposalQuery, { page: 'int' }, query);
    const page = await this.proposals.list(actor, Object.assign(q, { key: true }));
    this.steps.sendList(req, res, 'proposals/index', page, {
      path: '/proposals/key',
      section: 'key-proposals',
      keyOnly: true,
    });
  }

  /** 提案审查: 待审查, 待交办, 延期申请. */
  @Roles('staff')
  @Get('review')
  async listQueue(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const tab = typeof query.tab === 'string' && query.tab in QUEUE_TABS ? query.tab : 'submitted';
    const q = await parseQuery(ProposalQuery, { page: 'int' }, { page: query.page });
    const page = await this.proposals.list({ ...actor, roles: ['staff'] }, Object.assign(q, QUEUE_TABS[tab]));
    this.steps.sendList(req, res, 'proposals/queue', page, {
      path: '/proposals/review',
      section: 'review',
      filters: { tab },
      tab,
      done: query.done,
    });
  }

  /** The review desk: the proposal open beside the form, and with `?compare=<id>` another one marked against it. */
  @Roles('staff')
  @Get(':id/review')
  showReview(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query('compare') compare: unknown,
  ) {
    return this.steps.showStep(req, res, actor, id, this.reviewStepFor(id, compare));
  }

  @Roles('staff')
  @Post(':id/review')
  reviewProposal(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
    @Query('compare') compare: unknown,
  ) {
    return this.steps.postStep(req, res, actor, id, body, this.reviewStepFor(id, compare));
  }

  /** The review step with the comparison the address asks for; its form posts back to the same address. */
  private reviewStepFor(id: number, raw: unknown): StepPage<ReviewProposalDto, 'proposals/review'> {
    const compare = raw === undefined || raw === '' ? null : new ParseIdPipe().transform(String(raw));
    if (compare === id) throw AppError.invalidField('compare', '请选择另一件提案对照');
    return {
      ...this.reviewStep,
      path: compare === null ? 'review' : `review?compare=${compare}`,
      extra: (p, actor) => this.reviewDesk(p, actor, compare),
    };
  }

  /** What the review desk adds: the similar proposals offered (at or above the threshold) and the comparison open. */
  private async reviewDesk(p: ProposalView, actor: Actor, compare: number | null) {
    const similar = await this.proposals.similar(actor, p.id);
    const other = compare === null ? null : await this.proposals.get(actor, compare);
    return {
      similar,
      minPercent: this.choices.config.similarMinPercent,
      compare: other ? comparisonOf(p, other, similar) : null,
      compareId: other?.id ?? 0,
    };
  }

  @Roles('staff')
  @Get(':id/assign')
  showAssign(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ) {
    return this.steps.showStep(req, res, actor, id, this.assignStep);
  }

  @Roles('staff')
  @Post(':id/assign')
  assignProposal(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.postStep(req, res, actor, id, body, this.assignStep);
  }

  @Roles('staff')
  @Get(':id/extensions/:extensionId')
  showDecision(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Param('extensionId', ParseIdPipe) extensionId: number,
  ) {
    return this.steps.showStep(req, res, actor, id, this.decisionStep(extensionId));
  }

  @Roles('staff')
  @Post(':id/extensions/:extensionId')
  decideExtension(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Param('extensionId', ParseIdPipe) extensionId: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.postStep(req, res, actor, id, body, this.decisionStep(extensionId));
  }

  /** 优秀提案: mark or unmark. */
  /** 办理统计: the rates, counts and charts of a session (or all sessions). */
  @Roles('staff', 'leader')
  @Get('stats')
  async showStats(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query('sessionId') rawSession: unknown,
  ): Promise<void> {
    const sessions = await this.directory.sessions();
    const chosen =
      typeof rawSession === 'string' && sessions.some((s) => s.value === rawSession) ? Number(rawSession) : undefined;
    const stats = await this.stats.forSession(chosen);
    const charts = chartImages((width) => {
      const c = proposalCharts(stats, { width });
      return { rates: c.rates, byCategory: c.byCategory, byStatus: c.byStatus, byUnit: c.byUnit };
    });
    this.steps.sendStats(req, res, {
      stats,
      sessions,
      filters: { sessionId: chosen === undefined ? '' : String(chosen) },
      charts,
    });
  }

  /** 超期提案: assigned proposals past their deadline, with 催办 on each row. */
  @Roles('staff', 'leader')
  @Get('overdue')
  async listOverdue(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const q = await parseQuery(ProposalQuery, { page: 'int' }, query);
    const page = await this.proposals.list(actor, Object.assign(q, { overdue: true, status: 'assigned' }));
    this.steps.sendList(req, res, 'proposals/overdue', page, {
      path: '/proposals/overdue',
      section: 'overdue',
      done: query.done,
    });
  }

  @Roles('staff', 'leader')
  @Post(':id/chase')
  chase(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.button(req, res, actor, id, body, this.chaseStep);
  }

  @Roles('staff')
  @Post(':id/excellent')
  markExcellent(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.button(req, res, actor, id, body, this.excellentStep);
  }

  /** 重点提案: the leader approves it and supervises it. */
  @Roles('leader')
  @Post(':id/key')
  markKey(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.button(req, res, actor, id, body, this.keyStep);
  }

  private decisionStep(extensionId: number): StepPage<DecideExtensionDto, 'proposals/decide-extension'> {
    return {
      view: 'proposals/decide-extension',
      path: `extensions/${extensionId}`,
      dto: DecideExtensionDto,
      spec: { approve: 'yesno', comment: 'text?' },
      choices: () => ({ approve: PROPOSAL_OPTIONS.approve }),
      extra: (p) => {
        const request = p.extensions.find((x) => x.id === extensionId);
        if (!request) throw AppError.notFound('延期申请', 'EXTENSION_NOT_FOUND');
        return { request };
      },
      save: (actor, id, dto) => this.review.decideExtension(actor, id, extensionId, dto),
      done: 'extension-decided',
      section: 'review',
    };
  }
}
