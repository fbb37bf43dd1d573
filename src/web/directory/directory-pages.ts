import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ClassConstructor } from 'class-transformer';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor, hasRole } from '../../common/actor';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { Page } from '../../common/pagination';
import { ParseIdPipe } from '../../common/validation';
import { DirectoryQuery } from '../../directory/directory.dto';
import { FormOutcome, formState, FormSpec, FormState, FormValue, parseQuery, submitForm } from '../kit/forms';
import { DirectorySection, Option, ViewContexts } from '../kit/layout';
import { LIST_QUERY, pagerFor } from '../kit/paging';
import { WebPages } from '../kit/web-pages';
import { DirectoryFormView, DirectoryItem, DirectoryListView } from './views';

type ListViewName = {
  [K in keyof ViewContexts]: ViewContexts[K] extends DirectoryListView ? K : never;
}[keyof ViewContexts];
type FormViewName = {
  [K in keyof ViewContexts]: ViewContexts[K] extends DirectoryFormView ? K : never;
}[keyof ViewContexts];

/** The four calls every directory service offers (members, units, points, sessions; sectors and committees by kind). */
export interface DirectoryRecords<V, C, U, Q> {
  /** With a `reader`, the records as that reader may see them (members: no phones but to admin, staff and the member). */
  list(q: Q, reader?: Actor): Promise<Page<V>>;
  get(id: number): Promise<V>;
  create(actor: Actor, dto: C): Promise<V>;
  update(actor: Actor, id: number, dto: U): Promise<V>;
}

/** What differs between one directory's pages and another's. */
export interface DirectoryPagesConfig<Q, C, U> {
  section: DirectorySection;
  views: { list: ListViewName; form: FormViewName };
  /** The list's query string: `q`, `page` and the list's own filters. */
  query: { dto: ClassConstructor<Q>; spec: FormSpec };
  create: { dto: ClassConstructor<C>; spec: FormSpec };
  update: { dto: ClassConstructor<U>; spec: FormSpec };
}

export const formText = (value: number | string | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);

/**
 * List, create and edit pages of one directory, over its service and the API's DTOs.
 * Anyone signed in reads the list; admin and staff see disabled records too and may create and edit.
 * A subclass names its routes (`@Controller`), its service, its form fields and the choices its forms offer.
 */
export abstract class DirectoryPages<
  V extends DirectoryItem,
  C extends object,
  U extends object,
  Q extends DirectoryQuery,
> {
  protected abstract readonly config: DirectoryPagesConfig<Q, C, U>;
  protected abstract readonly records: DirectoryRecords<V, C, U, Q>;

  constructor(protected readonly pages: WebPages) {}

  /** The values of a blank create form. */
  protected abstract blank(): Record<string, FormValue>;
  /** An edit form filled from the record. */
  protected abstract formOf(record: V): Record<string, FormValue>;
  /** Options of the form's selects and checkbox groups (the record's current choices stay offered even if since disabled). */
  protected choices(_record: V | null): Promise<Record<string, Option[]>> {
    return Promise.resolve({});
  }

  private get basePath(): string {
    return `/directory/${this.config.section}`;
  }

  @Get()
  async list(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const spec = { ...LIST_QUERY, ...this.config.query.spec };
    const q = await parseQuery(this.config.query.dto, spec, query);
    const canEdit = hasRole(actor, 'admin', 'staff');
    q.includeDisabled = canEdit;
    const page = await this.records.list(q, actor);
    const filters: Record<string, string> = {};
    for (const key of Object.keys(spec))
      if (key !== 'page') filters[key] = formText((q as Record<string, unknown>)[key] as string | undefined);
    const view: DirectoryListView = {
      section: this.config.section,
      basePath: this.basePath,
      items: page.items,
      pager: pagerFor(page, this.basePath, filters),
      q: filters.q ?? '',
      filters,
      choices: await this.choices(null),
      canEdit,
      done: typeof query.done === 'string' ? query.done : null,
    };
    this.pages.send(req, res, this.config.views.list, view, { section: this.config.section });
  }

  @Roles('admin', 'staff')
  @Get('new')
  async showCreate(@Req() req: AuthedRequest, @Res() res: Response): Promise<void> {
    await this.sendForm(req, res, formState(this.blank()), null);
  }

  @Roles('admin', 'staff')
  @Post('new')
  async create(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const { dto, spec } = this.config.create;
    const outcome = await submitForm(dto, spec, body, (value) => this.records.create(actor, value), {
      timeZone: this.pages.timeZone,
    });
    await this.finish(req, res, outcome, null, 'created');
  }

  @Roles('admin', 'staff')
  @Get(':id/edit')
  async showEdit(@Req() req: AuthedRequest, @Res() res: Response, @Param('id', ParseIdPipe) id: number): Promise<void> {
    const record = await this.records.get(id);
    await this.sendForm(req, res, formState(this.formOf(record)), record);
  }

  @Roles('admin', 'staff')
  @Post(':id/edit')
  async update(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const record = await this.records.get(id);
    const { dto, spec } = this.config.update;
    const outcome = await submitForm(dto, spec, body, (value) => this.records.update(actor, id, value), {
      timeZone: this.pages.timeZone,
    });
    await this.finish(req, res, outcome, record, 'updated');
  }

  private async finish(
    req: AuthedRequest,
    res: Response,
    outcome: FormOutcome<V>,
    record: V | null,
    done: string,
  ): Promise<void> {
    if (!outcome.ok) return this.sendForm(req, res, outcome.form, record, outcome.status);
    this.pages.redirect(res, `${this.basePath}?done=${done}`);
  }

  private async sendForm(
    req: AuthedRequest,
    res: Response,
    form: FormState,
    record: V | null,
    status = 200,
  ): Promise<void> {
    const action = record ? `${this.basePath}/${record.id}/edit` : `${this.basePath}/new`;
    const view: DirectoryFormView = {
      section: this.config.section,
      basePath: this.basePath,
      action,
      form,
      record,
      choices: await this.choices(record),
    };
    this.pages.send(req, res, this.config.views.form, view, { section: this.config.section, status });
  }
}
