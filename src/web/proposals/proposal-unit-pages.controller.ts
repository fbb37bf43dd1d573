import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor } from '../../common/actor';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseIdPipe } from '../../common/validation';
import { ProposalQuery } from '../../proposals/dto/file-proposal.dto';
import {
  CoOpinionDto,
  CommunicationDto,
  ReplyProposalDto,
  RequestExtensionDto,
  ReturnProposalDto,
} from '../../proposals/dto/handle-proposal.dto';
import type { ProposalView } from '../../proposals/dto/proposal-view.dto';
import { ProposalHandlingService } from '../../proposals/proposal-handling.service';
import { ProposalsService } from '../../proposals/proposals.service';
import { findFrameLines, hasFrameLines, letterPreview, trimReplyBody } from '../../proposals/reply-body';
import { FormState, FormValue, parseQuery } from '../kit/forms';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { COMMITMENT_FIELDS, COMMITMENT_ROW_FIELDS, commitmentRows } from './commitment-form';
import { PROPOSAL_OPTIONS, ProposalChoices } from './proposal-choices';
import { rowOf } from './proposal-page-data';
import { ProposalPages, StepPage } from './proposal-pages';
import { proposalDoneHref, ReplyFormExtra } from './views';

/** A handling unit's pages: 我的办理 and, on a proposal, 沟通, 会办意见, 退回, 延期申请, 答复. */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Roles('unit')
@Controller('proposals')
export class ProposalUnitPagesController {
  private readonly communicate: StepPage<CommunicationDto, 'proposals/communicate'>;
  private readonly coOpinion: StepPage<CoOpinionDto, 'proposals/co-opinion'>;
  private readonly returnStep: StepPage<ReturnProposalDto, 'proposals/return'>;
  private readonly extension: StepPage<RequestExtensionDto, 'proposals/extension'>;
  private readonly reply: StepPage<ReplyProposalDto, 'proposals/reply'>;

  constructor(
    private readonly steps: ProposalPages,
    private readonly proposals: ProposalsService,
    handling: ProposalHandlingService,
    choices: ProposalChoices,
  ) {
    this.communicate = {
      view: 'proposals/communicate',
      dto: CommunicationDto,
      spec: { step: 'text?', mode: 'text', summary: 'text', at: 'datetime' },
      choices: () => ({ steps: PROPOSAL_OPTIONS.steps, modes: PROPOSAL_OPTIONS.modes }),
      extra: () => null,
      save: (actor, id, dto) => handling.communicate(actor, id, dto),
      done: 'communicated',
    };
    this.coOpinion = {
      view: 'proposals/co-opinion',
      dto: CoOpinionDto,
      spec: { content: 'text' },
      extra: () => null,
      save: (actor, id, dto) => handling.coOpinion(actor, id, dto),
      done: 'co-opinion',
    };
    this.returnStep = {
      view: 'proposals/return',
      dto: ReturnProposalDto,
      spec: { reason: 'text' },
      extra: () => null,
      save: (actor, id, dto) => handling.returnProposal(actor, id, dto),
      done: 'returned',
      // Returned, the proposal is no longer the unit's to read.
      next: () => proposalDoneHref('/proposals/assignments', 'returned'),
    };
    this.extension = {
      view: 'proposals/extension',
      dto: RequestExtensionDto,
      spec: { months: 'int', reason: 'text' },
      extra: () => ({ maxMonths: choices.config.maxHandlingMonths }),
      save: (actor, id, dto) => handling.requestExtension(actor, id, dto),
      done: 'extension-requested',
    };
    this.reply = {
      view: 'proposals/reply',
      dto: ReplyProposalDto,
      spec: {
        classification: 'text',
        content: 'text',
        public: 'yesno',
        letterNo: 'text?',
        signer: 'text?',
        contact: 'text?',
        ...COMMITMENT_FIELDS,
      },
      choices: () => ({ classifications: choices.classifications(), yesNo: PROPOSAL_OPTIONS.yesNo }),
      extra: replyExtra,
      save: (actor, id, dto, body) => handling.reply(actor, id, { ...dto, commitments: commitmentRows(body) }),
      done: 'replied',
    };
  }

  /** 我的办理: what is assigned to the unit now, with the deadline and the days left. */
  @Get('assignments')
  async listAssignments(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const q = await parseQuery(ProposalQuery, { page: 'int' }, { page: query.page });
    const page = await this.proposals.list({ ...actor, roles: ['unit'] }, q);
    this.steps.sendList(req, res, 'proposals/assignments', page, {
      path: '/proposals/assignments',
      section: 'assignments',
      rows: (p, now) => rowOf(p, now, { unitId: actor.unitId }),
      done: query.done,
    });
  }

  @Get(':id/communicate')
  showCommunicate(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ) {
    return this.steps.showStep(req, res, actor, id, this.communicate);
  }

  @Post(':id/communicate')
  addCommunication(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.postStep(req, res, actor, id, body, this.communicate);
  }

  @Get(':id/co-opinion')
  showCoOpinion(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ) {
    return this.steps.showStep(req, res, actor, id, this.coOpinion);
  }

  @Post(':id/co-opinion')
  addCoOpinion(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.postStep(req, res, actor, id, body, this.coOpinion);
  }

  @Get(':id/return')
  showReturn(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ) {
    return this.steps.showStep(req, res, actor, id, this.returnStep);
  }

  @Post(':id/return')
  returnProposal(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.postStep(req, res, actor, id, body, this.returnStep);
  }

  @Get(':id/extension')
  showExtension(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ) {
    return this.steps.showStep(req, res, actor, id, this.extension);
  }

  @Post(':id/extension')
  requestExtension(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.postStep(req, res, actor, id, body, this.extension);
  }

  @Get(':id/reply')
  showReply(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ) {
    return this.steps.showStep(req, res, actor, id, this.reply);
  }

  @Post(':id/reply')
  async replyProposal(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    // 预览 / 去掉重复的称谓和落款: the page again with the letter's preview (and the body trimmed), nothing saved.
    if (body._action === 'preview' || body._action === 'trim') {
      const values: Record<string, FormValue> = {};
      for (const name of [...Object.keys(REPLY_FIELDS), 'version']) values[name] = stringOf(body[name]);
      if (body._action === 'trim') {
        const p = await this.proposals.get(actor, id);
        values.content = trimReplyBody(values.content as string, [unitNameOf(p, actor.unitId) ?? '']);
      }
      return this.steps.redisplayStep(req, res, actor, id, values, this.reply);
    }
    return this.steps.postStep(req, res, actor, id, body, this.reply);
  }
}

/** The frame lines found in what was typed, and the letter's preview once something is typed. */
function replyExtra(p: ProposalView, actor: Actor, form: FormState): ReplyFormExtra {
  const body = String(form.values.content ?? '');
  const commitmentRows = COMMITMENT_ROW_FIELDS;
  if (!body.trim()) return { frame: null, preview: null, commitmentRows };
  const unitName = unitNameOf(p, actor.unitId) ?? '';
  const frame = findFrameLines(body, [unitName]);
  return { frame: hasFrameLines(frame) ? frame : null, preview: letterPreview(p, unitName, body), commitmentRows };
}

const REPLY_FIELDS = {
  classification: 1,
  content: 1,
  public: 1,
  letterNo: 1,
  signer: 1,
  contact: 1,
  ...COMMITMENT_FIELDS,
};

const stringOf = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The name of the actor's unit among the proposal's units. */
function unitNameOf(p: ProposalView, unitId: number | null | undefined): string | null {
  const units = [...(p.leadUnit ? [p.leadUnit] : []), ...p.coUnits, ...p.splitUnits];
  return units.find((u) => u.id === unitId)?.name ?? null;
}
