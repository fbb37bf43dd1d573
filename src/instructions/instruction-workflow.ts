import { blank, refuse, Refusal, transitions } from '../common/workflow';

/*
 * The 交办事项 of a 领导批示, as a pure table: which step each state allows, who may take it, and when an item
 * is overdue. No Nest, no TypeORM; the services obey it through `assertAllowed`.
 */

/** What a 批示 may be given on; 社情民意 issues will be one more. */
export const INSTRUCTION_TARGET_TYPES = ['report', 'proposal'] as const;
export type InstructionTargetType = (typeof INSTRUCTION_TARGET_TYPES)[number];

export const TARGET_TYPE_LABELS: Record<InstructionTargetType, string> = { report: '文稿', proposal: '重点提案' };

export const ITEM_STATUSES = ['open', 'reported', 'done', 'returned'] as const;
/** 待办理, 已报告（待确认）, 已办结, 已退回 */
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  open: '待办理',
  reported: '已报告，待确认',
  done: '已办结',
  returned: '已退回，待重新报告',
};

export const ITEM_ACTIONS = ['report', 'accept', 'return'] as const;
/** 报告进展 (the unit), 确认办结 and 退回 (staff). */
export type ItemAction = (typeof ITEM_ACTIONS)[number];

export const ITEM_ACTION_LABELS: Record<ItemAction, string> = {
  report: '报告进展',
  accept: '确认办结',
  return: '退回',
};

export interface ItemFacts {
  /** The caller is an account of the item's unit. */
  isItemUnit: boolean;
  isStaff: boolean;
  /** The progress (report) or the note (return). */
  text: string | null;
}

export type ItemDecision = { ok: true; to: ItemStatus };

const ok = (to: ItemStatus): ItemDecision => ({ ok: true, to });

const table = transitions<ItemStatus, ItemAction, ItemFacts, ItemDecision>(
  ITEM_ACTIONS,
  {
    report: {
      from: ['open', 'reported', 'returned'],
      decide: (f) =>
        !f.isItemUnit
          ? refuse(403, 'NOT_ITEM_UNIT', '只有交办的承办单位可以报告办理进展')
          : blank(f.text)
            ? refuse(400, 'PROGRESS_REQUIRED', '请填写办理进展')
            : ok('reported'),
    },
    accept: {
      from: ['reported'],
      decide: (f) => (!f.isStaff ? refuse(403, 'FORBIDDEN', '只有机关工作人员可以确认办结') : ok('done')),
    },
    return: {
      from: ['reported'],
      decide: (f) =>
        !f.isStaff
          ? refuse(403, 'FORBIDDEN', '只有机关工作人员可以退回')
          : blank(f.text)
            ? refuse(400, 'NOTE_REQUIRED', '请填写退回意见')
            : ok('returned'),
    },
  },
  (status, action) =>
    refuse(
      409,
      'ITEM_STATE_CONFLICT',
      status === 'done'
        ? `该交办事项已办结，不能${ITEM_ACTION_LABELS[action]}`
        : `该交办事项${ITEM_STATUS_LABELS[status]}，不能${ITEM_ACTION_LABELS[action]}`,
    ),
);

/** The state `action` leads to from `status`, or why not (409 wrong state, 403 wrong person, 400 no text). */
export const decideItem = (status: ItemStatus, action: ItemAction, facts: ItemFacts): ItemDecision | Refusal =>
  table.decide(status, action, facts);

/** The actions a state allows, for the buttons a page shows (who may take them is the page's to check). */
export const itemActionsFrom = (status: ItemStatus): ItemAction[] => table.actionsFrom(status);

/** Overdue: not done, and its due day (`YYYY-MM-DD`) is before `today` (the same form, in the office's zone). */
export const isOverdue = (item: { status: ItemStatus; dueOn: string }, today: string): boolean =>
  item.status !== 'done' && item.dueOn < today;

/** Due soon: not done, not overdue, due within `days` days from `today` (both `YYYY-MM-DD`). */
export function isDueSoon(item: { status: ItemStatus; dueOn: string }, today: string, days: number): boolean {
  return item.status !== 'done' && item.dueOn >= today && item.dueOn <= addDays(today, days);
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Carried out 已落实: it has items, and every one is done. */
export const carriedOut = (items: ReadonlyArray<{ status: ItemStatus }>): boolean =>
  items.length > 0 && items.every((i) => i.status === 'done');
