import { safeCell } from './xlsx';

describe('safeCell', () => {
  it('puts an apostrophe before text that starts like a formula: = + - @, tab and CR', () => {
    for (const text of ['=HYPERLINK("http://evil.example","x")', '-1+2', '@SUM(A1)', '+86', '\t=1', '\r=1'])
      expect(safeCell(text)).toBe(`'${text}`);
  });

  it('leaves other text, numbers (negative ones too) and dates as they are; empty text is an empty cell', () => {
    const day = new Date('2026-06-08T00:00:00Z');
    expect(safeCell('关于加强停车管理的建议')).toBe('关于加强停车管理的建议');
    expect(safeCell('a=b')).toBe('a=b');
    expect(safeCell(-5)).toBe(-5);
    expect(safeCell(day)).toBe(day);
    expect(safeCell('')).toBeNull();
    expect(safeCell(undefined)).toBeNull();
    expect(safeCell(null)).toBeNull();
  });
});
