import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController, OmitType } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor, hasRole } from '../../common/actor';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseIdPipe } from '../../common/validation';
import { DirectoryQuery } from '../../directory/directory.dto';
import { UnitsService } from '../../directory/units.service';
import { PlanView } from '../../plans/dto/plan-view.dto';
import { CreatePlanDto, CreatePlanItemDto, PlanQuery } from '../../plans/dto/plan.dto';
import { QUARTER_LABELS } from '../../plans/plan-rules';
import { PlansService } from '../../plans/plans.service';
import { MEETING_KINDS } from '../../topics/meeting.entities';
import { MEETING_KIND_LABELS } from '../../topics/topic-labels';
import { formState, FormSpec, FormState, savedOrShownAgain, submitForm } from '../kit/forms';
import { OrganizerChoices, organizerOf } from '../kit/organizer-choices';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { StepForm, StepForms } from '../kit/step-forms';
import { WebPages } from '../kit/web-pages';

const NEW_PLAN: FormSpec = { year: 'int', title: 'text?' };
const NEW_ITEM: FormSpec = {
  title: 'text',
  form: 'text',
  organizer: 'text',
  quarter: 'int',
  leadUnitId: 'int',
  notes: 'text?',
  version: 'int',
};

/** The item form: the organiser is one select (`point:3`), the rest as the API takes it. */
class PlanItemForm extends OmitType(CreatePlanItemDto, ['organizer'] as const) {
  @Matches(/^(point|committee|sector):\d{1,10}$/, { message: '请选择组织方' })
  organizer!: string;
}
const ITEM_BLANK = { title: '', form: '', organizer: '', quarter: '', leadUnitId: '', notes: '' };

/**
 * 年度协商计划 pages: the plans by year, and a plan's page — its items by quarter with each one's topic and
 * step, the progress bar and what is overdue; for staff the forms to add items, approve and start them.
 * Leaders read the same page without the forms.
 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Roles('staff', 'leader')
@Controller('plans')
export class PlanPagesController {
  constructor(
    private readonly plans: PlansService,
    private readonly organizers: OrganizerChoices,
    private readonly units: UnitsService,
    private readonly pages: WebPages,
    private readonly steps: StepForms,
  ) {}

  /** 加入协商事项 on the plan's page. */
  private readonly itemStep: StepForm<PlanItemForm> = {
    dto: PlanItemForm,
    spec: NEW_ITEM,
    save: (actor, id, dto) => this.plans.addItem(actor, id, { ...dto, organizer: organizerOf(dto.organizer)! }),
    done: 'added',
  };

  @Get()
  async listPlans(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query('year') rawYear: unknown,
    form?: FormState,
    status = 200,
  ): Promise<void> {
    const year = typeof rawYear === 'string' && /^\d{4}$/.test(rawYear) ? Number(rawYear) : undefined;
    const page = await this.plans.list(Object.assign(new PlanQuery(), { page: 1, pageSize: 100, year }));
    const thisYear = String(new Date().getFullYear() + 1);
    this.pages.send(
      req,
      res,
      'plans/index',
      {
        items: page.items,
        year: year ? String(year) : '',
        form: form ?? formState({ year: thisYear, title: '' }),
        canCreate: hasRole(actor, 'staff'),
      },
      { section: 'plans', status },
    );
  }

  @Roles('staff')
  @Post()
  async createPlan(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const outcome = await submitForm(CreatePlanDto, NEW_PLAN, body, (dto) => this.plans.create(actor, dto));
    if (!outcome.ok) return this.listPlans(actor, req, res, undefined, outcome.form, outcome.status);
    this.pages.redirect(res, `/plans/${outcome.result.id}?done=created`);
  }

  @Get(':id')
  async showPlan(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query('done') done: unknown,
  ): Promise<void> {
    await this.send(
      req,
      res,
      actor,
      await this.plans.get(id),
      formState(ITEM_BLANK),
      typeof done === 'string' ? done : null,
    );
  }

  @Roles('staff')
  @Post(':id/items')
  addItem(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    return this.steps.post(res, { actor, id, body }, this.itemStep, {
      page: `/plans/${id}`,
      refused: async (form, status) => this.send(req, res, actor, await this.plans.get(id), form, null, status),
    });
  }

  @Roles('staff')
  @Post(':id/approve')
  approve(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    return this.act(req, res, actor, id, 'approved', () =>
      this.plans.approve(actor, id, { version: Number(body.version) }),
    );
  }

  @Roles('staff')
  @Post(':id/items/:itemId/start')
  start(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Param('itemId', ParseIdPipe) itemId: number,
  ): Promise<void> {
    return this.act(req, res, actor, id, 'started', () => this.plans.start(actor, itemId, {}));
  }

  @Roles('staff')
  @Post(':id/items/:itemId/delete')
  remove(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Param('itemId', ParseIdPipe) itemId: number,
  ): Promise<void> {
    return this.act(req, res, actor, id, 'removed', () => this.plans.removeItem(actor, itemId));
  }

  private async act(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    done: string,
    step: () => Promise<unknown>,
  ): Promise<void> {
    const saved = await savedOrShownAgain(step, { values: ITEM_BLANK, spec: NEW_ITEM }, async (failed) =>
      this.send(req, res, actor, await this.plans.get(id), failed.form, null, failed.status),
    );
    if (saved) this.pages.redirect(res, `/plans/${id}?done=${done}`);
  }

  private async send(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    plan: PlanView,
    form: FormState,
    done: string | null,
    status = 200,
  ): Promise<void> {
    const staff = hasRole(actor, 'staff');
    const edit = staff && plan.status === 'draft';
    const units = edit
      ? (await this.units.list(Object.assign(new DirectoryQuery(), { page: 1, pageSize: 100 }))).items
      : [];
    this.pages.send(
      req,
      res,
      'plans/show',
      {
        plan,
        quarters: QUARTER_LABELS.map((label, i) => ({
          label,
          items: plan.items.filter((item) => item.quarter === i + 1),
        })),
        form,
        done,
        can: { edit, approve: edit, start: staff && plan.status === 'approved' },
        choices: {
          organizers: edit ? await this.organizers.organizers() : [],
          forms: MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] })),
          quarters: QUARTER_LABELS.map((label, i) => ({ value: String(i + 1), label })),
          units: units.map((u) => ({ value: String(u.id), label: u.name })),
        },
      },
      { section: 'plans', status },
    );
  }
}
