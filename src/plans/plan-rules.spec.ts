import { isOverdue, itemState, check, progressOf } from './plan-rules';

describe('plan rules', () => {
  it('items change and the plan is approved only as a 草案; items start only once approved, once', () => {
    expect(check('draft', 'editItems')).toBeNull();
    expect(check('approved', 'editItems')).toMatchObject({
      status: 409,
      code: 'PLAN_WRONG_STATE',
      message: '年度协商计划当前为“已批准”，不能增删改计划事项',
    });
    expect(check('draft', 'approve', { items: 3 })).toBeNull();
    expect(check('draft', 'approve', { items: 0 })).toMatchObject({ status: 409, code: 'PLAN_EMPTY' });
    expect(check('approved', 'approve', { items: 3 })).toMatchObject({ code: 'PLAN_WRONG_STATE' });
    expect(check('draft', 'start', { topicId: null })).toMatchObject({ code: 'PLAN_WRONG_STATE' });
    expect(check('approved', 'start', { topicId: null })).toBeNull();
    expect(check('approved', 'start', { topicId: 7 })).toMatchObject({ status: 409, code: 'ITEM_STARTED' });
  });

  it('an item is 未启动 without a topic, 进行中 until 解题, 已完成 from then', () => {
    expect(itemState(null)).toBe('not_started');
    expect(['raised', 'settled', 'deliberating'].map((s) => itemState(s as never))).toEqual([
      'under_way',
      'under_way',
      'under_way',
    ]);
    expect(itemState('resolving')).toBe('done');
    expect(itemState('evaluated')).toBe('done');
  });

  it('is overdue when its quarter is over on the local calendar and it is not done', () => {
    const wall = (s: string) => new Date(`${s}Z`);
    expect(isOverdue('under_way', 2026, 1, wall('2026-03-31T23:59:59'))).toBe(false);
    expect(isOverdue('under_way', 2026, 1, wall('2026-04-01T00:00:00'))).toBe(true);
    expect(isOverdue('not_started', 2026, 4, wall('2027-01-01T00:00:00'))).toBe(true);
    expect(isOverdue('done', 2026, 1, wall('2026-12-01T00:00:00'))).toBe(false);
  });

  it('counts the plan’s progress', () => {
    expect(
      progressOf([
        { state: 'done', overdue: false },
        { state: 'under_way', overdue: true },
        { state: 'not_started', overdue: true },
      ]),
    ).toEqual({
      total: 3,
      notStarted: 1,
      underWay: 1,
      done: 1,
      overdue: 2,
      doneRate: 0.3333,
    });
    expect(progressOf([]).doneRate).toBe(0);
  });
});
