import { Body, Controller, Get, Header, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor } from '../../common/actor';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseIdPipe } from '../../common/validation';
import { CreateProposalDto, ProposalQuery, UpdateProposalDto, VersionDto } from '../../proposals/dto/file-proposal.dto';
import { EvaluateProposalDto } from '../../proposals/dto/handle-proposal.dto';
import { ProposalView } from '../../proposals/dto/proposal-view.dto';
import { ProposalHandlingService } from '../../proposals/proposal-handling.service';
import { ProposalsService } from '../../proposals/proposals.service';
import { DirectoryChoices } from '../kit/directory-choices';
import {
  blankValues,
  FormOptions,
  formState,
  FormSpec,
  FormState,
  FormValue,
  linesOf,
  parseQuery,
  submitForm,
} from '../kit/forms';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { StepForm, StepForms } from '../kit/step-forms';
import { WebPages } from '../kit/web-pages';
import { PROPOSAL_OPTIONS, ProposalChoices } from './proposal-choices';
import { rowOf } from './proposal-page-data';
import { ButtonStep, ProposalPages, StepPage } from './proposal-pages';
import { ProposalDone, proposalDoneHref } from './views';

/** The filing form; 附议人 are typed or picked by name and become `coSignerMemberIds` on the way to the service. */
const FILING: FormSpec = {
  sessionId: 'int',
  category: 'text',
  title: 'text',
  background: 'text',
  suggestions: 'lines',
  kind: 'text',
  coSignerNames: 'text?',
  agreeToPublish: 'bool',
};
/** A draft's kind follows its co-signers (some: 联名, none: 个人), so editing does not ask for it. */
const EDITING: FormSpec = {
  sessionId: 'int',
  category: 'text',
  title: 'text',
  background: 'text',
  suggestions: 'lines',
  coSignerNames: 'text?',
  agreeToPublish: 'bool',
  version: 'int',
};
const FILING_OPTIONS: FormOptions = { aliases: { coSignerMemberIds: 'coSignerNames' } };

const asText = (raw: unknown): string => (typeof raw === 'string' ? raw : '');

/** A member's pages: 我的提案, filing and editing a draft, submit, withdraw, 附议, and the evaluation of the reply. */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Roles('member')
@Controller('proposals')
export class ProposalMemberPagesController {
  private readonly evaluation: StepPage<EvaluateProposalDto, 'proposals/evaluate'>;
  private readonly submitStep: ButtonStep<VersionDto>;
  private readonly withdrawStep: ButtonStep<VersionDto>;
  private readonly cosignStep: ButtonStep<VersionDto>;
  private readonly declineCosignStep: ButtonStep<VersionDto>;

  constructor(
    private readonly pages: WebPages,
    private readonly steps: ProposalPages,
    private readonly proposals: ProposalsService,
    private readonly choices: ProposalChoices,
    private readonly directory: DirectoryChoices,
    private readonly forms: StepForms,
    handling: ProposalHandlingService,
  ) {
    this.evaluation = {
      view: 'proposals/evaluate',
      dto: EvaluateProposalDto,
      spec: { contact: 'text?', attitude: 'text?', rating: 'text', comment: 'text?' },
      choices: () => ({ contacts: PROPOSAL_OPTIONS.contacts, ratings: PROPOSAL_OPTIONS.ratings }),
      extra: () => null,
      save: (actor, id, dto) => handling.evaluate(actor, id, dto),
      done: 'evaluated',
    };
    this.submitStep = {
      dto: VersionDto,
      spec: {},
      save: (actor, id, dto) => proposals.submit(actor, id, dto),
      done: 'submitted',
    };
    this.withdrawStep = {
      dto: VersionDto,
      spec: {},
      save: (actor, id, dto) => proposals.withdraw(actor, id, dto),
      done: 'withdrawn',
    };
    this.cosignStep = {
      dto: VersionDto,
      spec: {},
      save: (actor, id, dto) => proposals.cosign(actor, id, dto),
      done: 'cosigned',
    };
    // Declining ends the member's access to the draft: back to 我的提案, not to its page.
    this.declineCosignStep = {
      dto: VersionDto,
      spec: {},
      save: (actor, id, dto) => proposals.declineCosign(actor, id, dto),
      done: 'cosign-declined',
      next: () => '/proposals/mine?done=cosign-declined',
    };
  }

  /** Editing the draft; its own page shows a refusal again. */
  private readonly editStep: StepForm<UpdateProposalDto, ProposalDone> = {
    dto: UpdateProposalDto,
    spec: EDITING,
    save: async (actor, id, dto, body) =>
      this.proposals.update(actor, id, { ...dto, coSignerMemberIds: await this.coSigners(body) }),
    done: 'updated',
    options: FILING_OPTIONS,
  };

  /** 我的提案: those the member leads, co-signs or had merged in, as a member sees them. */
  @Get('mine')
  async listMine(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const asMember: Actor = { ...actor, roles: ['member'] };
    const q = await parseQuery(ProposalQuery, { page: 'int' }, query);
    const page = await this.proposals.list(asMember, q);
    const invited = new Set<number>();
    for (const p of page.items.filter((i) => i.status === 'draft' && i.leadMember?.id !== actor.memberId)) {
      const detail = await this.proposals.get(asMember, p.id);
      if (detail.signers.some((s) => s.memberId === actor.memberId && s.status === 'invited')) invited.add(p.id);
    }
    this.steps.sendList(req, res, 'proposals/mine', page, {
      path: '/proposals/mine',
      section: 'my-proposals',
      rows: (p, now) => rowOf(p, now, { awaitingMe: invited.has(p.id) }),
      done: query.done,
    });
  }

  @Get('new')
  async showFiling(@Req() req: AuthedRequest, @Res() res: Response): Promise<void> {
    await this.sendFiling(req, res, formState({ ...blankValues(FILING), kind: 'individual' }), null);
  }

  @Post('new')
  async fileProposal(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const outcome = await submitForm(
      CreateProposalDto,
      FILING,
      body,
      async (dto) => this.proposals.create(actor, { ...dto, coSignerMemberIds: await this.coSigners(body) }),
      FILING_OPTIONS,
    );
    if (!outcome.ok) return this.sendFiling(req, res, outcome.form, null, outcome.status);
    this.pages.redirect(res, proposalDoneHref(`/proposals/${outcome.result.id}`, 'created'));
  }

  /** 附议人 picker: serving members by name, as JSON for the page's script. */
  @Get('cosigner-search')
  @Header('Cache-Control', 'no-store')
  async searchCoSigners(@CurrentUser() actor: Actor, @Query('q') q: unknown) {
    return { items: await this.directory.searchMembers(asText(q), actor.memberId) };
  }

  @Get(':id/edit')
  async showEdit(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<void> {
    const p = await this.proposals.get(actor, id);
    await this.sendFiling(req, res, formState(this.valuesOf(p)), p);
  }

  @Post(':id/edit')
  editProposal(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    return this.forms.post(res, { actor, id, body }, this.editStep, {
      page: `/proposals/${id}`,
      refused: async (form, status) => this.sendFiling(req, res, form, await this.proposals.get(actor, id), status),
    });
  }

  @Post(':id/submit')
  submitProposal(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.button(req, res, actor, id, body, this.submitStep);
  }

  @Post(':id/withdraw')
  withdrawProposal(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.button(req, res, actor, id, body, this.withdrawStep);
  }

  /** 附议: an invited co-signer confirms. */
  @Post(':id/cosign')
  cosignProposal(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.button(req, res, actor, id, body, this.cosignStep);
  }

  /** 谢绝附议: an invited co-signer says no. */
  @Post(':id/decline-cosign')
  declineCosign(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.button(req, res, actor, id, body, this.declineCosignStep);
  }

  @Get(':id/evaluate')
  showEvaluate(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ) {
    return this.steps.showStep(req, res, actor, id, this.evaluation);
  }

  @Post(':id/evaluate')
  evaluateProposal(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.postStep(req, res, actor, id, body, this.evaluation);
  }

  private coSigners(body: Record<string, unknown>): Promise<number[]> {
    return this.directory.memberIdsNamed(linesOf(asText(body.coSignerNames)));
  }

  private valuesOf(p: ProposalView): Record<string, FormValue> {
    return {
      sessionId: String(p.session.id),
      category: p.category,
      title: p.title,
      background: p.background,
      suggestions: p.suggestions.join('\n'),
      coSignerNames: p.signers
        .filter((s) => s.role === 'cosigner')
        .map((s) => s.name)
        .join('\n'),
      agreeToPublish: p.agreeToPublish,
      version: String(p.version),
    };
  }

  private async sendFiling(
    req: AuthedRequest,
    res: Response,
    form: FormState,
    editing: ProposalView | null,
    status = 200,
  ): Promise<void> {
    const choices = {
      sessions: await this.directory.sessions(),
      categories: this.choices.categories(),
      kinds: PROPOSAL_OPTIONS.kinds,
    };
    const action = editing ? `/proposals/${editing.id}/edit` : '/proposals/new';
    this.pages.send(
      req,
      res,
      'proposals/filing',
      { action, form, choices, editing },
      { section: 'my-proposals', status },
    );
  }
}
