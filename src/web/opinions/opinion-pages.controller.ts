import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor, hasRole } from '../../common/actor';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseIdPipe } from '../../common/validation';
import { CompileIssueDto, MergeOpinionsDto } from '../../opinions/dto/opinion-issue.dto';
import {
  CreateOpinionDto,
  OpinionQuery,
  OpinionView,
  ReviewOpinionDto,
  UpdateOpinionDto,
  VersionDto,
} from '../../opinions/dto/opinion.dto';
import { OpinionAdoptionsService } from '../../opinions/opinion-adoptions.service';
import { OpinionAttachmentsService } from '../../opinions/opinion-attachments.service';
import { OpinionInformantsService } from '../../opinions/opinion-informants.service';
import { OpinionIssuesService } from '../../opinions/opinion-issues.service';
import { OpinionMergeService } from '../../opinions/opinion-merge.service';
import { OpinionReviewService } from '../../opinions/opinion-review.service';
import { OPINION_STATUS_LABELS, OPINION_STATUSES } from '../../opinions/opinion-workflow';
import { OpinionsService } from '../../opinions/opinions.service';
import { DirectoryChoices, options } from '../kit/directory-choices';
import { blankValues, formState, FormSpec, FormState, parseQuery, submitForm } from '../kit/forms';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { pagerFor } from '../kit/paging';
import { WebPages } from '../kit/web-pages';
import {
  ALIASES,
  editsAsStaff,
  filesForGroups,
  DECISIONS,
  EDITING,
  MEMBER_EDITING,
  MEMBER_FILING,
  MEMBER_KINDS,
  namesOf,
  REVIEW,
  STAFF_FILING,
  STAFF_KINDS,
  text,
} from './opinion-forms';
import { doneOf, FILE_ERRORS } from './views';

const MERGE: FormSpec = { ids: 'intList', title: 'text', content: 'text' };
const SELECTION: FormSpec = { opinionIds: 'intList', form: 'text' };

/**
 * 社情民意 pages: a member's 我的社情民意 (list, form, the item with its status and the staff's note) and the staff's
 * review desk (list by status, the item with its actions and the similar items and proposals beside it). Every
 * request goes through the opinions' services as the signed-in person.
 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Roles('member', 'staff')
@Controller('opinions')
export class OpinionPagesController {
  constructor(
    private readonly opinions: OpinionsService,
    private readonly reviews: OpinionReviewService,
    private readonly merges: OpinionMergeService,
    private readonly issues: OpinionIssuesService,
    private readonly directory: DirectoryChoices,
    private readonly pages: WebPages,
    private readonly adoptions: OpinionAdoptionsService,
    private readonly informants: OpinionInformantsService,
    private readonly attachments: OpinionAttachmentsService,
  ) {}

  @Roles('member')
  @Get('mine')
  async listMine(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() raw: Record<string, unknown>,
  ): Promise<void> {
    const q = await parseQuery(OpinionQuery, { page: 'int' }, { page: raw.page });
    const page = await this.opinions.list({ ...actor, roles: ['member'] }, Object.assign(q, { mine: true }));
    this.pages.send(
      req,
      res,
      'opinions/mine',
      {
        items: page.items,
        pager: pagerFor(page, '/opinions/mine'),
        done: doneOf(raw.done),
        informant: actor.memberId === null ? null : await this.informants.progressOf(actor.memberId),
      },
      { section: 'my-opinions' },
    );
  }

  /** The review desk: every item but drafts, by status (待审核 first), searchable. */
  @Roles('staff')
  @Get()
  async listDesk(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() raw: Record<string, unknown>,
  ): Promise<void> {
    const status = raw.status === undefined ? 'submitted' : text(raw.status);
    const q = await parseQuery(
      OpinionQuery,
      { q: 'text?', page: 'int', status: 'text?' },
      { q: raw.q, page: raw.page, status },
    );
    const page = await this.opinions.list({ ...actor, roles: ['staff'] }, q);
    const filters = { q: text(raw.q), status };
    const error = text(raw.error);
    this.pages.send(
      req,
      res,
      'opinions/index',
      {
        items: page.items,
        pager: pagerFor(page, '/opinions', filters),
        filters,
        statuses: options(
          OPINION_STATUSES.filter((s) => s !== 'draft'),
          OPINION_STATUS_LABELS,
        ),
        canFile: true,
        selectable: status === 'accepted',
        error: error || null,
      },
      { section: 'opinions' },
    );
  }

  /**
   * The desk's selection of accepted items: 合并为综合信息 leads to the merge form (pre-filled from the items);
   * 编入一期 (专报 / 综合) makes the issue's draft and opens it on the report's page.
   */
  @Roles('staff')
  @Post('selection')
  async selection(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const step = text(body.step);
    if (step === 'merge') {
      const ids = ([] as unknown[])
        .concat(body.opinionIds ?? [])
        .map((v) => text(v))
        .filter(Boolean);
      return this.pages.redirect(res, `/opinions/merge?ids=${ids.join(',')}`);
    }
    const outcome = await submitForm(CompileIssueDto, SELECTION, { ...body, form: step }, (dto) =>
      this.issues.compile(actor, dto),
    );
    if (!outcome.ok) {
      const why = outcome.form.summary[0]?.text ?? '';
      return this.pages.redirect(res, `/opinions?status=accepted&error=${encodeURIComponent(why)}`);
    }
    this.pages.redirect(res, `/reports/${outcome.result.report.id}`);
  }

  /** 送达 of an issue of 《社情民意》 from its report page: every leader, and the contributors told. */
  @Roles('staff')
  @Post('issues/:id/deliver')
  async deliverIssue(
    @CurrentUser() actor: Actor,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<void> {
    await this.issues.deliver(actor, id);
    this.pages.redirect(res, `/reports/${id}?done=delivered`);
  }

  /** 合并为综合信息: the title and text written by staff, pre-filled from the chosen items. */
  @Roles('staff')
  @Get('merge')
  async mergeForm(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query('ids') raw: unknown,
  ): Promise<void> {
    const ids = text(raw)
      .split(',')
      .map((x) => Number(x))
      .filter((x) => Number.isInteger(x) && x > 0);
    const sources = await Promise.all(ids.map((id) => this.opinions.get(actor, id)));
    const form = formState({
      ...blankValues(MERGE),
      ids: ids.map(String),
      title: sources.length ? `${sources[0].title}（综合）`.slice(0, 200) : '',
      content: sources.map((o) => o.content).join('\n\n'),
    });
    await this.sendMerge(req, res, form, sources);
  }

  @Roles('staff')
  @Post('merge')
  async merge(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const outcome = await submitForm(MergeOpinionsDto, MERGE, body, (dto) => this.merges.merge(actor, dto));
    if (outcome.ok) return this.pages.redirect(res, `/opinions/${outcome.result.id}?done=merged`);
    const ids = ([] as unknown[])
      .concat(body.ids ?? [])
      .map(Number)
      .filter((x) => Number.isInteger(x) && x > 0);
    const sources = await Promise.all(ids.map((id) => this.opinions.get(actor, id).catch(() => null)));
    await this.sendMerge(
      req,
      res,
      outcome.form,
      sources.filter((o): o is OpinionView => o !== null),
      outcome.status,
    );
  }

  private sendMerge(req: AuthedRequest, res: Response, form: FormState, sources: OpinionView[], status = 200): void {
    this.pages.send(req, res, 'opinions/merge', { form, sources }, { section: 'opinions', status });
  }

  @Get('new')
  async showFiling(@CurrentUser() actor: Actor, @Req() req: AuthedRequest, @Res() res: Response): Promise<void> {
    const staff = filesForGroups(actor);
    const spec = staff ? STAFF_FILING : MEMBER_FILING;
    await this.sendForm(
      req,
      res,
      actor,
      formState({ ...blankValues(spec), submitterKind: staff ? 'organisation' : 'member' }),
      null,
    );
  }

  @Post('new')
  async file(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const staff = filesForGroups(actor);
    const outcome = await submitForm(
      CreateOpinionDto,
      staff ? STAFF_FILING : MEMBER_FILING,
      body,
      async (dto) =>
        this.opinions.create(
          actor,
          staff ? dto : { ...dto, coContributorMemberIds: await this.contributors(body.coContributorNames) },
        ),
      ALIASES,
    );
    if (!outcome.ok) return this.sendForm(req, res, actor, outcome.form, null, outcome.status);
    this.pages.redirect(res, `/opinions/${outcome.result.id}?done=created`);
  }

  @Get(':id')
  async show(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query() raw: Record<string, unknown>,
  ): Promise<void> {
    const o = await this.opinions.get(actor, id);
    await this.sendItem(req, res, actor, o, formState({ decision: '', reason: '', version: String(o.version) }), {
      done: doneOf(raw.done),
      fileError: typeof raw.fileError === 'string' ? (FILE_ERRORS[raw.fileError] ?? null) : null,
    });
  }

  @Get(':id/edit')
  async showEdit(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<void> {
    const o = await this.opinions.get(actor, id);
    const names = o.contributors.slice(1).map((c) => c.name);
    await this.sendForm(
      req,
      res,
      actor,
      formState({
        title: o.title,
        category: o.category,
        content: o.content,
        coContributorNames: names.join('、'),
        version: String(o.version),
      }),
      o,
    );
  }

  @Post(':id/edit')
  async edit(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const before = await this.opinions.get(actor, id);
    const byStaff = editsAsStaff(actor, before);
    const outcome = await submitForm(
      UpdateOpinionDto,
      byStaff ? EDITING : MEMBER_EDITING,
      body,
      async (dto) =>
        this.opinions.update(
          actor,
          id,
          byStaff ? dto : { ...dto, coContributorMemberIds: await this.contributors(body.coContributorNames) },
        ),
      ALIASES,
    );
    if (!outcome.ok) return this.sendForm(req, res, actor, outcome.form, before, outcome.status);
    this.pages.redirect(res, `/opinions/${id}?done=updated`);
  }

  @Post(':id/submit')
  async submit(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const outcome = await submitForm(VersionDto, { version: 'int' }, body, (dto) =>
      this.opinions.submit(actor, id, dto),
    );
    if (!outcome.ok) return this.showAgain(req, res, actor, id, outcome.form, outcome.status);
    this.pages.redirect(res, `/opinions/${id}?done=submitted`);
  }

  @Roles('staff')
  @Post(':id/review')
  async review(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const outcome = await submitForm(ReviewOpinionDto, REVIEW, body, (dto) => this.reviews.review(actor, id, dto));
    if (!outcome.ok) return this.showAgain(req, res, actor, id, outcome.form, outcome.status);
    this.pages.redirect(res, `/opinions/${id}?done=reviewed`);
  }

  /** 信息员 is offered only to a member on this year's roster. */
  private async memberKinds(actor: Actor): Promise<typeof MEMBER_KINDS> {
    const rostered = actor.memberId !== null && (await this.informants.rostered(actor.memberId));
    return rostered ? MEMBER_KINDS : MEMBER_KINDS.filter((k) => k.value !== 'informant');
  }

  private async contributors(raw: unknown): Promise<number[]> {
    return this.directory.memberIdsNamed(namesOf(raw), 'coContributorNames');
  }

  private async showAgain(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    form: FormState,
    status: number,
  ): Promise<void> {
    const o = await this.opinions.get(actor, id);
    await this.sendItem(req, res, actor, o, form, { done: null, status });
  }

  private async sendItem(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    o: OpinionView,
    form: FormState,
    opts: { done: ReturnType<typeof doneOf>; status?: number; fileError?: string | null },
  ): Promise<void> {
    const staff = hasRole(actor, 'staff');
    const own = hasRole(actor, 'member') && o.contributors.some((c) => c.memberId === actor.memberId);
    const desk = staff && !own;
    const review = staff && o.actions.includes('accept');
    const similar = staff && o.status !== 'draft' ? await this.opinions.similar(actor, o.id) : null;
    this.pages.send(
      req,
      res,
      'opinions/show',
      {
        o,
        done: opts.done,
        form,
        // 附件 follow the text: the submitter while they may 报送 it (草稿, 退回修改).
        can: {
          edit: o.actions.includes('edit'),
          submit: o.actions.includes('submit'),
          review,
          openIssue: staff,
          attach: o.actions.includes('submit'),
        },
        attachments: await this.attachments.list(actor, o.id),
        fileError: opts.fileError ?? null,
        decisions: DECISIONS,
        similar,
        adoptions: await this.adoptions.list(actor, o.id),
        back: desk
          ? { href: '/opinions', label: '返回社情民意审核' }
          : { href: '/opinions/mine', label: '返回我的社情民意' },
      },
      { section: desk ? 'opinions' : 'my-opinions', status: opts.status },
    );
  }

  private async sendForm(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    form: FormState,
    o: OpinionView | null,
    status = 200,
  ): Promise<void> {
    const staff = o ? editsAsStaff(actor, o) : filesForGroups(actor);
    const filing = staff && !o;
    this.pages.send(
      req,
      res,
      'opinions/form',
      {
        form,
        o,
        categories: this.opinions.categories.map((c) => ({ value: c.code, label: c.label })),
        kinds: staff ? STAFF_KINDS : await this.memberKinds(actor),
        sectors: filing ? await this.directory.sectors() : [],
        committees: filing ? await this.directory.committees() : [],
        staff,
        maxContentLength: this.opinions.maxContentLength,
        action: o ? `/opinions/${o.id}/edit` : '/opinions/new',
      },
      { section: staff ? 'opinions' : 'my-opinions', status },
    );
  }
}
