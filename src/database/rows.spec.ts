import { diff } from './rows';

describe('diff', () => {
  it('keeps only changed, defined fields, comparing dates by value', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const record = { name: '甲', sortOrder: 1, at };
    expect(diff(record, { name: '乙', sortOrder: 1, at: new Date(at.getTime()) })).toEqual({
      from: { name: '甲' },
      to: { name: '乙' },
    });
    expect(diff(record, { name: undefined })).toEqual({ from: {}, to: {} });
  });
});
