import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { auditedStep } from '../audit/audited-step';
import { User } from '../auth/user.entity';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { Page, pageOf } from '../common/pagination';
import { wallClock } from '../common/time-zone';
import { assertAllowed } from '../common/workflow';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { assertVersion, findForUpdate } from '../database/rows';
import { Tally, tallyOf } from '../database/tally';
import { Tx } from '../database/tx';
import { Unit } from '../directory/directory.entities';
import { signerName } from '../reports/signoff/document-stamp';
import { InstructionEvents } from './instruction-events';
import { InstructionNotifier } from './instruction-notifier';
import { InstructionTargets } from './instruction-targets';
import { InstructionViews } from './instruction-views';
import { addDays, decideItem, ItemAction } from './instruction-workflow';
import {
  CreateInstructionDto,
  CreateItemDto,
  InstructionListQuery,
  InstructionView,
  ItemListQuery,
  ItemListView,
  ItemStepDto,
  ItemView,
} from './instruction.dto';
import { Instruction, InstructionItem } from './instruction.entities';
import { INSTRUCTION_CONFIG, InstructionConfig } from './instructions.config';

const notFound = () => AppError.notFound('领导批示', 'INSTRUCTION_NOT_FOUND');
const itemNotFound = () => AppError.notFound('交办事项', 'ITEM_NOT_FOUND');

/**
 * 领导批示 and their 交办事项: a leader records a 批示 on a document delivered to them or on a key proposal, staff
 * record one received on paper; staff hand items to units; the unit reports; staff accept or return. Who sees
 * what: staff everything; leaders the 批示 on what they can read; a unit its own items only (others: 404).
 */
@Injectable()
export class InstructionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly targets: InstructionTargets,
    private readonly views: InstructionViews,
    private readonly notifier: InstructionNotifier,
    private readonly events: InstructionEvents,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
    @Inject(INSTRUCTION_CONFIG) private readonly config: InstructionConfig,
  ) {}

  /** Today, `YYYY-MM-DD` in the office's time zone. */
  today(): string {
    return wallClock(this.clock.now(), this.app.displayTimeZone).toISOString().slice(0, 10);
  }

  get leaderLevels(): string[] {
    return this.config.leaderLevels;
  }

  /** 记录批示: the leader's own (today unless a day is given), or staff's from the paper (leader and day required). */
  record(actor: Actor, dto: CreateInstructionDto): Promise<InstructionView> {
    return this.tx.run(async (em) => {
      const { type, id } = dto.target;
      const title = await this.targets.forRecording(em, actor, type, id);
      if (!this.config.leaderLevels.includes(dto.leaderLevel))
        throw AppError.invalidField('leaderLevel', `批示领导职务须为${this.config.leaderLevels.join('、')}之一`);
      const today = this.today();
      if (dto.instructedOn && dto.instructedOn > today)
        throw AppError.invalidField('instructedOn', '批示日期不能晚于今天');
      const staff = hasRole(actor, 'staff');
      const leader = staff ? await this.leaderOf(em, dto) : { id: actor.id, name: signerName(actor.displayName) };
      if (staff && !dto.instructedOn) throw AppError.invalidField('instructedOn', '请填写批示日期');
      const row = await em.save(
        em.create(Instruction, {
          targetType: type,
          targetId: id,
          targetTitle: title.slice(0, 300),
          leaderUserId: leader.id,
          leaderName: leader.name.slice(0, 50),
          leaderLevel: dto.leaderLevel,
          text: dto.text,
          instructedOn: dto.instructedOn ?? today,
          onPaper: staff,
          recordedByUserId: actor.id,
          recordedAt: this.clock.now(),
        }),
      );
      await this.audit.record(em, {
        actor,
        action: 'instruction.record',
        entityType: 'instruction',
        entityId: row.id,
        to: {
          target: { type, id },
          leader: row.leaderName,
          level: row.leaderLevel,
          instructedOn: row.instructedOn,
          onPaper: row.onPaper,
        },
        comment: row.text,
      });
      if (!staff) await this.notifier.send(em, row, { kind: 'recorded' }, null, actor.id);
      await this.events.emit(em, actor, { kind: 'recorded', instruction: row });
      return (await this.views.instructions(em, actor, [row], today))[0];
    });
  }

  /** The leader a paper 批示 names: an enabled leader account, or a name. */
  private async leaderOf(em: EntityManager, dto: CreateInstructionDto): Promise<{ id: number | null; name: string }> {
    if (dto.leaderUserId !== undefined) {
      const u = await em.findOneBy(User, { id: dto.leaderUserId });
      if (!u || u.disabled || !u.roles.includes('leader'))
        throw AppError.invalidField('leaderUserId', `账号 ${dto.leaderUserId} 不是在用的领导账号`);
      return { id: u.id, name: signerName(u.displayName) };
    }
    if (!dto.leaderName) throw AppError.invalidField('leaderName', '请选择或填写批示领导');
    return { id: null, name: dto.leaderName };
  }

  /** By target (staff; leaders on what they can read), or — without one — staff all, a leader their own. */
  async list(actor: Actor, q: InstructionListQuery): Promise<Page<InstructionView>> {
    if ((q.targetType === undefined) !== (q.targetId === undefined))
      throw AppError.invalidField('targetId', '按批示对象查询须同时给出 targetType 和 targetId');
    const em = this.ds.manager;
    const qb = em.getRepository(Instruction).createQueryBuilder('i').orderBy('i.instructedOn', 'DESC');
    qb.addOrderBy('i.id', 'DESC');
    if (q.targetType && q.targetId) {
      await this.targets.forReading(em, actor, q.targetType, q.targetId);
      qb.where('i.targetType = :type AND i.targetId = :id', { type: q.targetType, id: q.targetId });
    } else if (!hasRole(actor, 'staff')) qb.where('i.leaderUserId = :me', { me: actor.id });
    const [rows, total] = await qb
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return pageOf(await this.views.instructions(em, actor, rows, this.today()), total, q);
  }

  /** The 批示 on one target, oldest first, for its page (the caller's reading of the target already checked). */
  async onTarget(actor: Actor, type: Instruction['targetType'], id: number): Promise<InstructionView[]> {
    const rows = await this.ds.getRepository(Instruction).find({
      where: { targetType: type, targetId: id },
      order: { instructedOn: 'ASC', id: 'ASC' },
    });
    return this.views.instructions(this.ds.manager, actor, rows, this.today());
  }

  /** The title of a target the caller may read (a form's heading), or 404. */
  targetTitle(actor: Actor, type: Instruction['targetType'], id: number): Promise<string> {
    return this.targets.forReading(this.ds.manager, actor, type, id);
  }

  async get(actor: Actor, id: number): Promise<InstructionView> {
    const em = this.ds.manager;
    const row = await this.readable(em, actor, id);
    return (await this.views.instructions(em, actor, [row], this.today()))[0];
  }

  private async readable(em: EntityManager, actor: Actor, id: number): Promise<Instruction> {
    const row = await em.findOneBy(Instruction, { id });
    if (!row) throw notFound();
    if (!hasRole(actor, 'staff') && row.leaderUserId !== actor.id) {
      try {
        await this.targets.forReading(em, actor, row.targetType, row.targetId);
      } catch {
        throw notFound();
      }
    }
    return row;
  }

  /** 交办: a task for an enabled unit, due on a day from today on; the unit is told. */
  addItem(actor: Actor, id: number, dto: CreateItemDto): Promise<ItemView> {
    return this.tx.run(async (em) => {
      const i = await em.findOneBy(Instruction, { id });
      if (!i) throw notFound();
      const unit = await em.findOneBy(Unit, { id: dto.unitId });
      if (!unit || unit.disabled) throw AppError.invalidField('unitId', `承办单位（编号 ${dto.unitId}）不存在或已停用`);
      const today = this.today();
      if (dto.dueOn < today) throw AppError.invalidField('dueOn', '办理期限不能早于今天');
      const now = this.clock.now();
      const item = await em.save(
        em.create(InstructionItem, {
          instructionId: i.id,
          unitId: unit.id,
          task: dto.task,
          dueOn: dto.dueOn,
          status: 'open',
          progress: null,
          reportedAt: null,
          returnNote: null,
          closedAt: null,
          overdueAt: null,
          createdByUserId: actor.id,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.audit.record(em, {
        actor,
        action: 'instruction_item.assign',
        entityType: 'instruction_item',
        entityId: item.id,
        to: { status: 'open', instructionId: i.id, unitId: unit.id, dueOn: item.dueOn },
        comment: item.task,
      });
      await this.notifier.send(em, i, { kind: 'assigned', item }, unit.id, actor.id);
      return (await this.views.items(em, actor, [item], today))[0];
    });
  }

  /** 报告进展 (the item's unit), 确认办结 or 退回 (staff), on the locked item at the version read. */
  step(actor: Actor, id: number, action: ItemAction, dto: ItemStepDto): Promise<ItemView> {
    return this.tx.run(async (em) => {
      const item = await findForUpdate(em, InstructionItem, id);
      if (!item || !this.mayRead(actor, item)) throw itemNotFound();
      assertVersion(item, dto.version);
      const isItemUnit = hasRole(actor, 'unit') && actor.unitId === item.unitId;
      const text = dto.text ?? null;
      const d = assertAllowed(decideItem(item.status, action, { isItemUnit, isStaff: hasRole(actor, 'staff'), text }));
      const now = this.clock.now();
      const set: Partial<InstructionItem> = { status: d.to };
      if (action === 'report') Object.assign(set, { progress: text, reportedAt: now });
      if (action === 'return') set.returnNote = text;
      if (action === 'accept') set.closedAt = now;
      await auditedStep(em, this.audit, {
        entity: InstructionItem,
        type: 'instruction_item',
        row: item,
        actor,
        at: now,
        // 确认办结 is `mark_done` in the trail (`accept` reads 立案 there, a proposal's step).
        action: action === 'accept' ? 'mark_done' : action,
        set,
        details: { instructionId: item.instructionId, unitId: item.unitId },
        comment: text,
      });
      const i = (await em.findOneBy(Instruction, { id: item.instructionId }))!;
      if (action === 'report') {
        const unit = await em.findOneBy(Unit, { id: item.unitId });
        await this.notifier.send(em, i, { kind: 'reported', item, unitName: unit?.name ?? '' }, null, actor.id);
      }
      if (action === 'return') await this.notifier.send(em, i, { kind: 'returned', item }, item.unitId, actor.id);
      if (action === 'accept') {
        const unit = await em.findOneBy(Unit, { id: item.unitId });
        await this.events.emit(em, actor, { kind: 'item_done', instruction: i, item, unitName: unit?.name ?? '' });
      }
      return (await this.views.items(em, actor, [item], this.today()))[0];
    });
  }

  /** Staff and leaders: every item; a unit: its own. */
  private mayRead(actor: Actor, item: InstructionItem): boolean {
    return hasRole(actor, 'staff', 'leader') || (hasRole(actor, 'unit') && actor.unitId === item.unitId);
  }

  async item(actor: Actor, id: number): Promise<ItemListView> {
    const em = this.ds.manager;
    const item = await em.findOneBy(InstructionItem, { id });
    if (!item || !this.mayRead(actor, item)) throw itemNotFound();
    return (await this.views.itemList(em, actor, [item], this.today()))[0];
  }

  /** 交办事项: a unit's own (whatever `unitId` says); staff and leaders all, or one unit's; overdue by due day. */
  async items(actor: Actor, q: ItemListQuery): Promise<Page<ItemListView>> {
    const qb = this.itemQuery(actor, q);
    if (q.overdue) qb.orderBy('it.dueOn', 'ASC').addOrderBy('it.id', 'ASC');
    else qb.orderBy('it.id', 'DESC');
    const [rows, total] = await qb
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return pageOf(await this.views.itemList(this.ds.manager, actor, rows, this.today()), total, q);
  }

  private itemQuery(actor: Actor, q: Partial<ItemListQuery>) {
    const qb = this.ds.getRepository(InstructionItem).createQueryBuilder('it');
    const today = this.today();
    if (!hasRole(actor, 'staff', 'leader')) qb.where('it.unitId = :own', { own: actor.unitId ?? 0 });
    else if (q.unitId) qb.where('it.unitId = :unitId', { unitId: q.unitId });
    if (q.status) qb.andWhere('it.status = :status', { status: q.status });
    if (q.open !== undefined) qb.andWhere(q.open ? "it.status <> 'done'" : "it.status = 'done'");
    if (q.overdue !== undefined)
      qb.andWhere(
        q.overdue ? "it.status <> 'done' AND it.dueOn < :today" : "(it.status = 'done' OR it.dueOn >= :today)",
        {
          today,
        },
      );
    return qb;
  }

  /** 待办 counts of a unit's items: overdue, due within the configured days, the rest still open. */
  async unitTallies(actor: Actor): Promise<{ overdue: Tally; dueSoon: Tally; later: Tally; dueSoonDays: number }> {
    const today = this.today();
    const soon = addDays(today, this.config.dueSoonDays);
    const open = () => this.itemQuery(actor, { open: true });
    return {
      overdue: await tallyOf(open().andWhere('it.dueOn < :today', { today }), 'it.createdAt'),
      dueSoon: await tallyOf(
        open().andWhere('it.dueOn >= :today AND it.dueOn <= :soon', { today, soon }),
        'it.createdAt',
      ),
      later: await tallyOf(open().andWhere('it.dueOn > :soon', { soon }), 'it.createdAt'),
      dueSoonDays: this.config.dueSoonDays,
    };
  }

  /** Staff's 待办: items a unit reported, waiting to be accepted or returned; and those overdue. */
  async staffTallies(actor: Actor): Promise<{ reported: Tally; overdue: Tally }> {
    return {
      reported: await tallyOf(this.itemQuery(actor, { status: 'reported' }), 'it.reportedAt'),
      overdue: await tallyOf(this.itemQuery(actor, { overdue: true }), 'it.createdAt'),
    };
  }

  /** Units a form may hand items to. */
  async unitChoices(): Promise<Array<{ id: number; name: string }>> {
    const rows = await this.ds.getRepository(Unit).find({ where: { disabled: false }, order: { name: 'ASC' } });
    return rows.map((u) => ({ id: u.id, name: u.name }));
  }

  /** Leader accounts a paper 批示 may name. */
  async leaderChoices(): Promise<Array<{ id: number; displayName: string }>> {
    const users = await this.ds.getRepository(User).find({ where: { disabled: false }, order: { displayName: 'ASC' } });
    return users.filter((u) => u.roles.includes('leader')).map((u) => ({ id: u.id, displayName: u.displayName }));
  }

  /** Whether `ids` of this type have any 批示 (for pages listing documents). */
  async countsOn(type: Instruction['targetType'], ids: number[]): Promise<Map<number, number>> {
    if (!ids.length) return new Map();
    const rows = await this.ds
      .getRepository(Instruction)
      .createQueryBuilder('i')
      .select('i.targetId', 'id')
      .addSelect('COUNT(*)', 'n')
      .where({ targetType: type, targetId: In(ids) })
      .groupBy('i.targetId')
      .getRawMany<{ id: unknown; n: unknown }>();
    return new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
  }
}
