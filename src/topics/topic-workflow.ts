/*
 * The five steps 五题工作法 of DOMAIN.md ("Topics 协商议题") as plain functions: no Nest, no TypeORM.
 * 出题 raised → 定题 settled (or declined) → 议题 deliberating → 解题 resolving → 评题 evaluated.
 * The service gathers the facts, asks `decide` (or `check` for steps that keep the state),
 * then saves and audits in one transaction. Checks run in one order everywhere, as for
 * proposals: the state (409), then the person (403), then the input (400), then the other facts (409).
 */

import { Arrow, blank, DAY_MS, Refusal, refuse, transitions } from '../common/workflow';

export type { Refusal };

export const TOPIC_STATUSES = ['raised', 'settled', 'declined', 'deliberating', 'resolving', 'evaluated'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

/** Each status names its step of the five: 出题, 定题, 议题, 解题, 评题. */
export const STATUS_LABELS: Record<TopicStatus, string> = {
  raised: '已出题',
  settled: '已定题',
  declined: '不予定题',
  deliberating: '议题中',
  resolving: '解题中',
  evaluated: '已评题',
};

/** Steps that move the topic (or may: a later meeting held, a later evaluation, keep it where it is). */
export const TOPIC_ACTIONS = ['settle', 'decline', 'hold', 'resolve', 'evaluate', 'close'] as const;
export type TopicAction = (typeof TOPIC_ACTIONS)[number];

/** Steps that change no state but are allowed only in some states. */
export const TOPIC_STEPS = [
  'addMeeting',
  'editMeeting',
  'addOutcome',
  'updateOutcome',
  'publish',
  'acknowledge',
  'answer',
] as const;
export type TopicStep = (typeof TOPIC_STEPS)[number];

/** What each step is called in a sentence: “协商议题当前为“已出题”，不能确认解题”. */
export const ACTION_VERBS: Record<TopicAction | TopicStep, string> = {
  settle: '定题',
  decline: '作不予定题处理',
  hold: '召开协商会',
  resolve: '确认解题',
  evaluate: '评价',
  close: '结束评题',
  addMeeting: '安排协商会',
  editMeeting: '登记协商会情况',
  addOutcome: '添加协商成果',
  updateOutcome: '反馈成果办理情况',
  publish: '公开协商成果',
  acknowledge: '回应',
  answer: '答复',
};

/**
 * The clocks of a response promise (the "252" rule: 2 minutes, 5 minutes, 2 days), all started at 出题:
 * 回应 by `acknowledge`, 答复 by `answer` (which also counts as the 回应 when none came before), 解决 by `resolve`.
 */
export const PROMISE_CLOCKS = ['acknowledge', 'answer', 'solve'] as const;
export type PromiseClock = (typeof PROMISE_CLOCKS)[number];

export const CLOCK_LABELS: Record<PromiseClock, string> = { acknowledge: '回应', answer: '答复', solve: '解决' };
/** What a missed clock is called: 回应超时 … */
export const BREACH_LABELS: Record<PromiseClock, string> = {
  acknowledge: '回应超时',
  answer: '答复超时',
  solve: '解决超时',
};
/** States in which the clocks still run: 不予定题 stops them, and 解决 comes with 解题. */
export const CLOCK_STATES: readonly TopicStatus[] = ['raised', 'settled', 'deliberating', 'resolving'];

export const OUTCOME_STATUSES = ['open', 'in_progress', 'done', 'not_adopted'] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export const OUTCOME_STATUS_LABELS: Record<OutcomeStatus, string> = {
  open: '待办理',
  in_progress: '办理中',
  done: '已落实',
  not_adopted: '未采纳',
};

/** Done or not adopted: the outcome is finished with; 采纳率 counts `done` among all. */
export const CLOSED_OUTCOME_STATUSES: readonly OutcomeStatus[] = ['done', 'not_adopted'];

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

/**
 * Everything a decision may depend on. A fact left out counts against the action
 * (not the organiser, no reason, no outcome), so forgetting one refuses rather than allows.
 */
export interface TopicFacts {
  /** The caller runs the topic: staff, or the facilitator of the point that organises it. */
  isOrganiser?: boolean;
  /** close: the caller is CPPCC office staff. */
  isStaff?: boolean;
  /** decline: the reason given. */
  reason?: string | null;
  /** hold: the meeting was held already, and the minutes given. */
  meetingHeld?: boolean;
  minutes?: string | null;
  /** resolve, publish: how many outcomes the topic has. */
  outcomes?: number;
  /** evaluate, close: outcomes neither done nor not adopted. */
  openOutcomes?: number;
  /** evaluate: the caller took part in a meeting of the topic (a member, or a unit's account). */
  isParticipant?: boolean;
  /** evaluate: the caller evaluated this topic already. */
  alreadyEvaluated?: boolean;
  score?: number | null;
  /** close: when the topic entered 解题, the configured days participants have to evaluate, and now. */
  resolvedAt?: Date | null;
  evaluationDays?: number;
  now?: Date;
  /** publish: the outcomes are public already. */
  published?: boolean;
  /** acknowledge, answer: the topic carries a response promise, and this clock was stopped already. */
  hasPromise?: boolean;
  clockDone?: boolean;
  /** answer: the reply's text. */
  text?: string | null;
}

export interface Allowed {
  ok: true;
  to: TopicStatus;
}

export type Decision = Allowed | Refusal;

const to = (status: TopicStatus): Allowed => ({ ok: true, to: status });

/** The 409 for a step the current state does not allow. */
export function wrongState(status: TopicStatus, action: TopicAction | TopicStep): Refusal {
  return refuse(409, 'TOPIC_WRONG_STATE', `协商议题当前为“${STATUS_LABELS[status]}”，不能${ACTION_VERBS[action]}`);
}

const notOrganiser = (action: TopicAction | TopicStep) =>
  refuse(403, 'NOT_ORGANISER', `只有该议题的组织方可以${ACTION_VERBS[action]}`);
const outcomesOpen = (n: number, what: string) =>
  refuse(409, 'OUTCOMES_OPEN', `还有 ${n} 项协商成果未办结，不能${what}`);

const ARROWS: Record<TopicAction, Arrow<TopicStatus, TopicFacts, Allowed>> = {
  settle: { from: ['raised'], decide: (f) => (f.isOrganiser ? to('settled') : notOrganiser('settle')) },
  decline: {
    from: ['raised'],
    decide: (f) => {
      if (!f.isOrganiser) return notOrganiser('decline');
      if (blank(f.reason)) return refuse(400, 'REASON_REQUIRED', '不予定题须说明理由');
      return to('declined');
    },
  },
  hold: {
    // 议题: the first meeting held starts the deliberation; later ones (the seed's 第4次协商议事会) keep the state.
    from: ['settled', 'deliberating', 'resolving'],
    decide: (f, status) => {
      if (!f.isOrganiser) return notOrganiser('hold');
      if (blank(f.minutes)) return refuse(400, 'MINUTES_REQUIRED', '请填写会议纪要');
      if (f.meetingHeld) return refuse(409, 'MEETING_HELD', '该协商会已召开，不能重复登记');
      return to(status === 'settled' ? 'deliberating' : status);
    },
  },
  resolve: {
    from: ['deliberating'],
    decide: (f) => {
      if (!f.isOrganiser) return notOrganiser('resolve');
      if (!f.outcomes) return refuse(409, 'NO_OUTCOMES', '尚无协商成果，不能确认解题');
      return to('resolving');
    },
  },
  evaluate: {
    // 评题: participants rate the result once every outcome is closed; the first rating closes the topic, later ones still count.
    from: ['resolving', 'evaluated'],
    decide: (f) => {
      if (!f.isParticipant) return refuse(403, 'NOT_PARTICIPANT', '只有参加该议题协商会的委员和单位可以评价');
      if (f.score == null || !Number.isInteger(f.score) || f.score < SCORE_MIN || f.score > SCORE_MAX) {
        return refuse(400, 'SCORE_RANGE', `评分须为 ${SCORE_MIN}–${SCORE_MAX} 的整数`);
      }
      if (f.alreadyEvaluated) return refuse(409, 'ALREADY_EVALUATED', '您已评价过该议题');
      const open = f.openOutcomes ?? 1;
      if (open > 0) return outcomesOpen(open, '评价');
      return to('evaluated');
    },
  },
  close: {
    // When no participant rates within the configured days, the office closes the step itself.
    from: ['resolving'],
    decide: (f) => {
      if (!f.isStaff) return refuse(403, 'NOT_STAFF', '只有机关工作人员可以结束评题');
      const open = f.openOutcomes ?? 1;
      if (open > 0) return outcomesOpen(open, '结束评题');
      const days = f.evaluationDays ?? 0;
      if (!f.resolvedAt || !f.now || f.now.getTime() < f.resolvedAt.getTime() + days * DAY_MS) {
        return refuse(409, 'EVALUATION_PERIOD', `解题后 ${days} 天内由参会人员评价，期满后才能结束评题`);
      }
      return to('evaluated');
    },
  },
};

/**
 * `decide`: may `action` be taken in `status` with these facts? The new state, or why not.
 * `actionsFrom`: the actions a state allows, for pages that show only the buttons that can work.
 */
export const { decide, actionsFrom } = transitions(TOPIC_ACTIONS, ARROWS, wrongState);

const RUNNING: readonly TopicStatus[] = ['settled', 'deliberating', 'resolving'];
const STEP_STATES: Record<TopicStep, readonly TopicStatus[]> = {
  addMeeting: RUNNING,
  editMeeting: RUNNING,
  addOutcome: RUNNING,
  updateOutcome: RUNNING,
  // 公示: once there is something agreed to show.
  publish: ['deliberating', 'resolving', 'evaluated'],
  acknowledge: CLOCK_STATES,
  answer: CLOCK_STATES,
};

/** The refusal of a step that keeps the state (state, then person, then facts), or null when it may go ahead. */
export function check(status: TopicStatus, step: TopicStep, facts: TopicFacts): Refusal | null {
  if (!STEP_STATES[step].includes(status)) return wrongState(status, step);
  if ((step === 'acknowledge' || step === 'answer') && !facts.hasPromise)
    return refuse(409, 'NO_RESPONSE_POLICY', `该议题没有响应承诺，无须${ACTION_VERBS[step]}`);
  // An outcome's unit may update it too: `decideOutcome` checks the person for that step.
  if (step !== 'updateOutcome' && !facts.isOrganiser) return notOrganiser(step);
  if (step === 'publish') {
    if (!facts.outcomes) return refuse(409, 'NO_OUTCOMES', '尚无协商成果，不能公开');
    if (facts.published) return refuse(409, 'ALREADY_PUBLISHED', '协商成果已经公开');
  }
  if (step === 'answer' && blank(facts.text)) return refuse(400, 'TEXT_REQUIRED', '请填写答复内容');
  if ((step === 'acknowledge' || step === 'answer') && facts.clockDone)
    return refuse(
      409,
      step === 'answer' ? 'ALREADY_ANSWERED' : 'ALREADY_ACKNOWLEDGED',
      `该议题已经${ACTION_VERBS[step]}过`,
    );
  return null;
}

export interface OutcomeFacts {
  /** The caller runs the topic. */
  isOrganiser?: boolean;
  /** The caller is an account of the unit responsible for the outcome. */
  isOutcomeUnit?: boolean;
  /** The feedback text sent with the change. */
  feedback?: string | null;
}

/** Where an outcome may go: forward only, and a closed one stays closed. */
const OUTCOME_ARROWS: Record<OutcomeStatus, readonly OutcomeStatus[]> = {
  open: ['in_progress', 'done', 'not_adopted'],
  in_progress: ['done', 'not_adopted'],
  done: [],
  not_adopted: [],
};

/**
 * A change of an outcome's status by its unit or the organiser, with feedback 办理反馈. Sending the
 * current status again records feedback alone. The topic's state is checked before (`updateOutcome`).
 */
export function decideOutcome(
  from: OutcomeStatus,
  next: OutcomeStatus,
  f: OutcomeFacts,
): Refusal | { ok: true; to: OutcomeStatus } {
  if (!f.isOrganiser && !f.isOutcomeUnit)
    return refuse(403, 'NOT_OUTCOME_UNIT', '只有该议题的组织方和该项成果的责任单位可以反馈办理情况');
  if (CLOSED_OUTCOME_STATUSES.includes(from))
    return refuse(409, 'OUTCOME_CLOSED', `该项协商成果当前为“${OUTCOME_STATUS_LABELS[from]}”，已办结，不能再更改`);
  if (next === from) {
    if (blank(f.feedback)) return refuse(400, 'FEEDBACK_REQUIRED', '状态未变时请填写办理反馈');
    return { ok: true, to: from };
  }
  if (!OUTCOME_ARROWS[from].includes(next)) {
    return refuse(
      409,
      'OUTCOME_WRONG_STATUS',
      `该项协商成果当前为“${OUTCOME_STATUS_LABELS[from]}”，不能改为“${OUTCOME_STATUS_LABELS[next]}”`,
    );
  }
  if (next === 'not_adopted' && blank(f.feedback)) return refuse(400, 'FEEDBACK_REQUIRED', '未采纳须说明理由');
  return { ok: true, to: next };
}
