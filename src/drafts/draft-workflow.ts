/*
 * 征求意见: a draft document put out for comment clause by clause, as plain functions (no Nest, no TypeORM).
 * editing 拟稿中 ─open→ open 征求意见中 ─close (or its closing time)→ closed ─revise→ revised (and revise again).
 * Checked in the order the other workflows use: the state (409), the person (403), the input (400), the other facts (409).
 */

import { Arrow, blank, Refusal, refuse, transitions } from '../common/workflow';

export type { Refusal };

export const DRAFT_STATUSES = ['editing', 'open', 'closed', 'revised'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

export const DRAFT_STATUS_LABELS: Record<DraftStatus, string> = {
  editing: '拟稿中',
  open: '征求意见中',
  closed: '征求意见已结束',
  revised: '已修订',
};

export const DRAFT_ACTIONS = ['edit', 'open', 'close', 'comment', 'dispose', 'revise'] as const;
export type DraftAction = (typeof DRAFT_ACTIONS)[number];

const VERBS: Record<DraftAction, string> = {
  edit: '修改',
  open: '发布征求意见',
  close: '结束征求意见',
  comment: '提出意见',
  dispose: '处理意见',
  revise: '登记修订稿',
};

/** 采纳 / 部分采纳 / 不采纳: what the organiser made of one comment. */
export const DISPOSITIONS = ['adopted', 'partly', 'not_adopted'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const DISPOSITION_LABELS: Record<Disposition, string> = {
  adopted: '采纳',
  partly: '部分采纳',
  not_adopted: '不采纳',
};

export interface DraftFacts {
  /** The caller runs the draft: staff, or the facilitator of the point that organises it. */
  isOrganiser?: boolean;
  /** close: the sweep closing a draft whose time is up. */
  isSystem?: boolean;
  /** comment: the caller may comment (a participant, the organiser recording a form, or anyone when open to the public). */
  mayComment?: boolean;
  /** open: when comments close; comment: when they close, and now. */
  closesAt?: Date | null;
  now?: Date;
  /** dispose: the disposition and its reason (部分采纳 and 不采纳 need one). */
  disposition?: Disposition;
  reason?: string | null;
}

export interface Allowed {
  ok: true;
  to: DraftStatus;
}

export type Decision = Allowed | Refusal;

const to = (status: DraftStatus): Allowed => ({ ok: true, to: status });
const notOrganiser = (action: DraftAction) =>
  refuse(403, 'NOT_ORGANISER', `只有该征求意见稿的组织方可以${VERBS[action]}`);

export function wrongState(status: DraftStatus, action: DraftAction): Refusal {
  return refuse(409, 'DRAFT_WRONG_STATE', `征求意见稿当前为“${DRAFT_STATUS_LABELS[status]}”，不能${VERBS[action]}`);
}

type DraftArrow = Arrow<DraftStatus, DraftFacts, Allowed>;

const organiserOnly =
  (action: DraftAction, next: DraftStatus | null): DraftArrow['decide'] =>
  (f, status) =>
    f.isOrganiser ? to(next ?? status) : notOrganiser(action);

const ARROWS: Record<DraftAction, DraftArrow> = {
  edit: { from: ['editing'], decide: organiserOnly('edit', null) },
  open: {
    from: ['editing'],
    decide: (f) => {
      if (!f.isOrganiser) return notOrganiser('open');
      if (!f.closesAt) return refuse(400, 'CLOSES_AT_REQUIRED', '请填写征求意见的截止时间');
      if (!f.now || f.closesAt.getTime() <= f.now.getTime()) return refuse(400, 'CLOSES_AT_PAST', '截止时间须晚于现在');
      return to('open');
    },
  },
  close: { from: ['open'], decide: (f) => (f.isOrganiser || f.isSystem ? to('closed') : notOrganiser('close')) },
  comment: {
    from: ['open'],
    decide: (f, status) => {
      // The closing time ends the comments even before the sweep marks the draft closed.
      if (!f.closesAt || !f.now || f.now.getTime() >= f.closesAt.getTime())
        return refuse(409, 'DRAFT_CLOSED', '征求意见已截止，不能再提出意见');
      if (!f.mayComment) return refuse(403, 'NOT_INVITED', '您不在该征求意见稿的征求范围内');
      return to(status);
    },
  },
  dispose: {
    // 逐条研究: the organiser answers each comment once the comments are in.
    from: ['closed', 'revised'],
    decide: (f, status) => {
      if (!f.isOrganiser) return notOrganiser('dispose');
      if (!f.disposition) return refuse(400, 'DISPOSITION_REQUIRED', '请选择处理意见');
      if (f.disposition !== 'adopted' && blank(f.reason))
        return refuse(400, 'REASON_REQUIRED', `${DISPOSITION_LABELS[f.disposition]}须说明理由`);
      return to(status);
    },
  },
  revise: { from: ['closed', 'revised'], decide: organiserOnly('revise', 'revised') },
};

/**
 * `decide`: may `action` be taken in `status` with these facts? The state it leads to, or why not.
 * `actionsFrom`: the actions a state allows, for pages that show only the buttons that can work.
 */
export const { decide, actionsFrom } = transitions(DRAFT_ACTIONS, ARROWS, wrongState);
