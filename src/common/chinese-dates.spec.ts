import { chineseDate, chineseShortDate } from './chinese-dates';

describe('chineseShortDate', () => {
  const now = new Date('2026-12-07T04:00:00Z');

  it('prints month and day for a date of this year, in the display time zone', () => {
    expect(chineseShortDate('2026-11-30T02:00:00.000Z', now, 'Asia/Shanghai')).toBe('11月30日');
    // 16:30 UTC on 30 November is already 1 December in Beijing.
    expect(chineseShortDate(new Date('2026-11-30T16:30:00Z'), now, 'Asia/Shanghai')).toBe('12月1日');
  });

  it('adds the year when the date lies in another year, and prints nothing for no date', () => {
    expect(chineseShortDate('2027-01-25T02:00:00.000Z', now, 'Asia/Shanghai')).toBe('2027年1月25日');
    expect(chineseShortDate('2025-12-31T20:00:00.000Z', now, 'Asia/Shanghai')).toBe('1月1日');
    expect(chineseShortDate(null, now, 'Asia/Shanghai')).toBe('');
  });
});

describe('chineseDate', () => {
  it('prints a calendar day as that day in any display time zone, and an instant in the zone', () => {
    expect(chineseDate('2027-01-06', 'Asia/Shanghai')).toBe('2027年1月6日');
    // West of Greenwich, UTC midnight would fall on the day before: a day has no zone.
    expect(chineseDate('2027-01-06', 'America/New_York')).toBe('2027年1月6日');
    expect(chineseDate('2027-01-05T20:00:00.000Z', 'Asia/Shanghai')).toBe('2027年1月6日');
  });
});
