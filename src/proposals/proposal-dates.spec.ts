import {
  addMonths,
  addWorkingDays,
  daysUntil,
  isPlenary,
  isWorkingDay,
  shanghaiDay,
  WorkCalendar,
} from './proposal-dates';

describe('deadline arithmetic on the Shanghai calendar', () => {
  it('adds months keeping the time of day', () => {
    expect(addMonths(new Date('2026-03-10T01:30:00Z'), 3).toISOString()).toBe('2026-06-10T01:30:00.000Z');
  });

  it('counts the day in Shanghai: 1 March 00:30 there is 28 February in UTC', () => {
    expect(addMonths(new Date('2026-02-28T16:30:00Z'), 1).toISOString()).toBe('2026-03-31T16:30:00.000Z');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(addMonths(new Date('2026-11-30T02:00:00Z'), 3).toISOString()).toBe('2027-02-28T02:00:00.000Z');
    expect(addMonths(new Date('2027-11-30T02:00:00Z'), 3).toISOString()).toBe('2028-02-29T02:00:00.000Z');
  });

  it('goes back as well as forward', () => {
    expect(addMonths(new Date('2026-05-31T02:00:00Z'), -3).toISOString()).toBe('2026-02-28T02:00:00.000Z');
  });
});

describe('大会提案 window', () => {
  const closesAt = new Date('2027-01-20T09:00:00Z');
  it.each([
    ['on the deadline', '2027-01-20T09:00:00Z', true],
    ['three months before it', '2026-10-20T09:00:00Z', true],
    ['a minute before the window', '2026-10-20T08:59:00Z', false],
    ['after the deadline', '2027-01-20T09:00:01Z', false],
  ])('%s', (_, at, plenary) => {
    expect(isPlenary(new Date(at), closesAt, 3)).toBe(plenary);
  });
});

describe('working days on the Shanghai calendar', () => {
  const plain: WorkCalendar = { holidays: [], workdays: [] };
  // 2026: 国庆 1–7 October off, Sunday 20 September and Saturday 10 October worked.
  const national: WorkCalendar = {
    holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
    workdays: ['2026-09-20', '2026-10-10'],
  };
  const at = (local: string) => new Date(`${local}+08:00`);

  it('counts the day in Shanghai: 16:30 UTC on a Friday is already Saturday there', () => {
    expect(shanghaiDay(new Date('2026-11-27T16:30:00Z'))).toBe('2026-11-28');
    expect(isWorkingDay('2026-11-28', plain)).toBe(false);
    expect(isWorkingDay('2026-11-27', plain)).toBe(true);
  });

  it('counts the calendar days left in Shanghai, whatever the time of day', () => {
    expect(daysUntil(at('2026-08-18T10:00:00'), at('2026-09-01T10:00:01'))).toBe(14);
    expect(daysUntil(at('2026-08-31T23:59:00'), at('2026-09-01T00:01:00'))).toBe(1);
    expect(daysUntil(at('2026-09-01T08:00:00'), at('2026-09-01T10:00:00'))).toBe(0);
    expect(daysUntil(at('2026-12-30T10:00:00'), at('2027-01-02T10:00:00'))).toBe(3);
  });

  it('skips the weekend, keeping the time of day', () => {
    expect(addWorkingDays(at('2026-11-27T10:00:00'), 1, plain)).toEqual(at('2026-11-30T10:00:00'));
    expect(addWorkingDays(at('2026-11-25T10:00:00'), 3, plain)).toEqual(at('2026-11-30T10:00:00'));
    // 15 working days are three weeks.
    expect(addWorkingDays(at('2026-11-02T10:00:00'), 15, plain)).toEqual(at('2026-11-23T10:00:00'));
  });

  it('starts from a weekend day as from the Friday before it', () => {
    expect(addWorkingDays(at('2026-11-28T09:00:00'), 1, plain)).toEqual(at('2026-11-30T09:00:00'));
    expect(addWorkingDays(at('2026-11-29T23:30:00'), 1, plain)).toEqual(at('2026-11-30T23:30:00'));
  });

  it('skips holidays and counts the weekend days worked in their place', () => {
    // Wednesday 30 September: 1–7 October off, 8 (Thu), 9 (Fri), 10 (Sat, worked), 12 (Mon).
    expect(addWorkingDays(at('2026-09-30T10:00:00'), 4, national)).toEqual(at('2026-10-12T10:00:00'));
    expect(addWorkingDays(at('2026-09-30T10:00:00'), 4, plain)).toEqual(at('2026-10-06T10:00:00'));
    expect(addWorkingDays(at('2026-09-18T10:00:00'), 1, national)).toEqual(at('2026-09-20T10:00:00'));
  });

  it('adds nothing for zero days', () => {
    expect(addWorkingDays(at('2026-11-28T09:00:00'), 0, plain)).toEqual(at('2026-11-28T09:00:00'));
  });
});
