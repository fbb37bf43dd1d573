import { actionsFrom, check, decide, decidePooled, editStep, lengthOf, OPINION_STATUSES } from './opinion-workflow';

describe('社情民意 workflow', () => {
  const staff = { isStaff: true };

  it('lets the submitter file a draft and a returned item, nobody else', () => {
    expect(decide('draft', 'submit', { isSubmitter: true })).toEqual({ ok: true, to: 'submitted' });
    expect(decide('returned', 'submit', { isSubmitter: true })).toEqual({ ok: true, to: 'submitted' });
    expect(decide('draft', 'submit', staff)).toMatchObject({ ok: false, status: 403, code: 'NOT_SUBMITTER' });
    expect(decide('submitted', 'submit', { isSubmitter: true })).toMatchObject({
      ok: false,
      status: 409,
      message: '社情民意信息当前为“已报送”，不能报送',
    });
  });

  it('lets staff accept, archive with a reason and return with a note, only a submitted item', () => {
    expect(decide('submitted', 'accept', staff)).toEqual({ ok: true, to: 'accepted' });
    expect(decide('submitted', 'archive', { ...staff, reason: '与已编报信息重复' })).toEqual({
      ok: true,
      to: 'archived',
    });
    expect(decide('submitted', 'return', { ...staff, reason: '请补充具体数据' })).toEqual({ ok: true, to: 'returned' });
    expect(decide('submitted', 'archive', { ...staff, reason: '  ' })).toMatchObject({
      status: 400,
      code: 'REASON_REQUIRED',
    });
    expect(decide('submitted', 'return', staff)).toMatchObject({ status: 400, code: 'NOTE_REQUIRED' });
    expect(decide('submitted', 'accept', { isSubmitter: true })).toMatchObject({ status: 403, code: 'NOT_STAFF' });
    for (const status of ['draft', 'returned', 'accepted', 'archived'] as const)
      expect(decide(status, 'accept', staff)).toMatchObject({ status: 409, code: 'OPINION_WRONG_STATE' });
  });

  it('checks the state before the person and the person before the input', () => {
    expect(decide('accepted', 'archive', {})).toMatchObject({ status: 409 });
    expect(decide('submitted', 'archive', {})).toMatchObject({ status: 403 });
  });

  it('lets the submitter edit before review and staff during it', () => {
    expect(check('draft', 'edit', { isSubmitter: true })).toBeNull();
    expect(check('returned', 'edit', { isSubmitter: true })).toBeNull();
    expect(check('submitted', 'edit', { isSubmitter: true })).toMatchObject({ status: 409 });
    expect(check('draft', 'edit', staff)).toMatchObject({ status: 403 });
    expect(check('submitted', 'staffEdit', staff)).toBeNull();
    expect(check('accepted', 'staffEdit', staff)).toMatchObject({ status: 409 });
    expect(editStep('submitted', staff)).toBe('staffEdit');
    expect(editStep('draft', { isStaff: true, isSubmitter: true })).toBe('edit');
  });

  it('offers the buttons each state allows', () => {
    const offered = Object.fromEntries(OPINION_STATUSES.map((s) => [s, actionsFrom(s)]));
    expect(offered).toEqual({
      draft: ['submit'],
      submitted: ['accept', 'archive', 'return'],
      returned: ['submit'],
      accepted: [],
      archived: [],
      merged: [],
      compiled: [],
    });
  });

  it('counts characters as people do', () => {
    expect(lengthOf('社情民意')).toBe(4);
    expect(lengthOf('😀a')).toBe(2);
  });

  it('merges or compiles only an accepted item, and only for staff; no single-item button changes', () => {
    expect(decidePooled('accepted', 'merge', staff)).toEqual({ ok: true, to: 'merged' });
    expect(decidePooled('accepted', 'compile', staff)).toEqual({ ok: true, to: 'compiled' });
    expect(decidePooled('accepted', 'compile', { isSubmitter: true })).toMatchObject({ status: 403 });
    for (const status of ['draft', 'submitted', 'returned', 'archived', 'merged', 'compiled'] as const)
      expect(decidePooled(status, 'merge', staff)).toMatchObject({ ok: false, status: 409 });
    expect(decidePooled('merged', 'compile', staff)).toMatchObject({
      message: '社情民意信息当前为“已合并”，不能编入《社情民意》',
    });
    expect(actionsFrom('accepted')).toEqual([]);
    expect(actionsFrom('compiled')).toEqual([]);
  });
});
