import {
  addDays,
  carriedOut,
  decideItem,
  isDueSoon,
  isOverdue,
  ITEM_STATUSES,
  itemActionsFrom,
  ItemFacts,
} from './instruction-workflow';

const unit: ItemFacts = { isItemUnit: true, isStaff: false, text: '已完成选址' };
const staff: ItemFacts = { isItemUnit: false, isStaff: true, text: '请补充资金安排' };

describe('交办事项 workflow', () => {
  it('lets the unit report from open, reported and returned', () => {
    for (const from of ['open', 'reported', 'returned'] as const)
      expect(decideItem(from, 'report', unit)).toEqual({ ok: true, to: 'reported' });
  });

  it('refuses a report by anyone but the item’s unit (403) and an empty one (400)', () => {
    expect(decideItem('open', 'report', { ...unit, isItemUnit: false })).toMatchObject({
      ok: false,
      status: 403,
      code: 'NOT_ITEM_UNIT',
    });
    expect(decideItem('open', 'report', { ...unit, text: '  ' })).toMatchObject({ status: 400 });
    expect(decideItem('open', 'report', { ...unit, text: null })).toMatchObject({ status: 400 });
  });

  it('lets staff accept or return a reported item, a return only with a note', () => {
    expect(decideItem('reported', 'accept', staff)).toEqual({ ok: true, to: 'done' });
    expect(decideItem('reported', 'accept', { ...staff, text: null })).toEqual({ ok: true, to: 'done' });
    expect(decideItem('reported', 'return', staff)).toEqual({ ok: true, to: 'returned' });
    expect(decideItem('reported', 'return', { ...staff, text: '' })).toMatchObject({ status: 400 });
    expect(decideItem('reported', 'accept', unit)).toMatchObject({ status: 403 });
    expect(decideItem('reported', 'return', unit)).toMatchObject({ status: 403 });
  });

  it('refuses every step from the wrong state with 409 in Chinese', () => {
    for (const from of ['open', 'returned', 'done'] as const) {
      expect(decideItem(from, 'accept', staff)).toMatchObject({ status: 409, code: 'ITEM_STATE_CONFLICT' });
      expect(decideItem(from, 'return', staff)).toMatchObject({ status: 409 });
    }
    const done = decideItem('done', 'report', unit);
    expect(done).toMatchObject({ status: 409, message: '该交办事项已办结，不能报告进展' });
  });

  it('lists the actions of each state', () => {
    expect(Object.fromEntries(ITEM_STATUSES.map((s) => [s, itemActionsFrom(s)]))).toEqual({
      open: ['report'],
      reported: ['report', 'accept', 'return'],
      done: [],
      returned: ['report'],
    });
  });

  it('counts an item overdue after its due day until done, and due soon within the days given', () => {
    expect(isOverdue({ status: 'open', dueOn: '2026-12-06' }, '2026-12-07')).toBe(true);
    expect(isOverdue({ status: 'reported', dueOn: '2026-12-06' }, '2026-12-07')).toBe(true);
    expect(isOverdue({ status: 'open', dueOn: '2026-12-07' }, '2026-12-07')).toBe(false);
    expect(isOverdue({ status: 'done', dueOn: '2026-01-01' }, '2026-12-07')).toBe(false);
    expect(isDueSoon({ status: 'open', dueOn: '2026-12-14' }, '2026-12-07', 7)).toBe(true);
    expect(isDueSoon({ status: 'open', dueOn: '2026-12-15' }, '2026-12-07', 7)).toBe(false);
    expect(isDueSoon({ status: 'open', dueOn: '2026-12-06' }, '2026-12-07', 7)).toBe(false);
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
  });

  it('calls a 批示 carried out when it has items and all are done', () => {
    expect(carriedOut([])).toBe(false);
    expect(carriedOut([{ status: 'done' }, { status: 'reported' }])).toBe(false);
    expect(carriedOut([{ status: 'done' }, { status: 'done' }])).toBe(true);
  });
});
