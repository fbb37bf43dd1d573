import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor, hasRole } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { CurrentUser, Public, Roles } from '../../common/auth.decorators';
import { fieldErrors } from '../../common/validation';
import { ParseIdPipe } from '../../common/validation';
import { DraftCommentsService } from '../../drafts/draft-comments.service';
import { DraftExport } from '../../drafts/draft-export';
import { joinClauses } from '../../drafts/draft-text';
import { DISPOSITION_LABELS, DISPOSITIONS } from '../../drafts/draft-workflow';
import { DraftsService } from '../../drafts/drafts.service';
import { DraftView } from '../../drafts/dto/draft-view.dto';
import {
  CommentItemDto,
  CreateCommentsDto,
  CreateDraftDto,
  DraftQuery,
  PublicCommentsDto,
} from '../../drafts/dto/draft.dto';
import { TopicQuery } from '../../topics/dto/topic.dto';
import { TopicsService } from '../../topics/topics.service';
import { formState, FormSpec, FormState, isoToZoned, savedOrShownAgain, submitForm, zonedToIso } from '../kit/forms';
import { OrganizerChoices, organizerOf } from '../kit/organizer-choices';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { pageNumber, pagerFor } from '../kit/paging';
import { anonymousCsrf, WebPages } from '../kit/web-pages';

const NEW_DRAFT: FormSpec = {
  title: 'text',
  description: 'text?',
  organizer: 'text?',
  topicId: 'int',
  text: 'text',
  openToPublic: 'bool',
};
const text = (raw: unknown): string => (typeof raw === 'string' ? raw : '');

/** The comment boxes of a form: one per clause (`c<id>`) and one on the whole (`general`); empty boxes are no comment. */
export function commentsFrom(body: Record<string, unknown>, d: { clauses: { id: number }[] }): CommentItemDto[] {
  const items: CommentItemDto[] = d.clauses.map((c) => ({ clauseId: c.id, text: text(body[`c${c.id}`]).trim() }));
  items.push({ clauseId: null, text: text(body.general).trim() });
  return items.filter((i) => i.text !== '');
}

/** The comments of a form checked with the API's DTO (lengths, the name), before the service sees them. */
async function checked<T extends object>(dto: ClassConstructor<T>, data: object): Promise<T> {
  const value = plainToInstance(dto, data);
  const problems = await validate(value, { whitelist: true, forbidNonWhitelisted: true });
  if (problems.length) {
    const fields = fieldErrors(problems);
    throw AppError.invalid(fields, Object.values(fields)[0][0]);
  }
  return value;
}

const commentValues = (body: Record<string, unknown>, d: DraftView) =>
  Object.fromEntries(
    [...d.clauses.map((c) => `c${c.id}`), 'general', 'authorName', 'phone', 'name'].map((k) => [k, text(body[k])]),
  );

/**
 * 征求意见 pages: the list, drafting, the organiser's page (status, 意见汇总 with 处理意见, export, open,
 * close, record paper forms, revise) and the participant's page (a comment box under each clause).
 * Every request goes through the drafts' services as the signed-in person.
 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Roles('staff', 'leader', 'member', 'unit', 'facilitator')
@Controller('drafts')
export class DraftPagesController {
  constructor(
    private readonly drafts: DraftsService,
    private readonly comments: DraftCommentsService,
    private readonly exporter: DraftExport,
    private readonly topics: TopicsService,
    private readonly choices: OrganizerChoices,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async listDrafts(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() raw: Record<string, unknown>,
  ): Promise<void> {
    const page = await this.drafts.list(actor, Object.assign(new DraftQuery(), { page: pageNumber(raw.page) }));
    this.pages.send(
      req,
      res,
      'drafts/index',
      { items: page.items, pager: pagerFor(page, '/drafts', {}), canCreate: hasRole(actor, 'staff', 'facilitator') },
      { section: 'drafts' },
    );
  }

  @Roles('staff', 'facilitator')
  @Get('new')
  async newDraft(@CurrentUser() actor: Actor, @Req() req: AuthedRequest, @Res() res: Response): Promise<void> {
    await this.sendNew(
      req,
      res,
      actor,
      formState({ title: '', description: '', organizer: '', topicId: '', text: '', openToPublic: false }),
    );
  }

  @Roles('staff', 'facilitator')
  @Post('new')
  async createDraft(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const organizer = hasRole(actor, 'staff') ? text(body.organizer) : `point:${actor.pointId}`;
    const { organizer: _, ...fields } = NEW_DRAFT;
    const outcome = await submitForm(CreateDraftDto, fields, body, (dto) =>
      this.drafts.create(actor, Object.assign(dto, dto.topicId ? {} : { organizer: organizerOf(organizer) })),
    );
    if (!outcome.ok)
      return this.sendNew(
        req,
        res,
        actor,
        { ...outcome.form, values: { ...outcome.form.values, organizer } },
        outcome.status,
      );
    this.pages.redirect(res, `/drafts/${outcome.result.id}?done=created`);
  }

  @Get(':id')
  async showDraft(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query() raw: Record<string, unknown>,
  ): Promise<void> {
    const revision =
      typeof raw.revision === 'string' && /^\d{1,4}$/.test(raw.revision) ? Number(raw.revision) : undefined;
    await this.sendDraft(req, res, actor, id, { revision, done: text(raw.done) || null });
  }

  @Roles('staff', 'facilitator')
  @Get(':id/export.xlsx')
  exportComments(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Res() res: Response,
  ): Promise<void> {
    return this.exporter.send(actor, id, res);
  }

  @Roles('staff', 'facilitator')
  @Post(':id/open')
  openDraft(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const closesAt = text(body.closesAt) ? zonedToIso(text(body.closesAt), this.pages.timeZone) : '';
    return this.act(req, res, actor, id, body, 'opened', () =>
      this.drafts.open(actor, id, {
        closesAt,
        openToPublic: body.openToPublic !== undefined,
        version: Number(body.version),
      }),
    );
  }

  @Roles('staff', 'facilitator')
  @Post(':id/close')
  closeDraft(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    return this.act(req, res, actor, id, body, 'closed', () =>
      this.drafts.close(actor, id, { version: Number(body.version) }),
    );
  }

  @Roles('staff', 'facilitator')
  @Post(':id/comments/:commentId/disposition')
  dispose(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Param('commentId', ParseIdPipe) commentId: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const disposition = text(body.disposition) as (typeof DISPOSITIONS)[number];
    return this.act(req, res, actor, id, body, `disposed#comment-${commentId}`, () =>
      this.comments.dispose(actor, commentId, { disposition, reason: text(body.reason).trim() || null }),
    );
  }

  /** The comment page: a participant comments as themselves; the organiser types in a paper 征求意见表 (`?record=1`). */
  @Roles('staff', 'facilitator', 'member', 'unit')
  @Post(':id/comments')
  async comment(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const d = await this.drafts.get(actor, id);
    const record = d.isOrganiser;
    const saved = await savedOrShownAgain(
      async () => {
        const items = commentsFrom(body, d);
        if (!items.length) throw AppError.invalidField('general', '请至少在一个意见框中填写意见');
        const dto = await checked(CreateCommentsDto, {
          comments: items,
          ...(record ? { authorName: text(body.authorName), phone: text(body.phone) } : {}),
        });
        await this.comments.comment(actor, id, dto);
      },
      { values: commentValues(body, d), spec: { general: 'text', authorName: 'text', phone: 'text' } },
      (failed) =>
        this.pages.send(
          req,
          res,
          'drafts/comment',
          { d, form: failed.form, record, done: null },
          { section: 'drafts', status: failed.status },
        ),
    );
    if (!saved) return;
    this.pages.redirect(res, record ? `/drafts/${id}/record?done=recorded` : `/drafts/${id}?done=commented`);
  }

  @Roles('staff', 'facilitator')
  @Get(':id/record')
  async recordForm(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query('done') done: unknown,
  ): Promise<void> {
    const d = await this.drafts.get(actor, id);
    this.pages.send(
      req,
      res,
      'drafts/comment',
      { d, form: formState(commentValues({}, d)), record: true, done: text(done) || null },
      { section: 'drafts' },
    );
  }

  @Roles('staff', 'facilitator')
  @Get(':id/revise')
  async reviseForm(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<void> {
    const d = await this.drafts.get(actor, id);
    this.pages.send(
      req,
      res,
      'drafts/revise',
      { d, form: formState({ text: joinClauses(d.clauses), note: '' }) },
      { section: 'drafts' },
    );
  }

  @Roles('staff', 'facilitator')
  @Post(':id/revise')
  async revise(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const d = await this.drafts.get(actor, id);
    const saved = await savedOrShownAgain(
      () =>
        this.drafts.revise(actor, id, {
          text: text(body.text),
          note: text(body.note).trim() || null,
          version: Number(body.version),
        }),
      { values: { text: text(body.text), note: text(body.note) }, spec: { text: 'text', note: 'text' } },
      (failed) =>
        this.pages.send(
          req,
          res,
          'drafts/revise',
          { d, form: failed.form },
          { section: 'drafts', status: failed.status },
        ),
    );
    if (!saved) return;
    this.pages.redirect(res, `/drafts/${id}?done=revised`);
  }

  /** A step from a button on the draft's page: back to the page, or the page again with the refusal. */
  private async act(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    body: Record<string, unknown>,
    done: string,
    step: () => Promise<unknown>,
  ): Promise<void> {
    const saved = await savedOrShownAgain(
      step,
      { values: { closesAt: text(body.closesAt) }, spec: { closesAt: 'text', disposition: 'text', reason: 'text' } },
      (failed) => this.sendDraft(req, res, actor, id, { form: failed.form, status: failed.status }),
    );
    if (!saved) return;
    const [word, anchor] = done.split('#');
    this.pages.redirect(res, `/drafts/${id}?done=${word}${anchor ? `#${anchor}` : ''}`);
  }

  /** The organiser's page, or — for participants and leaders — the comment page. */
  private async sendDraft(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    opts: { revision?: number; done?: string | null; form?: FormState; status?: number },
  ): Promise<void> {
    const d = await this.drafts.get(actor, id, opts.revision);
    const form =
      opts.form ?? formState({ closesAt: isoToZoned(new Date(Date.now() + 14 * 86_400_000), this.pages.timeZone) });
    if (!d.isOrganiser) {
      return this.pages.send(
        req,
        res,
        'drafts/comment',
        { d, form: opts.form ?? formState(commentValues({}, d)), record: false, done: opts.done ?? null },
        { section: 'drafts', status: opts.status },
      );
    }
    const summary = await this.comments.summary(actor, id);
    const dispose = d.status === 'closed' || d.status === 'revised';
    this.pages.send(
      req,
      res,
      'drafts/show',
      {
        d,
        summary,
        form,
        done: opts.done ?? null,
        can: {
          open: d.status === 'editing',
          close: d.status === 'open',
          record: d.canComment,
          revise: dispose,
          dispose,
        },
        dispositions: DISPOSITIONS.map((value) => ({ value, label: DISPOSITION_LABELS[value] })),
      },
      { section: 'drafts', status: opts.status },
    );
  }

  private async sendNew(req: AuthedRequest, res: Response, actor: Actor, form: FormState, status = 200): Promise<void> {
    const staff = hasRole(actor, 'staff');
    const organizers = staff ? await this.choices.organizers() : [];
    const topics = (await this.topics.list(actor, Object.assign(new TopicQuery(), { page: 1, pageSize: 100 }))).items
      .filter((t) => staff || (t.organizer.type === 'point' && t.organizer.id === actor.pointId))
      .map((t) => ({ value: String(t.id), label: t.title }));
    this.pages.send(
      req,
      res,
      'drafts/new',
      { form, choices: { organizers, topics }, staff },
      { section: 'drafts', status },
    );
  }
}

/** 公开征求意见: the public comment page of a draft opened to the public, without signing in. */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('public/drafts')
export class PublicDraftPagesController {
  constructor(
    private readonly comments: DraftCommentsService,
    private readonly pages: WebPages,
  ) {}

  @Public()
  @Get(':id')
  async showPublicDraft(
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query('done') done: unknown,
  ): Promise<void> {
    const d = await this.comments.publicView(id);
    this.send(
      req,
      res,
      d,
      formState(commentValues({}, d as never)),
      /^\d{1,4}$/.test(text(done)) ? Number(done) : null,
    );
  }

  @Public()
  @Post(':id')
  async commentPublicly(
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const d = await this.comments.publicView(id);
    let received = 0;
    const saved = await savedOrShownAgain(
      async () => {
        const items = commentsFrom(body, d);
        if (!items.length) throw AppError.invalidField('general', '请至少在一个意见框中填写意见');
        const dto = await checked(PublicCommentsDto, {
          name: text(body.name),
          phone: text(body.phone),
          comments: items,
        });
        received = (await this.comments.publicComment(id, dto, req.ip ?? 'unknown')).received;
      },
      { values: commentValues(body, d as never), spec: { name: 'text', phone: 'text', general: 'text' } },
      (failed) => {
        if (failed.retryAfter) res.setHeader('Retry-After', String(failed.retryAfter));
        this.send(req, res, d, failed.form, null, failed.status);
      },
    );
    if (saved) this.pages.redirect(res, `/public/drafts/${id}?done=${received}`);
  }

  /** Signed in, the session's token guards the form; otherwise a random one sent both as a cookie and in the form, as on the sign-in page. */
  private send(
    req: AuthedRequest,
    res: Response,
    d: Awaited<ReturnType<DraftCommentsService['publicView']>>,
    form: FormState,
    done: number | null,
    status = 200,
  ): void {
    this.pages.send(
      req,
      res,
      'public/draft',
      { d, form, done },
      { section: 'public', status, csrf: req.sessionToken ? undefined : anonymousCsrf(req, res) },
    );
  }
}
