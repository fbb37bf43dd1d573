import { addMonths, isPlenary } from './proposal-dates';

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
