import { COMMITMENT_FIELDS, commitmentRows } from './commitment-form';

describe('the reply form’s 承诺事项 rows', () => {
  it('are three pairs of optional text fields', () => {
    expect(Object.keys(COMMITMENT_FIELDS)).toEqual([
      'commitment1Text',
      'commitment1Due',
      'commitment2Text',
      'commitment2Due',
      'commitment3Text',
      'commitment3Due',
    ]);
    expect(new Set(Object.values(COMMITMENT_FIELDS))).toEqual(new Set(['text?']));
  });

  it('sends the rows typed in, in order, trimmed; empty rows are left out, half-filled ones kept for the service to name', () => {
    expect(
      commitmentRows({
        commitment1Text: '  ',
        commitment1Due: '',
        commitment2Text: ' 年底前完成 ',
        commitment2Due: '2027-06-30',
        commitment3Due: '2027-12-31',
      }),
    ).toEqual([
      { text: '年底前完成', dueDate: '2027-06-30' },
      { text: '', dueDate: '2027-12-31' },
    ]);
    expect(commitmentRows({})).toEqual([]);
    expect(commitmentRows({ commitment1Text: ['a', 'b'] })).toEqual([]);
  });
});
