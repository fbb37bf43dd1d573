import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { User } from '../auth/user.entity';
import { Actor, hasRole } from '../common/actor';
import { iso } from '../common/iso-time';
import { Unit } from '../directory/directory.entities';
import {
  carriedOut,
  isOverdue,
  ITEM_STATUS_LABELS,
  ItemAction,
  itemActionsFrom,
  TARGET_TYPE_LABELS,
} from './instruction-workflow';
import { InstructionView, ItemListView, ItemView, TargetView } from './instruction.dto';
import { Instruction, InstructionItem } from './instruction.entities';

const targetOf = (i: Instruction): TargetView => ({
  type: i.targetType,
  id: i.targetId,
  title: i.targetTitle,
  typeLabel: TARGET_TYPE_LABELS[i.targetType],
});

/** The step `action` is one `actor` may take: the unit reports, staff accept and return. */
const mayTake = (actor: Actor, item: InstructionItem, action: ItemAction): boolean =>
  action === 'report' ? hasRole(actor, 'unit') && actor.unitId === item.unitId : hasRole(actor, 'staff');

/** The responses of the 批示 and their items: units and people by name, overdue as of `today`. */
@Injectable()
export class InstructionViews {
  async instructions(em: EntityManager, actor: Actor, rows: Instruction[], today: string): Promise<InstructionView[]> {
    if (!rows.length) return [];
    const items = await em.find(InstructionItem, {
      where: { instructionId: In(rows.map((r) => r.id)) },
      order: { id: 'ASC' },
    });
    const itemViews = await this.items(em, actor, items, today);
    const users = await this.people(
      em,
      rows.map((r) => r.recordedByUserId),
    );
    return rows.map((r) => {
      const mine = itemViews.filter((v) => v.instructionId === r.id);
      return {
        id: r.id,
        target: targetOf(r),
        leaderUserId: r.leaderUserId,
        leaderName: r.leaderName,
        leaderLevel: r.leaderLevel,
        text: r.text,
        instructedOn: r.instructedOn,
        onPaper: r.onPaper,
        recordedBy: users.get(r.recordedByUserId) ?? { id: r.recordedByUserId, displayName: '' },
        recordedAt: r.recordedAt.toISOString(),
        items: mine,
        itemCount: mine.length,
        doneCount: mine.filter((v) => v.status === 'done').length,
        overdueCount: mine.filter((v) => v.overdue).length,
        carriedOut: carriedOut(mine),
      };
    });
  }

  async items(em: EntityManager, actor: Actor, rows: InstructionItem[], today: string): Promise<ItemView[]> {
    const units = await this.units(
      em,
      rows.map((r) => r.unitId),
    );
    return rows.map((r) => ({
      id: r.id,
      instructionId: r.instructionId,
      unitId: r.unitId,
      unitName: units.get(r.unitId) ?? '',
      task: r.task,
      dueOn: r.dueOn,
      status: r.status,
      statusLabel: ITEM_STATUS_LABELS[r.status],
      overdue: isOverdue(r, today),
      progress: r.progress,
      reportedAt: iso(r.reportedAt),
      returnNote: r.returnNote,
      closedAt: iso(r.closedAt),
      actions: itemActionsFrom(r.status).filter((a) => mayTake(actor, r, a)),
      version: r.version,
    }));
  }

  /** Items with the 批示 each comes from. */
  async itemList(em: EntityManager, actor: Actor, rows: InstructionItem[], today: string): Promise<ItemListView[]> {
    const views = await this.items(em, actor, rows, today);
    const ids = [...new Set(rows.map((r) => r.instructionId))];
    const parents = new Map((ids.length ? await em.findBy(Instruction, { id: In(ids) }) : []).map((i) => [i.id, i]));
    return views.map((v) => {
      const i = parents.get(v.instructionId)!;
      return {
        ...v,
        leader: `${i.leaderName}（${i.leaderLevel}）`,
        instructionText: i.text,
        instructedOn: i.instructedOn,
        target: targetOf(i),
      };
    });
  }

  private async units(em: EntityManager, ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    const rows = unique.length
      ? await em.find(Unit, { where: { id: In(unique) }, select: { id: true, name: true } })
      : [];
    return new Map(rows.map((u) => [u.id, u.name]));
  }

  private async people(em: EntityManager, ids: number[]): Promise<Map<number, { id: number; displayName: string }>> {
    const unique = [...new Set(ids)];
    const rows = unique.length
      ? await em.find(User, { where: { id: In(unique) }, select: { id: true, displayName: true } })
      : [];
    return new Map(rows.map((u) => [u.id, { id: u.id, displayName: u.displayName }]));
  }
}
