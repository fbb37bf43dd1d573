import {
  ACTION_VERBS,
  check,
  decide,
  PROPOSAL_ACTIONS,
  PROPOSAL_STATUSES,
  ProposalAction,
  ProposalStatus,
  SIDE_ACTIONS,
  SideAction,
  STATUS_LABELS,
  WorkflowFacts,
} from './proposal-workflow';

const NOW = new Date('2026-03-10T08:00:00Z');
const DAY = 86_400_000;

/** The arrows of DOMAIN.md, written out again by hand: state × action → next state. Every pair not listed is a 409. */
const ARROWS: Record<ProposalAction, Partial<Record<ProposalStatus, ProposalStatus>>> = {
  submit: { draft: 'submitted' },
  withdraw: { draft: 'withdrawn', submitted: 'withdrawn' },
  accept: { submitted: 'accepted' },
  reject: { submitted: 'rejected' },
  convert: { submitted: 'converted' },
  merge: { submitted: 'merged' },
  assign: { accepted: 'assigned' },
  return: { assigned: 'accepted' },
  reply: { assigned: 'replied' },
  evaluate: { replied: 'completed' },
  expireEvaluation: { replied: 'completed' },
};

/** Facts under which each action is allowed. */
const GOOD: Record<ProposalAction, WorkflowFacts> = {
  submit: { isLeadProposer: true, unconfirmedCoSigners: 0 },
  withdraw: { isLeadProposer: true },
  accept: { isStaff: true },
  reject: {
    isStaff: true,
    reason: '属于个人诉求',
    ground: 'private_interest',
    grounds: ['private_interest', 'academic'],
  },
  convert: { isStaff: true },
  merge: { isStaff: true, proposalId: 1, mergeIntoId: 2, mergeTargetStatus: 'accepted' },
  assign: { isStaff: true },
  return: {
    unitRole: 'lead',
    reason: '不属于本单位职责',
    now: NOW,
    assignedAt: new Date(NOW.getTime() - 2 * DAY),
    returnWindowDays: 5,
    anyReplied: false,
  },
  reply: {
    unitRole: 'lead',
    alreadyReplied: false,
    hasCommunication: true,
    coUnitsWithoutOpinion: 0,
    otherUnitsPending: 0,
  },
  evaluate: { isLeadProposer: true, rating: 'satisfied' },
  expireEvaluation: { isSystem: true },
};

const pairs = PROPOSAL_STATUSES.flatMap((s) => PROPOSAL_ACTIONS.map((a) => [s, a] as const));

describe('proposal workflow: every state × action', () => {
  it.each(pairs.filter(([s, a]) => ARROWS[a][s]))('%s —%s→ allowed', (state, action) => {
    expect(decide(state, action, GOOD[action])).toEqual({ ok: true, to: ARROWS[action][state] });
  });

  it.each(pairs.filter(([s, a]) => !ARROWS[a][s]))('%s —%s→ 409 naming the state', (state, action) => {
    expect(decide(state, action, GOOD[action])).toEqual({
      ok: false,
      status: 409,
      code: 'PROPOSAL_WRONG_STATE',
      message: `提案当前为“${STATUS_LABELS[state]}”，不能${ACTION_VERBS[action]}`,
    });
  });

  it('says in Chinese which state refused, e.g. withdrawing an accepted proposal', () => {
    expect(decide('accepted', 'withdraw', GOOD.withdraw)).toMatchObject({ message: '提案当前为“已立案”，不能撤回' });
  });
});

/** Each guard failing alone: [action, state, the facts that differ from GOOD, status, code]. */
const GUARDS: [string, ProposalAction, ProposalStatus, WorkflowFacts, number, string][] = [
  ['submit by a co-signer', 'submit', 'draft', { isLeadProposer: false }, 403, 'NOT_LEAD_PROPOSER'],
  ['submit with a co-signer not confirmed', 'submit', 'draft', { unconfirmedCoSigners: 1 }, 409, 'COSIGNERS_PENDING'],
  ['withdraw by someone else', 'withdraw', 'submitted', { isLeadProposer: false }, 403, 'NOT_LEAD_PROPOSER'],
  ['accept by a non-staff caller', 'accept', 'submitted', { isStaff: false }, 403, 'NOT_STAFF'],
  ['reject by a non-staff caller', 'reject', 'submitted', { isStaff: false }, 403, 'NOT_STAFF'],
  ['reject without a reason', 'reject', 'submitted', { reason: '  ' }, 400, 'REASON_REQUIRED'],
  ['reject without a ground', 'reject', 'submitted', { ground: null }, 400, 'GROUND_REQUIRED'],
  ['reject with a ground not configured', 'reject', 'submitted', { ground: 'made_up' }, 400, 'GROUND_REQUIRED'],
  ['convert by a non-staff caller', 'convert', 'submitted', { isStaff: false }, 403, 'NOT_STAFF'],
  ['merge by a non-staff caller', 'merge', 'submitted', { isStaff: false }, 403, 'NOT_STAFF'],
  ['merge without a target', 'merge', 'submitted', { mergeIntoId: null }, 400, 'MERGE_TARGET_REQUIRED'],
  ['merge into itself', 'merge', 'submitted', { mergeIntoId: 1 }, 400, 'MERGE_INTO_SELF'],
  [
    'merge into a completed proposal',
    'merge',
    'submitted',
    { mergeTargetStatus: 'completed' },
    409,
    'MERGE_TARGET_STATE',
  ],
  ['merge into a draft', 'merge', 'submitted', { mergeTargetStatus: 'draft' }, 409, 'MERGE_TARGET_STATE'],
  ['assign by a non-staff caller', 'assign', 'accepted', { isStaff: false }, 403, 'NOT_STAFF'],
  ['return by a co-unit', 'return', 'assigned', { unitRole: 'co' }, 403, 'NOT_LEAD_UNIT'],
  ['return by a unit not assigned', 'return', 'assigned', { unitRole: null }, 403, 'NOT_LEAD_UNIT'],
  ['return without a reason', 'return', 'assigned', { reason: '' }, 400, 'REASON_REQUIRED'],
  ['return after a unit replied', 'return', 'assigned', { anyReplied: true }, 409, 'ALREADY_REPLIED'],
  [
    'return after the window',
    'return',
    'assigned',
    { assignedAt: new Date(NOW.getTime() - 5 * DAY - 1) },
    409,
    'RETURN_WINDOW_PASSED',
  ],
  ['reply by a co-unit', 'reply', 'assigned', { unitRole: 'co' }, 403, 'NOT_LEAD_UNIT'],
  ['reply by a unit not assigned', 'reply', 'assigned', { unitRole: null }, 403, 'NOT_ASSIGNED_UNIT'],
  ['reply twice', 'reply', 'assigned', { alreadyReplied: true }, 409, 'ALREADY_REPLIED'],
  ['reply without a communication', 'reply', 'assigned', { hasCommunication: false }, 409, 'COMMUNICATION_REQUIRED'],
  [
    'reply before the co-units’ opinions',
    'reply',
    'assigned',
    { coUnitsWithoutOpinion: 2 },
    409,
    'CO_OPINIONS_MISSING',
  ],
  ['evaluate by a co-signer', 'evaluate', 'replied', { isLeadProposer: false }, 403, 'NOT_LEAD_PROPOSER'],
  ['evaluate without a rating', 'evaluate', 'replied', { rating: null }, 400, 'RATING_REQUIRED'],
  [
    'expire the evaluation as a person, even staff',
    'expireEvaluation',
    'replied',
    { isSystem: false, isStaff: true },
    403,
    'SYSTEM_ONLY',
  ],
];

describe('proposal workflow: each guard failing', () => {
  it.each(GUARDS)('%s', (_, action, state, facts, status, code) => {
    const result = decide(state, action, { ...GOOD[action], ...facts });
    expect(result).toMatchObject({ ok: false, status, code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
  });

  it('a missing fact refuses: no facts at all allow nothing', () => {
    for (const [state, action] of pairs.filter(([s, a]) => ARROWS[a][s]))
      expect(decide(state, action, {}).ok).toBe(false);
  });

  it('names the number of co-signers still to confirm', () => {
    expect(decide('draft', 'submit', { isLeadProposer: true, unconfirmedCoSigners: 2 })).toMatchObject({
      message: '还有 2 位附议人未确认，不能提交',
    });
  });

  it('allows a return on the last day of the window', () => {
    expect(decide('assigned', 'return', { ...GOOD.return, assignedAt: new Date(NOW.getTime() - 5 * DAY) })).toEqual({
      ok: true,
      to: 'accepted',
    });
  });

  it('needs no ground when none are configured', () => {
    expect(decide('submitted', 'reject', { isStaff: true, reason: '不宜立案', grounds: [] })).toEqual({
      ok: true,
      to: 'rejected',
    });
  });

  it('merges into a submitted or assigned proposal too', () => {
    for (const target of ['submitted', 'assigned'] as const)
      expect(decide('submitted', 'merge', { ...GOOD.merge, mergeTargetStatus: target })).toEqual({
        ok: true,
        to: 'merged',
      });
  });
});

describe('proposal workflow: handling variants', () => {
  it('under 分办 a unit replying while others have not leaves it assigned; the last reply makes it replied', () => {
    const split = { ...GOOD.reply, unitRole: 'split' as const };
    expect(decide('assigned', 'reply', { ...split, otherUnitsPending: 1 })).toEqual({ ok: true, to: 'assigned' });
    expect(decide('assigned', 'reply', { ...split, otherUnitsPending: 0 })).toEqual({ ok: true, to: 'replied' });
  });

  it('under 分办 no co-unit opinions are needed, and each unit may return its share', () => {
    expect(decide('assigned', 'reply', { ...GOOD.reply, unitRole: 'split', coUnitsWithoutOpinion: 3 })).toEqual({
      ok: true,
      to: 'replied',
    });
    expect(decide('assigned', 'return', { ...GOOD.return, unitRole: 'split' })).toEqual({ ok: true, to: 'accepted' });
  });

  it.each([
    ['satisfied', 'completed'],
    ['basically_satisfied', 'completed'],
  ] as const)('evaluating %s completes it', (rating, next) => {
    expect(decide('replied', 'evaluate', { isLeadProposer: true, rating })).toEqual({ ok: true, to: next });
  });

  it('a time-out completes a replied proposal as not evaluated; nothing else can time out', () => {
    expect(decide('replied', 'expireEvaluation', { isSystem: true })).toEqual({ ok: true, to: 'completed' });
    expect(decide('assigned', 'expireEvaluation', { isSystem: true })).toMatchObject({
      status: 409,
      message: '提案当前为“已交办”，不能按未评价办结',
    });
  });

  it('evaluating unsatisfied sends it back to the units for re-handling', () => {
    expect(decide('replied', 'evaluate', { isLeadProposer: true, rating: 'unsatisfied' })).toEqual({
      ok: true,
      to: 'assigned',
      rehandle: true,
    });
  });
});

/** Steps that move no state, and the states that allow each. */
const SIDE: Record<SideAction, ProposalStatus[]> = {
  edit: ['draft'],
  cosign: ['draft'],
  attach: ['draft'],
  detach: ['draft'],
  communicate: ['assigned', 'replied'],
  coOpinion: ['assigned'],
  requestExtension: ['assigned'],
  decideExtension: ['assigned'],
  markKey: ['accepted', 'assigned', 'replied', 'completed'],
  markExcellent: ['accepted', 'assigned', 'replied', 'completed'],
  chase: ['assigned'],
};

describe('proposal workflow: steps that keep the state', () => {
  it('催办 only while assigned, naming the state otherwise', () => {
    expect(check('assigned', 'chase')).toBeNull();
    expect(check('replied', 'chase')).toMatchObject({ status: 409, message: '提案当前为“已答复”，不能催办' });
  });

  const sidePairs = PROPOSAL_STATUSES.flatMap((s) => SIDE_ACTIONS.map((a) => [s, a] as const));
  it.each(sidePairs)('%s: %s', (state, step) => {
    const result = check(state, step);
    if (SIDE[step].includes(state)) expect(result).toBeNull();
    else
      expect(result).toEqual({
        ok: false,
        status: 409,
        code: 'PROPOSAL_WRONG_STATE',
        message: `提案当前为“${STATUS_LABELS[state]}”，不能${ACTION_VERBS[step]}`,
      });
  });
});
