import {
  checkCommitments,
  commitmentActionsFrom,
  decideCommitment,
  isDay,
  keptOnTime,
  ratesByUnit,
  stateOf,
  takesCommitments,
} from './commitment-rules';

const CLASSES = ['A', 'B', 'C'];
const TODAY = '2026-12-07';

describe('commitment rules (回头看)', () => {
  it('commitments go with every class but the first', () => {
    expect(CLASSES.map((c) => takesCommitments(c, CLASSES))).toEqual([false, true, true]);
    expect(takesCommitments('D', CLASSES)).toBe(false);
  });

  it('checks the commitments sent with a reply: class, count and due days', () => {
    const one = [{ text: '完成', dueDate: '2027-06-30' }];
    expect(checkCommitments('A', CLASSES, [], TODAY)).toBeNull();
    expect(checkCommitments('B', CLASSES, one, TODAY)).toBeNull();
    expect(checkCommitments('C', CLASSES, [{ text: '今天', dueDate: TODAY }], TODAY)).toBeNull();
    expect(checkCommitments('A', CLASSES, one, TODAY)).toMatchObject({ status: 400, code: 'COMMITMENTS_NOT_ALLOWED' });
    expect(checkCommitments('B', CLASSES, Array(11).fill(one[0]), TODAY)).toMatchObject({
      code: 'TOO_MANY_COMMITMENTS',
    });
    expect(checkCommitments('B', CLASSES, [{ text: 'x', dueDate: '2027-02-29' }], TODAY)).toMatchObject({
      message: '第 1 项承诺事项的完成期限须为日期，如 2027-06-30',
    });
    expect(checkCommitments('B', CLASSES, [...one, { text: 'x', dueDate: '2026-12-06' }], TODAY)).toMatchObject({
      message: '第 2 项承诺事项的完成期限不能早于今天',
    });
  });

  it('knows a real day', () => {
    expect(['2028-02-29', '2027-02-29', '2027-13-01', '27-01-01', 20270101].map(isDay)).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('a promise is due through its day and overdue after it; the other states are their status', () => {
    expect(stateOf('promised', TODAY, TODAY)).toBe('due');
    expect(stateOf('promised', '2026-12-06', TODAY)).toBe('overdue');
    expect(stateOf('reported', '2026-01-01', TODAY)).toBe('reported');
    expect(stateOf('not_kept', '2027-01-01', TODAY)).toBe('not_kept');
  });

  it('kept on time: kept and done by the due day', () => {
    expect(keptOnTime('kept', '2026-06-30', '2026-06-30')).toBe(true);
    expect(keptOnTime('kept', '2026-06-30', '2026-07-01')).toBe(false);
    expect(keptOnTime('not_kept', '2026-06-30', '2026-06-01')).toBe(false);
    expect(keptOnTime('reported', '2026-06-30', '2026-06-01')).toBeNull();
    expect(keptOnTime('promised', '2026-06-30', null)).toBeNull();
  });

  it('report: the state first (409), then the unit (403), then the done day (400); early reports allowed', () => {
    const facts = { isUnit: true, doneDate: '2026-12-01', today: TODAY };
    expect(decideCommitment('promised', 'report', facts)).toEqual({ ok: true, to: 'reported' });
    expect(decideCommitment('reported', 'report', { ...facts, isUnit: false })).toMatchObject({
      status: 409,
      code: 'COMMITMENT_REPORTED',
    });
    expect(decideCommitment('promised', 'report', { ...facts, isUnit: false })).toMatchObject({ status: 403 });
    expect(decideCommitment('promised', 'report', { ...facts, doneDate: '2026-12-08' })).toMatchObject({
      status: 400,
      message: '完成日期不能晚于今天',
    });
  });

  it('verdict: after the report, by a proposer, a comment when not kept; once', () => {
    expect(decideCommitment('promised', 'verdict', { isProposer: true, kept: true })).toMatchObject({
      status: 409,
      code: 'COMMITMENT_NOT_REPORTED',
    });
    expect(decideCommitment('kept', 'verdict', { isProposer: true, kept: true })).toMatchObject({
      code: 'COMMITMENT_JUDGED',
    });
    expect(decideCommitment('reported', 'verdict', { isProposer: false, kept: true })).toMatchObject({ status: 403 });
    expect(decideCommitment('reported', 'verdict', { isProposer: true, kept: false, comment: ' ' })).toMatchObject({
      status: 400,
    });
    expect(decideCommitment('reported', 'verdict', { isProposer: true, kept: false, comment: '未建成' })).toEqual({
      ok: true,
      to: 'not_kept',
    });
    expect(decideCommitment('reported', 'verdict', { isProposer: true, kept: true })).toEqual({ ok: true, to: 'kept' });
    expect(commitmentActionsFrom('promised')).toEqual(['report']);
    expect(commitmentActionsFrom('reported')).toEqual(['verdict']);
    expect(commitmentActionsFrom('kept')).toEqual([]);
  });

  it('rates by unit: kept on time over the assessable ones; nothing assessable is null, not 0', () => {
    const rates = ratesByUnit(
      [
        { unitId: 1, status: 'kept', dueDate: '2026-06-30', doneDate: '2026-06-01' },
        { unitId: 1, status: 'kept', dueDate: '2026-06-30', doneDate: '2026-07-10' },
        { unitId: 1, status: 'promised', dueDate: '2026-11-30', doneDate: null },
        { unitId: 1, status: 'promised', dueDate: '2027-06-30', doneDate: null },
        { unitId: 2, status: 'promised', dueDate: '2027-06-30', doneDate: null },
        { unitId: 3, status: 'reported', dueDate: '2027-06-30', doneDate: '2026-12-01' },
      ],
      TODAY,
    );
    expect(rates).toEqual([
      { unitId: 1, count: 4, assessable: 3, kept: 2, keptOnTime: 1, rate: 0.3333 },
      { unitId: 2, count: 1, assessable: 0, kept: 0, keptOnTime: 0, rate: null },
      { unitId: 3, count: 1, assessable: 1, kept: 0, keptOnTime: 0, rate: 0 },
    ]);
  });
});
