/*
 * 回头看: the rules of a reply's commitments (承诺事项) as plain functions — which replies may carry them, the
 * steps promised → reported → kept | not_kept, what a list calls each one today, and the kept-on-time rates.
 * Days are Shanghai calendar days `YYYY-MM-DD`; they compare as text.
 */

import { Arrow, blank, Refusal, refuse, transitions } from '../common/workflow';

export const COMMITMENT_STATUSES = ['promised', 'reported', 'kept', 'not_kept'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const COMMITMENT_STATUS_LABELS: Record<CommitmentStatus, string> = {
  promised: '待落实',
  reported: '已报告落实情况',
  kept: '已兑现',
  not_kept: '未兑现',
};

/** What a list calls a commitment today: `promised` splits into due (未到期) and overdue (已逾期). */
export const COMMITMENT_STATES = ['due', 'overdue', 'reported', 'kept', 'not_kept'] as const;
export type CommitmentState = (typeof COMMITMENT_STATES)[number];

export const COMMITMENT_STATE_LABELS: Record<CommitmentState, string> = {
  due: '待落实',
  overdue: '已逾期未报告',
  reported: '已报告落实情况',
  kept: '已兑现',
  not_kept: '未兑现',
};

/** At most this many commitments in one reply. */
export const MAX_COMMITMENTS = 10;
export const MAX_COMMITMENT_TEXT = 1000;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day `YYYY-MM-DD`. */
export function isDay(day: unknown): day is string {
  if (typeof day !== 'string' || !DAY.test(day)) return false;
  const at = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(day);
}

/** The start of a Shanghai day, as stored. */
export const dayStart = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/**
 * Commitments go with every class but the first of `config/proposals.json` (A, 已解决或采纳: nothing is left
 * to promise). They are expected on B and C replies but not required: a C reply (留作参考) often promises nothing
 * datable, and a required row would be filled with an invented one.
 */
export const takesCommitments = (classification: string, classCodes: readonly string[]): boolean =>
  classCodes.indexOf(classification) > 0;

export interface CommitmentInput {
  text: string;
  dueDate: string;
}

/** The commitments sent with a reply: allowed on its class, each due on a real day no earlier than today. */
export function checkCommitments(
  classification: string,
  classCodes: readonly string[],
  inputs: readonly CommitmentInput[],
  today: string,
): Refusal | null {
  if (!inputs.length) return null;
  if (!takesCommitments(classification, classCodes))
    return refuse(
      400,
      'COMMITMENTS_NOT_ALLOWED',
      `${classification}类答复不填写承诺事项，承诺事项只随${classCodes.slice(1).join('、')}类答复填写`,
    );
  if (inputs.length > MAX_COMMITMENTS)
    return refuse(400, 'TOO_MANY_COMMITMENTS', `一件答复最多填写 ${MAX_COMMITMENTS} 项承诺事项`);
  for (const [i, c] of inputs.entries()) {
    if (blank(c.text)) return refuse(400, 'VALIDATION_FAILED', `请填写第 ${i + 1} 项承诺事项的内容`);
    if (c.text.length > MAX_COMMITMENT_TEXT)
      return refuse(400, 'VALIDATION_FAILED', `第 ${i + 1} 项承诺事项最多 ${MAX_COMMITMENT_TEXT} 个字`);
    if (!isDay(c.dueDate))
      return refuse(400, 'COMMITMENT_DUE_DATE', `第 ${i + 1} 项承诺事项的完成期限须为日期，如 2027-06-30`);
    if (c.dueDate < today) return refuse(400, 'COMMITMENT_DUE_DATE', `第 ${i + 1} 项承诺事项的完成期限不能早于今天`);
  }
  return null;
}

/** The commitment's state on `today`. */
export function stateOf(status: CommitmentStatus, dueDate: string, today: string): CommitmentState {
  if (status !== 'promised') return status;
  return dueDate < today ? 'overdue' : 'due';
}

/** Kept on time: kept, and done on or before the day it was due (null while not judged). */
export function keptOnTime(status: CommitmentStatus, dueDate: string, doneDate: string | null): boolean | null {
  if (status === 'kept') return doneDate !== null && doneDate <= dueDate;
  if (status === 'not_kept') return false;
  return null;
}

export const COMMITMENT_ACTIONS = ['report', 'verdict'] as const;
export type CommitmentAction = (typeof COMMITMENT_ACTIONS)[number];

export interface CommitmentFacts {
  /** report: the caller is the replying unit. */
  isUnit?: boolean;
  /** verdict: the caller is a proposer (the lead, a confirmed co-signer, or the staff who filed a group proposal). */
  isProposer?: boolean;
  /** report: the day the unit says it was done, and today. A report before the due day is allowed. */
  doneDate?: string;
  today?: string;
  /** verdict */
  kept?: boolean;
  comment?: string | null;
}

export interface CommitmentDecision {
  ok: true;
  to: CommitmentStatus;
}

const ARROWS: Record<CommitmentAction, Arrow<CommitmentStatus, CommitmentFacts, CommitmentDecision>> = {
  report: {
    from: ['promised'],
    decide: (f) => {
      if (!f.isUnit) return refuse(403, 'FORBIDDEN', '只有作出承诺的承办单位可以报告落实情况');
      if (!f.doneDate || !isDay(f.doneDate)) return refuse(400, 'VALIDATION_FAILED', '完成日期须为日期，如 2027-06-30');
      if (f.today && f.doneDate > f.today) return refuse(400, 'VALIDATION_FAILED', '完成日期不能晚于今天');
      return { ok: true, to: 'reported' };
    },
  },
  verdict: {
    from: ['reported'],
    decide: (f) => {
      if (!f.isProposer) return refuse(403, 'FORBIDDEN', '只有提案人可以评判承诺是否兑现');
      if (!f.kept && blank(f.comment)) return refuse(400, 'VALIDATION_FAILED', '认为承诺未兑现时，请说明情况');
      return { ok: true, to: f.kept ? 'kept' : 'not_kept' };
    },
  },
};

function wrongState(status: CommitmentStatus, action: CommitmentAction): Refusal {
  if (action === 'report') return refuse(409, 'COMMITMENT_REPORTED', '该承诺事项已报告落实情况');
  if (status === 'promised') return refuse(409, 'COMMITMENT_NOT_REPORTED', '承办单位尚未报告落实情况，暂不能评判');
  return refuse(409, 'COMMITMENT_JUDGED', '该承诺事项已评判');
}

const table = transitions(COMMITMENT_ACTIONS, ARROWS, wrongState);
/** The step's refusal, or the status it leads to: the state first (409), then the person (403), then the input (400). */
export const decideCommitment = table.decide;
export const commitmentActionsFrom = table.actionsFrom;

export interface RateInput {
  unitId: number;
  status: CommitmentStatus;
  dueDate: string;
  doneDate: string | null;
}

export interface UnitRate {
  unitId: number;
  /** Every commitment of the unit. */
  count: number;
  /** Those that can be judged today: due before today, or already reported or judged. */
  assessable: number;
  kept: number;
  keptOnTime: number;
  /** keptOnTime / assessable, four places; null when nothing is assessable yet (no data, not 0 %). */
  rate: number | null;
}

/** 按期兑现率 by unit, in the order units first appear. */
export function ratesByUnit(rows: readonly RateInput[], today: string): UnitRate[] {
  const byUnit = new Map<number, UnitRate>();
  for (const r of rows) {
    const u = byUnit.get(r.unitId) ?? { unitId: r.unitId, count: 0, assessable: 0, kept: 0, keptOnTime: 0, rate: null };
    byUnit.set(r.unitId, u);
    u.count++;
    if (r.status !== 'promised' || r.dueDate < today) u.assessable++;
    if (r.status === 'kept') u.kept++;
    if (keptOnTime(r.status, r.dueDate, r.doneDate)) u.keptOnTime++;
  }
  for (const u of byUnit.values())
    u.rate = u.assessable ? Math.round((u.keptOnTime / u.assessable) * 10000) / 10000 : null;
  return [...byUnit.values()];
}
