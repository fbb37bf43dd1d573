import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor, hasRole } from '../../common/actor';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { fieldErrors, ParseIdPipe } from '../../common/validation';
import { targetLink } from '../../instructions/instruction-notifier';
import { INSTRUCTION_TARGET_TYPES, InstructionTargetType, ItemAction } from '../../instructions/instruction-workflow';
import { CreateInstructionDto, CreateItemDto, ItemListQuery, ItemStepDto } from '../../instructions/instruction.dto';
import { InstructionsService } from '../../instructions/instructions.service';
import { formErrorFrom, formState, FormState, FormSpec, parseQuery, readForm, withErrors } from '../kit/forms';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { pagerFor } from '../kit/paging';
import { WebPages } from '../kit/web-pages';

const RECORD: FormSpec = {
  text: 'text',
  leaderLevel: 'text',
  instructedOn: 'text?',
  leaderUserId: 'int|null',
  leaderName: 'text?',
};
const ITEM: FormSpec = { unitId: 'int', task: 'text', dueOn: 'text' };
const STEP: FormSpec = { version: 'int', text: 'text?' };
const ACTIONS: ItemAction[] = ['report', 'accept', 'return'];

/** The items list's tabs, each the list query it stands for. */
const TABS: Record<string, { label: string; query: Partial<ItemListQuery> }> = {
  open: { label: '未办结', query: { open: true } },
  overdue: { label: '已超期', query: { overdue: true } },
  reported: { label: '待确认', query: { status: 'reported' } },
  done: { label: '已办结', query: { status: 'done' } },
  all: { label: '全部', query: {} },
};

const DONE: Record<ItemAction, string> = {
  report: '已报告办理情况，工作人员确认后办结',
  accept: '已确认办结',
  return: '已退回，已通知承办单位',
};

/** Validates a plain object with the API's DTO: the instance, or the form with each message beside its field. */
async function checked<T extends object>(
  cls: new () => T,
  plain: object,
  form: FormState,
  spec: FormSpec,
): Promise<{ ok: true; dto: T } | { ok: false; form: FormState }> {
  const dto = plainToInstance(cls, plain);
  const problems = await validate(dto, { whitelist: true, forbidUnknownValues: false });
  if (!problems.length) return { ok: true, dto };
  const fields = fieldErrors(problems);
  // A bad target is the page's own fault (its hidden fields), shown at the text.
  for (const k of Object.keys(fields)) if (k.startsWith('target')) fields.text = [...(fields.text ?? []), ...fields[k]];
  return { ok: false, form: withErrors(form, spec, fields, [], { generalField: 'text' }) };
}

/**
 * 领导批示 pages: 记录批示 on a delivered document (the leader, or staff from the paper), 交办 of a 批示 to units
 * (staff), and 批示交办 — a unit's items with the report form, staff's with 确认办结 and 退回. The document's page
 * shows the 批示 themselves (web/reports); every check is the service's.
 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('instructions')
export class InstructionPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly instructions: InstructionsService,
  ) {}

  @Roles('staff', 'leader', 'unit')
  @Get('items')
  async listItems(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    await this.sendItems(req, res, actor, query);
  }

  @Roles('staff', 'unit')
  @Post('items/:id/:action')
  async stepItem(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Param('action') action: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const step = ACTIONS.find((a) => a === action);
    if (!step) return this.pages.redirect(res, '/instructions/items');
    const back = typeof body.back === 'string' && /^\/reports\/\d{1,9}$/.test(body.back) ? body.back : null;
    const tab = typeof body.tab === 'string' && body.tab in TABS ? body.tab : 'open';
    const { values, data } = readForm(STEP, body);
    const form = formState(values);
    const parsed = await checked(ItemStepDto, data, form, STEP);
    if (parsed.ok) {
      try {
        await this.instructions.step(actor, id, step, parsed.dto);
        return this.pages.redirect(res, back ? `${back}#instructions` : `/instructions/items?tab=${tab}&done=${step}`);
      } catch (e) {
        const failure = formErrorFrom(e, form, STEP, { generalField: 'text' });
        // The workflow's refusals name no field (请填写办理进展, a stale version): shown at the item's text box.
        const f = failure.form;
        const shown = f.errors.text ? f : { ...f, errors: { ...f.errors, text: f.summary[0]?.text ?? '' } };
        return this.sendItems(req, res, actor, { tab }, { id, form: shown }, failure.status);
      }
    }
    await this.sendItems(req, res, actor, { tab }, { id, form: parsed.form }, 400);
  }

  private async sendItems(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    query: Record<string, unknown>,
    failed?: { id: number; form: FormState },
    status = 200,
  ): Promise<void> {
    const tab =
      typeof query.tab === 'string' && query.tab in TABS
        ? query.tab
        : query.overdue === '1'
          ? 'overdue'
          : query.status === 'reported'
            ? 'reported'
            : 'open';
    const q = await parseQuery(ItemListQuery, { page: 'int' }, { page: query.page });
    const page = await this.instructions.items(actor, Object.assign(q, TABS[tab].query));
    const done = typeof query.done === 'string' && query.done in DONE ? DONE[query.done as ItemAction] : null;
    this.pages.send(
      req,
      res,
      'instructions/items',
      {
        items: page.items.map((i) => ({
          ...i,
          form: failed?.id === i.id ? failed.form : formState({ version: String(i.version), text: '' }),
          canReport: i.actions.includes('report'),
          canAccept: i.actions.includes('accept'),
          canReturn: i.actions.includes('return'),
        })),
        tab,
        tabs: Object.entries(TABS).map(([key, t]) => ({ key, label: t.label, href: `/instructions/items?tab=${key}` })),
        pager: pagerFor(page, '/instructions/items', { tab }),
        isUnit: hasRole(actor, 'unit') && !hasRole(actor, 'staff'),
        done,
      },
      { section: 'instructions', status },
    );
  }

  @Roles('staff', 'leader')
  @Get('new')
  async newInstruction(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const type = INSTRUCTION_TARGET_TYPES.find((t) => t === query.targetType) ?? 'report';
    const id = Number(query.targetId);
    await this.sendNew(
      req,
      res,
      actor,
      type,
      Number.isInteger(id) && id > 0 ? id : 0,
      formState({ instructedOn: this.instructions.today() }),
    );
  }

  private async sendNew(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    type: InstructionTargetType,
    id: number,
    form: FormState,
    status = 200,
  ): Promise<void> {
    const title = await this.instructions.targetTitle(actor, type, id);
    const staff = hasRole(actor, 'staff');
    this.pages.send(
      req,
      res,
      'instructions/new',
      {
        target: { type, id, title, href: targetLink({ targetType: type, targetId: id }) },
        isStaff: staff,
        levels: this.instructions.leaderLevels.map((l) => ({ value: l, label: l })),
        leaders: staff
          ? (await this.instructions.leaderChoices()).map((l) => ({ value: String(l.id), label: l.displayName }))
          : [],
        form,
      },
      { section: staff ? 'reports' : 'report-inbox', status },
    );
  }

  @Roles('staff', 'leader')
  @Post()
  async recordInstruction(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const type = INSTRUCTION_TARGET_TYPES.find((t) => t === body.targetType) ?? 'report';
    const id = /^\d{1,9}$/.test(String(body.targetId)) ? Number(body.targetId) : 0;
    const { values, data } = readForm(RECORD, body);
    if (data.leaderUserId === null) delete data.leaderUserId;
    const form = formState(values);
    const parsed = await checked(CreateInstructionDto, { ...data, target: { type, id } }, form, RECORD);
    if (!parsed.ok) return this.sendNew(req, res, actor, type, id, parsed.form, 400);
    try {
      await this.instructions.record(actor, parsed.dto);
    } catch (e) {
      const failure = formErrorFrom(e, form, RECORD, { generalField: 'text' });
      return this.sendNew(req, res, actor, type, id, failure.form, failure.status);
    }
    this.pages.redirect(res, `${targetLink({ targetType: type, targetId: id })}#instructions`);
  }

  @Roles('staff')
  @Get(':id/items/new')
  async newItem(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<void> {
    await this.sendNewItem(req, res, actor, id, formState({ unitId: '', task: '', dueOn: '' }));
  }

  private async sendNewItem(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    form: FormState,
    status = 200,
  ): Promise<void> {
    const instruction = await this.instructions.get(actor, id);
    this.pages.send(
      req,
      res,
      'instructions/new-item',
      {
        instruction,
        back: targetLink({ targetType: instruction.target.type, targetId: instruction.target.id }),
        units: (await this.instructions.unitChoices()).map((u) => ({ value: String(u.id), label: u.name })),
        form,
      },
      { section: 'reports', status },
    );
  }

  @Roles('staff')
  @Post(':id/items')
  async addItem(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const { values, data } = readForm(ITEM, body);
    const form = formState(values);
    const parsed = await checked(CreateItemDto, data, form, ITEM);
    if (!parsed.ok) return this.sendNewItem(req, res, actor, id, parsed.form, 400);
    try {
      await this.instructions.addItem(actor, id, parsed.dto);
    } catch (e) {
      const failure = formErrorFrom(e, form, ITEM, { generalField: 'task' });
      return this.sendNewItem(req, res, actor, id, failure.form, failure.status);
    }
    const i = await this.instructions.get(actor, id);
    this.pages.redirect(res, `${targetLink({ targetType: i.target.type, targetId: i.target.id })}#instructions`);
  }
}
