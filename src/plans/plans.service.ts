import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { auditedStep } from '../audit/audited-step';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { Page, pageOf } from '../common/pagination';
import { assertAllowed } from '../common/workflow';
import { assertVersion, findForUpdate } from '../database/rows';
import { Tx } from '../database/tx';
import { updateVersioned } from '../database/versioned';
import { Unit } from '../directory/directory.entities';
import { OrganizerDto } from '../topics/dto/topic.dto';
import { MEETING_KIND_LABELS } from '../topics/topic-labels';
import { TopicsService, assertOrganizer } from '../topics/topics.service';
import { PlanItemView, PlanSummaryView, PlanView } from './dto/plan-view.dto';
import { CreatePlanDto, CreatePlanItemDto, PlanQuery, UpdatePlanItemDto, VersionDto } from './dto/plan.dto';
import { PlanAction, check, PlanFacts, QUARTER_LABELS } from './plan-rules';
import { PlanViews, SCOPE_LABELS } from './plan-views';
import { ConsultationPlan, PlanItem } from './plan.entities';

const planNotFound = () => AppError.notFound('年度协商计划', 'PLAN_NOT_FOUND');
const itemNotFound = () => AppError.notFound('计划事项', 'PLAN_ITEM_NOT_FOUND');

/**
 * 年度协商计划: drawn up by the office (staff), approved, then carried out item by item — each item
 * started becomes a topic (source 年度协商计划), settled at once: the plan's approval is its 定题.
 * Every change moves the plan's `version` and is audited on the plan.
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly views: PlanViews,
    private readonly topics: TopicsService,
  ) {}

  async list(q: PlanQuery): Promise<Page<PlanSummaryView>> {
    const [rows, total] = await this.ds.getRepository(ConsultationPlan).findAndCount({
      where: q.year ? { year: q.year } : {},
      order: { year: 'DESC', id: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return pageOf(await this.views.summaries(this.ds.manager, rows), total, q);
  }

  async get(id: number): Promise<PlanView> {
    const plan = await this.ds.getRepository(ConsultationPlan).findOneBy({ id });
    if (!plan) throw planNotFound();
    return this.views.detail(this.ds.manager, plan);
  }

  create(actor: Actor, dto: CreatePlanDto): Promise<PlanView> {
    return this.tx.run(async (em) => {
      const scopeType = dto.scope?.type ?? 'all';
      const scopeId = scopeType === 'all' ? 0 : (dto.scope?.id ?? 0);
      if (scopeType !== 'all') {
        if (!scopeId) throw AppError.invalidField('scope.id', `请选择${SCOPE_LABELS[scopeType]}`);
        await assertOrganizer(em, { type: scopeType, id: scopeId }, 'scope.id');
      }
      if (await em.existsBy(ConsultationPlan, { year: dto.year, scopeType, scopeId })) {
        throw AppError.conflict('PLAN_EXISTS', `${dto.year}年度的该范围已有协商计划`, { field: 'year' });
      }
      const now = this.clock.now();
      const plan = em.create(ConsultationPlan, {
        year: dto.year,
        title: dto.title ?? `${dto.year}年度协商计划`,
        scopeType,
        scopeId,
        status: 'draft',
        note: dto.note ?? null,
        createdByUserId: actor.id,
        approvedAt: null,
        approvedByUserId: null,
        createdAt: now,
        updatedAt: now,
      });
      await em.save(plan);
      await this.audit.record(em, {
        actor,
        action: 'plan.create',
        entityType: 'plan',
        entityId: plan.id,
        from: null,
        to: { status: plan.status, year: plan.year, title: plan.title, scopeType, scopeId },
      });
      return this.views.detail(em, plan);
    });
  }

  addItem(actor: Actor, planId: number, dto: CreatePlanItemDto): Promise<PlanItemView> {
    return this.tx.run(async (em) => {
      const plan = await this.loadPlan(em, planId, dto.version, 'editItems');
      await this.checkItemRefs(em, dto.organizer, dto.leadUnitId);
      const last = await em
        .createQueryBuilder(PlanItem, 'i')
        .select('MAX(i.position)', 'n')
        .where('i.planId = :planId', { planId })
        .getRawOne<{ n: number | string | null }>();
      const now = this.clock.now();
      const item = em.create(PlanItem, {
        planId,
        position: Number(last?.n ?? 0) + 1,
        title: dto.title,
        notes: dto.notes ?? null,
        form: dto.form,
        organizerType: dto.organizer.type,
        organizerId: dto.organizer.id,
        level: dto.level ?? (dto.organizer.type === 'point' ? 'community' : 'city'),
        quarter: dto.quarter,
        leadUnitId: dto.leadUnitId ?? null,
        topicId: null,
        startedAt: null,
        startedByUserId: null,
        createdAt: now,
        updatedAt: now,
      });
      await em.save(item);
      await this.write(em, actor, plan, 'item_add', {
        itemId: item.id,
        title: item.title,
        quarter: item.quarter,
        form: item.form,
      });
      return this.views.item(em, plan, item);
    });
  }

  updateItem(actor: Actor, itemId: number, dto: UpdatePlanItemDto): Promise<PlanItemView> {
    return this.tx.run(async (em) => {
      const { plan, item } = await this.loadItem(em, itemId, dto.version, 'editItems');
      if (dto.organizer || dto.leadUnitId) await this.checkItemRefs(em, dto.organizer, dto.leadUnitId);
      const set: Partial<PlanItem> = {};
      if (dto.title) set.title = dto.title;
      if (dto.notes !== undefined) set.notes = dto.notes;
      if (dto.form) set.form = dto.form;
      if (dto.organizer) Object.assign(set, { organizerType: dto.organizer.type, organizerId: dto.organizer.id });
      if (dto.quarter) set.quarter = dto.quarter;
      if (dto.level) set.level = dto.level;
      if (dto.leadUnitId !== undefined) set.leadUnitId = dto.leadUnitId;
      await updateVersioned(em, PlanItem, item, { ...set, updatedAt: this.clock.now() });
      await this.write(em, actor, plan, 'item_update', { itemId: item.id, ...set });
      return this.views.item(em, plan, item);
    });
  }

  removeItem(actor: Actor, itemId: number): Promise<void> {
    return this.tx.run(async (em) => {
      const { plan, item } = await this.loadItem(em, itemId, undefined, 'editItems');
      await em.delete(PlanItem, { id: item.id });
      await this.write(em, actor, plan, 'item_delete', { itemId: item.id, title: item.title });
    });
  }

  /** 批准: the plan is frozen; its items may now be started. */
  approve(actor: Actor, id: number, dto: VersionDto): Promise<PlanView> {
    return this.tx.run(async (em) => {
      const plan = await this.loadPlan(em, id, dto.version, 'approve', async () => ({
        items: await em.countBy(PlanItem, { planId: id }),
      }));
      const now = this.clock.now();
      await this.write(
        em,
        actor,
        plan,
        'approve',
        {},
        { status: 'approved', approvedAt: now, approvedByUserId: actor.id },
      );
      return this.views.detail(em, plan);
    });
  }

  /**
   * 启动: the item becomes a topic of its organiser, source 年度协商计划, raised and settled in one
   * action (the approved plan stands for 定题), linked both ways; a second start is a 409.
   */
  start(actor: Actor, itemId: number, dto: VersionDto): Promise<PlanItemView> {
    return this.tx.run(async (em) => {
      const { plan, item } = await this.loadItem(em, itemId, dto.version, 'start');
      // Checked on the locked item: two starts at once make one topic.
      assertAllowed(check(plan.status, 'start', { topicId: item.topicId }));
      const description = [
        item.notes,
        `列入${plan.year}年度协商计划（${QUARTER_LABELS[item.quarter - 1]}，${MEETING_KIND_LABELS[item.form]}）。`,
      ]
        .filter(Boolean)
        .join('\n');
      const organizer: OrganizerDto = Object.assign(new OrganizerDto(), {
        type: item.organizerType,
        id: item.organizerId,
      });
      const topic = await this.topics.raise(em, actor, {
        title: item.title,
        description,
        level: item.level,
        source: 'plan',
        organizer,
      });
      await this.topics.settleIn(em, actor, topic, `列入${plan.year}年度协商计划`);
      const now = this.clock.now();
      await updateVersioned(em, PlanItem, item, {
        topicId: topic.id,
        startedAt: now,
        startedByUserId: actor.id,
        updatedAt: now,
      });
      await this.write(em, actor, plan, 'start', { itemId: item.id, topicId: topic.id });
      return this.views.item(em, plan, item);
    });
  }

  private async loadPlan(
    em: EntityManager,
    id: number,
    version: number | undefined,
    action: PlanAction,
    facts: () => PlanFacts | Promise<PlanFacts> = () => ({}),
  ): Promise<ConsultationPlan> {
    const plan = await findForUpdate(em, ConsultationPlan, id);
    if (!plan) throw planNotFound();
    assertAllowed(check(plan.status, action, await facts()));
    assertVersion(plan, version);
    return plan;
  }

  /** The item and its plan, the plan locked first; `version` is the item's. */
  private async loadItem(
    em: EntityManager,
    id: number,
    version: number | undefined,
    action: PlanAction,
  ): Promise<{ plan: ConsultationPlan; item: PlanItem }> {
    const found = await em.findOneBy(PlanItem, { id });
    if (!found) throw itemNotFound();
    const plan = await this.loadPlan(em, found.planId, undefined, action);
    const item = (await findForUpdate(em, PlanItem, id))!;
    assertVersion(item, version);
    return { plan, item };
  }

  private async checkItemRefs(
    em: EntityManager,
    organizer: OrganizerDto | undefined,
    leadUnitId: number | null | undefined,
  ): Promise<void> {
    if (organizer) await assertOrganizer(em, organizer);
    if (leadUnitId && !(await em.existsBy(Unit, { id: leadUnitId, disabled: false })))
      throw AppError.invalidField('leadUnitId', `承办单位（编号 ${leadUnitId}）不存在或已停用`);
  }

  /** Moves the plan's version and records the step on the plan. */
  private async write(
    em: EntityManager,
    actor: Actor,
    plan: ConsultationPlan,
    action: string,
    details: Record<string, unknown>,
    set: Partial<ConsultationPlan> = {},
  ): Promise<void> {
    const at = this.clock.now();
    await auditedStep(em, this.audit, {
      entity: ConsultationPlan,
      type: 'plan',
      row: plan,
      action,
      details,
      set,
      actor,
      at,
    });
  }
}
