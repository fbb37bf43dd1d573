/*
 * The rules of a field visit 视察调研 (DOMAIN.md "Field visits") as plain functions: no Nest, no TypeORM.
 * planned → completed (已完成, once it has begun) or cancelled (已取消); nothing leaves those two.
 * Checks run in the proposals' order: the state (409), then the person (403), then the input (400).
 */

import { blank, Refusal, refuse } from '../common/workflow';

export type { Refusal };

export const VISIT_STATUSES = ['planned', 'completed', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export const STATUS_LABELS: Record<VisitStatus, string> = {
  planned: '已安排',
  completed: '已完成',
  cancelled: '已取消',
};

/** Steps on a visit: the two that end it, and those allowed only while it is planned or not cancelled. */
export type VisitStep = 'complete' | 'cancel' | 'edit' | 'invite' | 'rsvp' | 'record' | 'followUp' | 'notice';

const VERBS: Record<VisitStep, string> = {
  complete: '标记为已完成',
  cancel: '取消',
  edit: '修改行程',
  invite: '调整参加人员',
  rsvp: '答复参加或请假',
  record: '记录问题建议或上传照片',
  followUp: '据此提出议题或提案',
  notice: '发送会议通知',
};

/** Where each step may be taken. Findings, photos and what the visit leads to come during or after it, never after a cancellation. */
const ALLOWED: Record<VisitStep, readonly VisitStatus[]> = {
  complete: ['planned'],
  cancel: ['planned'],
  edit: ['planned'],
  invite: ['planned'],
  rsvp: ['planned'],
  record: ['planned', 'completed'],
  followUp: ['planned', 'completed'],
  notice: ['planned'],
};

export interface VisitFacts {
  /** complete: the Clock's time and the visit's start. */
  now?: Date;
  startsAt?: Date;
  /** rsvp: the caller's answer and reason. */
  answer?: 'accept' | 'decline';
  reason?: string | null;
}

/** Null when the step may be taken; otherwise why not. Every step is checked here, those that end the visit too. */
export function check(status: VisitStatus, step: VisitStep, facts: VisitFacts = {}): Refusal | null {
  if (!ALLOWED[step].includes(status))
    return refuse(409, 'VISIT_WRONG_STATE', `视察调研当前为“${STATUS_LABELS[status]}”，不能${VERBS[step]}`);
  if (step === 'complete' && (!facts.now || !facts.startsAt || facts.now.getTime() < facts.startsAt.getTime())) {
    return refuse(409, 'VISIT_NOT_STARTED', '视察调研尚未开始，不能标记为已完成');
  }
  if (step === 'rsvp' && facts.answer === 'decline' && blank(facts.reason))
    return refuse(400, 'VALIDATION_FAILED', '请假须说明理由');
  return null;
}

/** The status a step leads to once `check` let it through (the same one for steps that keep it). */
export function nextStatus(status: VisitStatus, step: VisitStep): VisitStatus {
  return step === 'complete' ? 'completed' : step === 'cancel' ? 'cancelled' : status;
}

export interface StopInput {
  at: Date;
}

/**
 * The time range and itinerary: the visit ends after it starts; each stop lies within the range and
 * none comes before the one listed above it. Field errors, keyed as the request names them.
 */
export function scheduleErrors(startsAt: Date, endsAt: Date, stops: readonly StopInput[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  if (endsAt.getTime() <= startsAt.getTime()) fields.endsAt = ['结束时间须晚于开始时间'];
  stops.forEach((s, i) => {
    const t = s.at.getTime();
    if (t < startsAt.getTime() || t > endsAt.getTime())
      fields[`stops.${i}.at`] = [`第${i + 1}站的时间不在视察调研的时间范围内`];
    else if (i > 0 && t < stops[i - 1].at.getTime())
      fields[`stops.${i}.at`] = [`第${i + 1}站的时间早于上一站，请按行程顺序排列`];
  });
  return fields;
}

/** Two time ranges overlap when each starts before the other ends: back to back (one ends as the next starts) is no overlap. */
export function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}
