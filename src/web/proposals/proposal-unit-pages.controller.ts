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
import { ProposalHandlingService } from '../../proposals/proposal-handling.service';
import { ProposalsService } from '../../proposals/proposals.service';
import { parseQuery } from '../kit/forms';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { PROPOSAL_OPTIONS, ProposalChoices } from './proposal-choices';
import { rowOf } from './proposal-page-data';
import { ProposalPages, StepPage } from './proposal-pages';
import { proposalDoneHref } from './views';

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
      },
      choices: () => ({ classifications: choices.classifications(), yesNo: PROPOSAL_OPTIONS.yesNo }),
      extra: () => null,
      save: (actor, id, dto) => handling.reply(actor, id, dto),
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
  replyProposal(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.postStep(req, res, actor, id, body, this.reply);
  }
}
