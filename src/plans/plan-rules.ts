/*
 * 年度协商计划, as plain functions (no Nest, no TypeORM): what a plan's state allows, and how far each
 * planned consultation has got. A plan is drawn up as a 草案 (items added, changed, removed), then
 * approved, which freezes it; an approved plan's items are started, each becoming a topic once.
 */

import { refuse, Refusal } from '../common/workflow';
import type { TopicStatus } from '../topics/topic-workflow';
import type { PlanStatus } from './plan.entities';

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = { draft: '草案', approved: '已批准' };

export const PLAN_ACTIONS = ['editItems', 'approve', 'start'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

const VERBS: Record<PlanAction, string> = { editItems: '增删改计划事项', approve: '批准', start: '启动计划事项' };
const FROM: Record<PlanAction, PlanStatus> = { editItems: 'draft', approve: 'draft', start: 'approved' };

export interface PlanFacts {
  /** approve: how many items the plan has. */
  items?: number;
  /** start: the item's topic, once started. */
  topicId?: number | null;
}

/** Why `action` may not be taken on a plan in `status` (409), or null when it may (approving moves it on: the service sets it). */
export function check(status: PlanStatus, action: PlanAction, facts: PlanFacts = {}): Refusal | null {
  if (FROM[action] !== status)
    return refuse(409, 'PLAN_WRONG_STATE', `年度协商计划当前为“${PLAN_STATUS_LABELS[status]}”，不能${VERBS[action]}`);
  if (action === 'approve' && !facts.items) return refuse(409, 'PLAN_EMPTY', '计划中还没有协商事项，不能批准');
  if (action === 'start' && facts.topicId)
    return refuse(409, 'ITEM_STARTED', `该计划事项已启动为协商议题（编号 ${facts.topicId}）`);
  return null;
}

export const ITEM_STATES = ['not_started', 'under_way', 'done'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const ITEM_STATE_LABELS: Record<ItemState, string> = {
  not_started: '未启动',
  under_way: '进行中',
  done: '已完成',
};

/** 已完成 once the consultation has agreed its outcomes (解题) or been evaluated; 进行中 from its start until then. */
export function itemState(topicStatus: TopicStatus | null): ItemState {
  if (topicStatus === null) return 'not_started';
  return topicStatus === 'resolving' || topicStatus === 'evaluated' ? 'done' : 'under_way';
}

export const QUARTER_LABELS = ['第一季度', '第二季度', '第三季度', '第四季度'];

/**
 * Overdue for its quarter: not done when the quarter is over. `wallNow` is now on the display zone's
 * wall clock (its UTC fields read the local date), so quarters end at local midnight.
 */
export function isOverdue(state: ItemState, year: number, quarter: number, wallNow: Date): boolean {
  return state !== 'done' && wallNow.getTime() >= Date.UTC(year, quarter * 3, 1);
}

export interface PlanProgress {
  total: number;
  notStarted: number;
  underWay: number;
  done: number;
  overdue: number;
  /** done / total, 0–1 to four places (0 for an empty plan). */
  doneRate: number;
}

export function progressOf(items: { state: ItemState; overdue: boolean }[]): PlanProgress {
  const n = (s: ItemState) => items.filter((i) => i.state === s).length;
  const done = n('done');
  return {
    total: items.length,
    notStarted: n('not_started'),
    underWay: n('under_way'),
    done,
    overdue: items.filter((i) => i.overdue).length,
    doneRate: items.length ? Math.round((done / items.length) * 10000) / 10000 : 0,
  };
}
