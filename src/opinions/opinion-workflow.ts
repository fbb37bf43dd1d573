/*
 * The 社情民意信息 workflow as plain functions: no Nest, no TypeORM. The service gathers the facts,
 * asks `decide` (a step that moves the state) or `check` (an edit), then writes and audits in one
 * transaction. Checks run in one order: the state (409), then the person (403), then the input (400).
 */

import { Arrow, blank, Refusal, refuse, transitions } from '../common/workflow';

export type { Refusal };

/**
 * draft 草稿 → submitted 已报送 → accepted 采用编报 | archived 存档 | returned 退回修改 (→ submitted again).
 * Later parts add their states after `accepted` (merged into a 综合 item, compiled into an issue) without
 * changing these arrows.
 */
export const OPINION_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'accepted',
  'archived',
  'merged',
  'compiled',
] as const;
export type OpinionStatus = (typeof OPINION_STATUSES)[number];

export const OPINION_STATUS_LABELS: Record<OpinionStatus, string> = {
  draft: '草稿',
  submitted: '已报送',
  returned: '退回修改',
  accepted: '采用编报',
  archived: '存档',
  merged: '已合并',
  compiled: '已编入刊物',
};

export const OPINION_ACTIONS = ['submit', 'accept', 'archive', 'return'] as const;
export type OpinionAction = (typeof OPINION_ACTIONS)[number];

/** Edits: the submitter's own (draft or returned), staff's editing of a submitted item (the original kept). */
export const OPINION_SIDE_ACTIONS = ['edit', 'staffEdit'] as const;
export type OpinionSideAction = (typeof OPINION_SIDE_ACTIONS)[number];

export const OPINION_ACTION_VERBS: Record<OpinionAction | OpinionSideAction, string> = {
  submit: '报送',
  accept: '采用编报',
  archive: '存档',
  return: '退回修改',
  edit: '修改',
  staffEdit: '编辑',
};

/** The review decisions staff take on a submitted item. */
export const REVIEW_DECISIONS = ['accept', 'archive', 'return'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** A fact left out counts against the step. */
export interface OpinionFacts {
  /** The caller filed it: the first contributor member, or the staff account that filed a group's item. */
  isSubmitter?: boolean;
  /** The caller reviews 社情民意 (机关工作人员). */
  isStaff?: boolean;
  /** archive: the reason the submitter will see; return: the note on what to change. */
  reason?: string | null;
}

export interface Allowed {
  ok: true;
  to: OpinionStatus;
}

export type Decision = Allowed | Refusal;

/**
 * Steps taken on an accepted item as part of a set (accepted → merged into a 综合 item; accepted → compiled into
 * an issue of 《社情民意》): staff only, from `accepted` only. Kept apart from the arrows above, so the buttons
 * of a single item do not change; the staff desk offers them on a selection.
 */
export const POOL_STEPS = ['merge', 'compile'] as const;
export type PoolStep = (typeof POOL_STEPS)[number];

const POOL_VERBS: Record<PoolStep, string> = { merge: '合并为综合信息', compile: '编入《社情民意》' };
const POOL_TO: Record<PoolStep, OpinionStatus> = { merge: 'merged', compile: 'compiled' };

export function wrongState(status: OpinionStatus, action: OpinionAction | OpinionSideAction | PoolStep): Refusal {
  const verb = (OPINION_ACTION_VERBS as Record<string, string>)[action] ?? POOL_VERBS[action as PoolStep];
  return refuse(409, 'OPINION_WRONG_STATE', `社情民意信息当前为“${OPINION_STATUS_LABELS[status]}”，不能${verb}`);
}

const notStaff = () => refuse(403, 'NOT_STAFF', '只有机关工作人员可以审核社情民意信息');
const to = (status: OpinionStatus): Allowed => ({ ok: true, to: status });

const ARROWS: Record<OpinionAction, Arrow<OpinionStatus, OpinionFacts, Allowed>> = {
  submit: {
    from: ['draft', 'returned'],
    decide: (f) => (f.isSubmitter ? to('submitted') : refuse(403, 'NOT_SUBMITTER', '只有报送人可以报送该信息')),
  },
  accept: { from: ['submitted'], decide: (f) => (f.isStaff ? to('accepted') : notStaff()) },
  archive: {
    from: ['submitted'],
    decide: (f) => {
      if (!f.isStaff) return notStaff();
      if (blank(f.reason)) return refuse(400, 'REASON_REQUIRED', '存档须说明理由，报送人可以看到');
      return to('archived');
    },
  },
  return: {
    from: ['submitted'],
    decide: (f) => {
      if (!f.isStaff) return notStaff();
      if (blank(f.reason)) return refuse(400, 'NOTE_REQUIRED', '退回修改须写明修改意见');
      return to('returned');
    },
  },
};

/** `decide(status, action, facts)`: the new state or why not; `actionsFrom(status)`: the buttons a page may show. */
export const { decide, actionsFrom } = transitions(OPINION_ACTIONS, ARROWS, wrongState);

const SIDE_STATES: Record<OpinionSideAction, readonly OpinionStatus[]> = {
  edit: ['draft', 'returned'],
  staffEdit: ['submitted'],
};

const SIDE_GUARDS: Record<OpinionSideAction, (f: OpinionFacts) => Refusal | null> = {
  edit: (f) => (f.isSubmitter ? null : refuse(403, 'NOT_SUBMITTER', '只有报送人可以修改该信息')),
  staffEdit: (f) => (f.isStaff ? null : notStaff()),
};

/** null when the edit is allowed, else why not. */
export function check(status: OpinionStatus, step: OpinionSideAction, facts: OpinionFacts): Refusal | null {
  if (!SIDE_STATES[step].includes(status)) return wrongState(status, step);
  return SIDE_GUARDS[step](facts);
}

/** Which edit a caller makes of an item in `status`: the submitter's own before review, staff's during it. */
export function editStep(status: OpinionStatus, f: OpinionFacts): OpinionSideAction {
  return status === 'submitted' && f.isStaff ? 'staffEdit' : 'edit';
}

/** A pool step on one item of the set: 409 unless accepted, 403 unless staff; else the item's new status. */
export function decidePooled(status: OpinionStatus, step: PoolStep, f: OpinionFacts): Decision {
  if (status !== 'accepted') return wrongState(status, step);
  if (!f.isStaff) return refuse(403, 'NOT_STAFF', '只有机关工作人员可以合并信息或编入刊物');
  return to(POOL_TO[step]);
}

/** The characters of a text as people count them (one per Chinese character, emoji included). */
export const lengthOf = (text: string): number => [...text].length;
