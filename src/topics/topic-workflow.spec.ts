import {
  ACTION_VERBS,
  actionsFrom,
  check,
  decide,
  decideOutcome,
  OUTCOME_STATUS_LABELS,
  OUTCOME_STATUSES,
  OutcomeStatus,
  STATUS_LABELS,
  TOPIC_ACTIONS,
  TOPIC_STATUSES,
  TOPIC_STEPS,
  TopicAction,
  TopicFacts,
  TopicStatus,
  TopicStep,
} from './topic-workflow';

const NOW = new Date('2026-06-10T08:00:00Z');
const DAY = 86_400_000;

/** The arrows of DOMAIN.md (五题工作法), written out again by hand: state × action → next state. Every pair not listed is a 409. */
const ARROWS: Record<TopicAction, Partial<Record<TopicStatus, TopicStatus>>> = {
  settle: { raised: 'settled' },
  decline: { raised: 'declined' },
  hold: { settled: 'deliberating', deliberating: 'deliberating', resolving: 'resolving' },
  resolve: { deliberating: 'resolving' },
  evaluate: { resolving: 'evaluated', evaluated: 'evaluated' },
  close: { resolving: 'evaluated' },
};

/** Facts under which each action is allowed. */
const GOOD: Record<TopicAction, TopicFacts> = {
  settle: { isOrganiser: true },
  decline: { isOrganiser: true, reason: '属于信访事项，转有关部门办理' },
  hold: { isOrganiser: true, minutes: '与会各方就小区停车位规划达成共识', meetingHeld: false },
  resolve: { isOrganiser: true, outcomes: 18 },
  evaluate: { isParticipant: true, score: 5, alreadyEvaluated: false, openOutcomes: 0 },
  close: {
    isStaff: true,
    openOutcomes: 0,
    resolvedAt: new Date(NOW.getTime() - 16 * DAY),
    evaluationDays: 15,
    now: NOW,
  },
};

const pairs = TOPIC_STATUSES.flatMap((s) => TOPIC_ACTIONS.map((a) => [s, a] as const));

describe('topic workflow: every state × action', () => {
  it.each(pairs.filter(([s, a]) => ARROWS[a][s]))('%s —%s→ allowed', (state, action) => {
    expect(decide(state, action, GOOD[action])).toEqual({ ok: true, to: ARROWS[action][state] });
  });

  it.each(pairs.filter(([s, a]) => !ARROWS[a][s]))('%s —%s→ 409 naming the step', (state, action) => {
    expect(decide(state, action, GOOD[action])).toEqual({
      ok: false,
      status: 409,
      code: 'TOPIC_WRONG_STATE',
      message: `协商议题当前为“${STATUS_LABELS[state]}”，不能${ACTION_VERBS[action]}`,
    });
  });

  it('says in Chinese which step refused, e.g. resolving a topic only raised', () => {
    expect(decide('raised', 'resolve', GOOD.resolve)).toMatchObject({
      message: '协商议题当前为“已出题”，不能确认解题',
    });
    expect(decide('declined', 'hold', GOOD.hold)).toMatchObject({
      message: '协商议题当前为“不予定题”，不能召开协商会',
    });
  });

  it('lists the actions each state allows', () => {
    expect(actionsFrom('raised')).toEqual(['settle', 'decline']);
    expect(actionsFrom('deliberating')).toEqual(['hold', 'resolve']);
    expect(actionsFrom('declined')).toEqual([]);
  });
});

/** Each guard failing alone: [name, action, state, the facts that differ from GOOD, status, code]. */
const GUARDS: [string, TopicAction, TopicStatus, TopicFacts, number, string][] = [
  ['settle by someone not organising it', 'settle', 'raised', { isOrganiser: false }, 403, 'NOT_ORGANISER'],
  ['decline by someone not organising it', 'decline', 'raised', { isOrganiser: false }, 403, 'NOT_ORGANISER'],
  ['decline without a reason', 'decline', 'raised', { reason: '  ' }, 400, 'REASON_REQUIRED'],
  ['hold by someone not organising it', 'hold', 'settled', { isOrganiser: false }, 403, 'NOT_ORGANISER'],
  ['hold without minutes', 'hold', 'settled', { minutes: '' }, 400, 'MINUTES_REQUIRED'],
  ['hold a meeting held already', 'hold', 'deliberating', { meetingHeld: true }, 409, 'MEETING_HELD'],
  ['resolve by someone not organising it', 'resolve', 'deliberating', { isOrganiser: false }, 403, 'NOT_ORGANISER'],
  ['resolve without outcomes', 'resolve', 'deliberating', { outcomes: 0 }, 409, 'NO_OUTCOMES'],
  ['evaluate by someone who took no part', 'evaluate', 'resolving', { isParticipant: false }, 403, 'NOT_PARTICIPANT'],
  ['evaluate with score 0', 'evaluate', 'resolving', { score: 0 }, 400, 'SCORE_RANGE'],
  ['evaluate with score 6', 'evaluate', 'resolving', { score: 6 }, 400, 'SCORE_RANGE'],
  ['evaluate with score 2.5', 'evaluate', 'resolving', { score: 2.5 }, 400, 'SCORE_RANGE'],
  ['evaluate without a score', 'evaluate', 'resolving', { score: null }, 400, 'SCORE_RANGE'],
  ['evaluate twice', 'evaluate', 'evaluated', { alreadyEvaluated: true }, 409, 'ALREADY_EVALUATED'],
  ['evaluate while outcomes are open', 'evaluate', 'resolving', { openOutcomes: 3 }, 409, 'OUTCOMES_OPEN'],
  ['close by someone not on the staff', 'close', 'resolving', { isStaff: false }, 403, 'NOT_STAFF'],
  ['close while outcomes are open', 'close', 'resolving', { openOutcomes: 1 }, 409, 'OUTCOMES_OPEN'],
  [
    'close within the evaluation period',
    'close',
    'resolving',
    { resolvedAt: new Date(NOW.getTime() - 15 * DAY + 1) },
    409,
    'EVALUATION_PERIOD',
  ],
];

describe('topic workflow: each guard failing', () => {
  it.each(GUARDS)('%s', (_, action, state, facts, status, code) => {
    const result = decide(state, action, { ...GOOD[action], ...facts });
    expect(result).toMatchObject({ ok: false, status, code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
  });

  it('a missing fact refuses: no facts at all allow nothing', () => {
    for (const [state, action] of pairs.filter(([s, a]) => ARROWS[a][s]))
      expect(decide(state, action, {}).ok).toBe(false);
  });

  it('names the outcomes still open', () => {
    expect(decide('resolving', 'evaluate', { ...GOOD.evaluate, openOutcomes: 3 })).toMatchObject({
      message: '还有 3 项协商成果未办结，不能评价',
    });
  });

  it('closes on the last day of the evaluation period', () => {
    expect(decide('resolving', 'close', { ...GOOD.close, resolvedAt: new Date(NOW.getTime() - 15 * DAY) })).toEqual({
      ok: true,
      to: 'evaluated',
    });
  });

  it('takes scores 1 to 5', () => {
    for (const score of [1, 2, 3, 4, 5])
      expect(decide('resolving', 'evaluate', { ...GOOD.evaluate, score })).toEqual({ ok: true, to: 'evaluated' });
  });
});

/** Steps that move no state, and the states that allow each. */
const STEPS: Record<TopicStep, TopicStatus[]> = {
  addMeeting: ['settled', 'deliberating', 'resolving'],
  editMeeting: ['settled', 'deliberating', 'resolving'],
  addOutcome: ['settled', 'deliberating', 'resolving'],
  updateOutcome: ['settled', 'deliberating', 'resolving'],
  publish: ['deliberating', 'resolving', 'evaluated'],
  acknowledge: ['raised', 'settled', 'deliberating', 'resolving'],
  answer: ['raised', 'settled', 'deliberating', 'resolving'],
};
const STEP_FACTS: TopicFacts = {
  isOrganiser: true,
  outcomes: 1,
  published: false,
  hasPromise: true,
  clockDone: false,
  text: '已联系物业，明早处理',
};

describe('topic workflow: steps that keep the state', () => {
  const stepPairs = TOPIC_STATUSES.flatMap((s) => TOPIC_STEPS.map((a) => [s, a] as const));
  it.each(stepPairs)('%s: %s', (state, step) => {
    const result = check(state, step, STEP_FACTS);
    if (STEPS[step].includes(state)) expect(result).toBeNull();
    else
      expect(result).toEqual({
        ok: false,
        status: 409,
        code: 'TOPIC_WRONG_STATE',
        message: `协商议题当前为“${STATUS_LABELS[state]}”，不能${ACTION_VERBS[step]}`,
      });
  });

  it.each(TOPIC_STEPS.filter((s) => s !== 'updateOutcome').map((s) => [s, STEPS[s][0]] as const))(
    '%s by someone not organising it is a 403',
    (step, state) => {
      expect(check(state, step, { ...STEP_FACTS, isOrganiser: false })).toMatchObject({
        status: 403,
        code: 'NOT_ORGANISER',
        message: `只有该议题的组织方可以${ACTION_VERBS[step]}`,
      });
    },
  );

  it('leaves the person of an outcome update to decideOutcome (its unit may update it)', () => {
    expect(check('resolving', 'updateOutcome', { isOrganiser: false })).toBeNull();
  });

  it('acknowledges and answers a response promise once each; an answer needs its text; without a promise there is nothing to do', () => {
    expect(check('raised', 'acknowledge', { ...STEP_FACTS, hasPromise: false })).toMatchObject({
      status: 409,
      code: 'NO_RESPONSE_POLICY',
      message: '该议题没有响应承诺，无须回应',
    });
    expect(check('raised', 'acknowledge', { ...STEP_FACTS, clockDone: true })).toMatchObject({
      status: 409,
      code: 'ALREADY_ACKNOWLEDGED',
      message: '该议题已经回应过',
    });
    expect(check('settled', 'answer', { ...STEP_FACTS, clockDone: true })).toMatchObject({
      status: 409,
      code: 'ALREADY_ANSWERED',
      message: '该议题已经答复过',
    });
    expect(check('settled', 'answer', { ...STEP_FACTS, text: ' ', clockDone: true })).toMatchObject({
      status: 400,
      code: 'TEXT_REQUIRED',
    });
    expect(check('raised', 'acknowledge', { ...STEP_FACTS, text: null })).toBeNull();
    // The person before the input and the facts, as everywhere.
    expect(
      check('raised', 'answer', { hasPromise: true, isOrganiser: false, text: '', clockDone: true }),
    ).toMatchObject({ status: 403 });
  });

  it('publishes only outcomes there are, and only once', () => {
    expect(check('resolving', 'publish', { ...STEP_FACTS, outcomes: 0 })).toMatchObject({
      status: 409,
      code: 'NO_OUTCOMES',
    });
    expect(check('resolving', 'publish', { ...STEP_FACTS, published: true })).toMatchObject({
      status: 409,
      code: 'ALREADY_PUBLISHED',
    });
  });
});

/** Where an outcome may go; every other change is a 409, a closed outcome included. */
const OUTCOME_MOVES: Record<OutcomeStatus, OutcomeStatus[]> = {
  open: ['in_progress', 'done', 'not_adopted'],
  in_progress: ['done', 'not_adopted'],
  done: [],
  not_adopted: [],
};
const CLOSED: OutcomeStatus[] = ['done', 'not_adopted'];

describe('outcome status: every from × to', () => {
  const outcomePairs = OUTCOME_STATUSES.flatMap((from) =>
    OUTCOME_STATUSES.filter((next) => next !== from).map((next) => [from, next] as const),
  );
  const unit = { isOutcomeUnit: true, feedback: '已完成' };

  it.each(outcomePairs.filter(([from, next]) => OUTCOME_MOVES[from].includes(next)))(
    '%s → %s allowed',
    (from, next) => {
      expect(decideOutcome(from, next, unit)).toEqual({ ok: true, to: next });
    },
  );

  it.each(outcomePairs.filter(([from, next]) => !OUTCOME_MOVES[from].includes(next)))(
    '%s → %s refused',
    (from, next) => {
      const message = CLOSED.includes(from)
        ? `该项协商成果当前为“${OUTCOME_STATUS_LABELS[from]}”，已办结，不能再更改`
        : `该项协商成果当前为“${OUTCOME_STATUS_LABELS[from]}”，不能改为“${OUTCOME_STATUS_LABELS[next]}”`;
      expect(decideOutcome(from, next, unit)).toEqual({
        ok: false,
        status: 409,
        code: CLOSED.includes(from) ? 'OUTCOME_CLOSED' : 'OUTCOME_WRONG_STATUS',
        message,
      });
    },
  );

  it('the organiser may change it too; anyone else is a 403', () => {
    expect(decideOutcome('open', 'done', { isOrganiser: true })).toEqual({ ok: true, to: 'done' });
    expect(decideOutcome('open', 'done', { isOrganiser: false, isOutcomeUnit: false })).toMatchObject({
      status: 403,
      code: 'NOT_OUTCOME_UNIT',
    });
  });

  it('not adopted needs a reason; the same status again records feedback alone, which then must be given', () => {
    expect(decideOutcome('in_progress', 'not_adopted', { isOutcomeUnit: true })).toMatchObject({
      status: 400,
      code: 'FEEDBACK_REQUIRED',
      message: '未采纳须说明理由',
    });
    expect(decideOutcome('in_progress', 'in_progress', { isOutcomeUnit: true, feedback: '已完成初步调研' })).toEqual({
      ok: true,
      to: 'in_progress',
    });
    expect(decideOutcome('open', 'open', { isOutcomeUnit: true, feedback: ' ' })).toMatchObject({
      status: 400,
      code: 'FEEDBACK_REQUIRED',
    });
    expect(decideOutcome('done', 'done', { isOutcomeUnit: true, feedback: '补充说明' })).toMatchObject({
      status: 409,
      code: 'OUTCOME_CLOSED',
    });
  });
});
