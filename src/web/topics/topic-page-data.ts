import type { WorkflowHistoryItem } from '../../audit/audit.service';
import { Actor, hasRole } from '../../common/actor';
import { MeetingView, OutcomeView, PromiseView, TopicSummaryView, TopicView } from '../../topics/dto/topic-view.dto';
import { ATTENDANCE_LABELS, OUTCOME_STATUS_LABELS, STATUS_LABELS } from '../../topics/topic-labels';
import {
  actionsFrom,
  check,
  CLOCK_LABELS,
  CLOCK_STATES,
  decide,
  decideOutcome,
  OUTCOME_STATUSES,
  OutcomeStatus,
  PROMISE_CLOCKS,
  PromiseClock,
  TopicStatus,
} from '../../topics/topic-workflow';
import { formState, FormState } from '../kit/forms';
import { Option } from '../kit/layout';
import { historyTimeline, TimelineItem } from '../kit/timeline';

/*
 * What the topic and meeting pages show beside the services' views: which buttons and forms to offer,
 * the five-step board, the history in Chinese. Pure functions over the views; the buttons follow the
 * workflow's own tables (`actionsFrom`, `check`, `decideOutcome`) and the services decide each request.
 */

/** What the viewer is to the topic (TopicsService.viewer). */
export interface TopicViewer {
  organiser: boolean;
  participant: boolean;
  evaluated: boolean;
}

/** The steps a topic's page offers this viewer. */
export interface TopicOffers {
  settle: boolean;
  decline: boolean;
  addMeeting: boolean;
  addOutcome: boolean;
  resolve: boolean;
  evaluate: boolean;
  close: boolean;
  publish: boolean;
  /** 生成协商要报: staff, once a meeting was held. */
  briefing: boolean;
  /** 打印公示单: a consultation point's topic whose outcomes are public, for its facilitator and staff. */
  noticeSheet: boolean;
  /** Each person's score (organisers and leaders). */
  seesScores: boolean;
  /** Any button in the actions bar. */
  any: boolean;
}

const openCount = (t: TopicView) => t.outcomeCounts.open + t.outcomeCounts.inProgress;

export function topicOffersFor(actor: Actor, t: TopicView, v: TopicViewer): TopicOffers {
  const status = t.status as TopicStatus;
  const arrows = actionsFrom(status);
  const step = (s: 'addMeeting' | 'addOutcome' | 'publish') =>
    v.organiser && check(status, s, { isOrganiser: true, outcomes: t.outcomeCount, published: t.published }) === null;
  const buttons = {
    settle: v.organiser && arrows.includes('settle'),
    decline: v.organiser && arrows.includes('decline'),
    addMeeting: step('addMeeting'),
    resolve: v.organiser && arrows.includes('resolve') && t.outcomeCount > 0,
    close: hasRole(actor, 'staff') && arrows.includes('close') && openCount(t) === 0 && t.evaluationCount === 0,
    publish: step('publish'),
    briefing: hasRole(actor, 'staff') && t.meetings.some((m) => m.heldAt !== null),
    noticeSheet:
      v.organiser && t.organizer.type === 'point' && t.published && t.meetings.some((m) => m.heldAt !== null),
  };
  return {
    ...buttons,
    addOutcome: step('addOutcome'),
    evaluate: v.participant && !v.evaluated && arrows.includes('evaluate') && openCount(t) === 0,
    seesScores: v.organiser || hasRole(actor, 'leader'),
    any: Object.values(buttons).some(Boolean),
  };
}

/** One clock of a response promise on the topic's page. */
export interface PromiseClockRow {
  clock: PromiseClock;
  /** 回应, 答复, 解决. */
  label: string;
  dueAt: string | null;
  doneAt: string | null;
  /**
   * met: stopped in time; late: stopped after its deadline; overdue: still running past it (or marked missed);
   * running: still within it; stopped: the topic was declined before it was met (nothing marked).
   */
  state: 'met' | 'late' | 'overdue' | 'running' | 'stopped';
  stateLabel: string;
}

/** The 响应承诺 panel: the three clocks, the answer, and what the viewer may do (回应, 答复). */
export interface PromisePanel {
  policyLabel: string;
  clocks: PromiseClockRow[];
  answer: string | null;
  /** Any clock missed or running late. */
  anyLate: boolean;
  canAcknowledge: boolean;
  canAnswer: boolean;
}

const STATE_LABELS: Record<PromiseClockRow['state'], (label: string) => string> = {
  met: (l) => `按时${l}`,
  late: () => '超时',
  overdue: () => '超时',
  running: (l) => `待${l}`,
  stopped: () => '不再计时',
};

/**
 * The panel of a topic with a promise (null without one). A clock past its deadline counts as 超时 at once,
 * before the sweep records it; the organiser is offered 回应 and 答复 as `check` would allow them.
 */
export function promisePanel(
  t: { status: string; promise: PromiseView | null },
  organiser: boolean,
  now: Date,
): PromisePanel | null {
  const p = t.promise;
  if (!p) return null;
  const status = t.status as TopicStatus;
  const running = CLOCK_STATES.includes(status);
  const due = { acknowledge: p.acknowledgeBy, answer: p.answerBy, solve: p.solveBy };
  const done = { acknowledge: p.acknowledgedAt, answer: p.answeredAt, solve: p.solvedAt };
  const clocks = PROMISE_CLOCKS.map((clock): PromiseClockRow => {
    const dueAt = due[clock];
    const doneAt = done[clock];
    const missed = p.breached.includes(clock);
    const past = dueAt !== null && new Date(dueAt).getTime() < (doneAt ? new Date(doneAt) : now).getTime();
    const state = doneAt
      ? missed || past
        ? 'late'
        : 'met'
      : missed || (running && past)
        ? 'overdue'
        : running
          ? 'running'
          : 'stopped';
    return {
      clock,
      label: CLOCK_LABELS[clock],
      dueAt,
      doneAt,
      state,
      stateLabel: STATE_LABELS[state](CLOCK_LABELS[clock]),
    };
  });
  const may = (step: 'acknowledge' | 'answer', clockDone: boolean) =>
    organiser && check(status, step, { hasPromise: true, isOrganiser: true, clockDone, text: '—' }) === null;
  return {
    policyLabel: p.policyLabel,
    clocks,
    answer: p.answer,
    anyLate: clocks.some((c) => c.state === 'late' || c.state === 'overdue'),
    canAcknowledge: may('acknowledge', p.acknowledgedAt !== null),
    canAnswer: may('answer', p.answeredAt !== null),
  };
}

/** An outcome on a page: may the viewer report on it, and its form (blank, or as last submitted with errors). */
export interface OutcomeRow extends OutcomeView {
  canFeedback: boolean;
  /** The statuses it may take now (the same one: feedback alone). */
  statuses: Option[];
  form: FormState;
  /** Its form came back with errors: show it open. */
  formOpen: boolean;
  /** Past its due date and not closed. */
  late: boolean;
}

/** May `actor` report on this outcome of a topic in `topicStatus`: the organiser, or an account of its unit, while it is open. */
export function canFeedback(actor: Actor, topicStatus: string, o: OutcomeView, organiser: boolean): boolean {
  if (check(topicStatus as TopicStatus, 'updateOutcome', {}) !== null) return false;
  const ownUnit = hasRole(actor, 'unit') && actor.unitId !== null && o.unit?.id === actor.unitId;
  return decideOutcome(o.status as OutcomeStatus, o.status as OutcomeStatus, {
    isOrganiser: organiser,
    isOutcomeUnit: ownUnit,
    feedback: '—',
  }).ok;
}

export function outcomeRow(
  o: OutcomeView,
  can: boolean,
  now: Date,
  failed?: { outcomeId: number; form: FormState },
): OutcomeRow {
  const from = o.status as OutcomeStatus;
  const statuses = OUTCOME_STATUSES.filter((s) => decideOutcome(from, s, { isOrganiser: true, feedback: '—' }).ok).map(
    (s) => ({ value: s, label: s === from ? `${OUTCOME_STATUS_LABELS[s]}（仅反馈）` : OUTCOME_STATUS_LABELS[s] }),
  );
  const form =
    failed && failed.outcomeId === o.id
      ? failed.form
      : formState({ status: from === 'open' ? 'in_progress' : from, feedback: '', version: String(o.version) });
  return {
    ...o,
    canFeedback: can,
    statuses,
    form,
    formOpen: failed?.outcomeId === o.id,
    late: o.closedAt === null && o.dueAt !== null && new Date(o.dueAt).getTime() < now.getTime(),
  };
}

/** The five columns of the board 出题 → 评题, and 不予定题 apart. */
export const BOARD_COLUMNS: { status: TopicStatus; step: string; hint: string }[] = [
  { status: 'raised', step: '出题', hint: '待组织方定题' },
  { status: 'settled', step: '定题', hint: '已定题，待召开协商会' },
  { status: 'deliberating', step: '议题', hint: '协商进行中' },
  { status: 'resolving', step: '解题', hint: '成果交付落实' },
  { status: 'evaluated', step: '评题', hint: '已评价' },
];

export interface BoardColumn {
  status: string;
  step: string;
  label: string;
  hint: string;
  items: TopicSummaryView[];
  total: number;
  /** Listed fewer than there are (the board shows up to a page of each). */
  more: number;
}

export function boardColumn(
  status: TopicStatus,
  step: string,
  hint: string,
  items: TopicSummaryView[],
  total: number,
): BoardColumn {
  return { status, step, label: STATUS_LABELS[status], hint, items, total, more: Math.max(0, total - items.length) };
}

/** The topic's history, its statuses in Chinese and each step's particulars (the meeting, the outcome, the counts). */
export function topicTimeline(history: WorkflowHistoryItem[], t: TopicView, seesScores: boolean): TimelineItem[] {
  const meetings = new Map(t.meetings.map((m) => [m.id, m]));
  const outcomes = new Map(t.outcomes.map((o) => [o.id, o]));
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  const note = (h: WorkflowHistoryItem): string | null => {
    const d = h.details;
    const meeting = meetings.get(n(d.meetingId));
    const outcome = outcomes.get(n(d.outcomeId));
    switch (h.action) {
      case 'meeting':
      case 'hold':
        return meeting ? `${meeting.sequenceLabel}：${meeting.title}` : null;
      case 'participants':
        return `${meeting ? `${meeting.sequenceLabel}，` : ''}新增 ${n(d.added)} 人`;
      case 'attendance':
        return `${meeting ? `${meeting.sequenceLabel}，` : ''}${ATTENDANCE_LABELS.present} ${n(d.present)} 人，${ATTENDANCE_LABELS.excused} ${n(d.excused)} 人，${ATTENDANCE_LABELS.absent} ${n(d.absent)} 人`;
      case 'speech':
        return meeting ? meeting.sequenceLabel : null;
      case 'outcome':
        return outcome ? `第 ${outcome.order} 项：${outcome.text}` : null;
      case 'outcome_update': {
        const change =
          d.from !== d.to
            ? `${OUTCOME_STATUS_LABELS[d.from as OutcomeStatus]} → ${OUTCOME_STATUS_LABELS[d.to as OutcomeStatus]}`
            : '反馈办理情况';
        return outcome ? `第 ${outcome.order} 项成果：${change}` : change;
      }
      case 'evaluate':
        return seesScores && typeof d.score === 'number' ? `评分 ${d.score}` : null;
      default:
        return null;
    }
  };
  return historyTimeline(history, (s) => STATUS_LABELS[s as TopicStatus] ?? s, note);
}

/** The meeting's page: may the viewer record on it, and hold it. */
export interface MeetingOffers {
  edit: boolean;
  hold: boolean;
}

export function meetingOffersFor(m: MeetingView, organiser: boolean): MeetingOffers {
  const status = m.topic.status as TopicStatus;
  const edit = organiser && check(status, 'editMeeting', { isOrganiser: true }) === null;
  return {
    edit,
    hold:
      edit && m.heldAt === null && decide(status, 'hold', { isOrganiser: true, minutes: '—', meetingHeld: false }).ok,
  };
}
