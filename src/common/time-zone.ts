/** The wall-clock fields of `timeZone` at the instant `at` (month 1–12, hour 0–23). The one place `Intl` splits a date. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(at)
      .map((x) => [x.type, Number(x.value)]),
  );
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/**
 * The wall clock of `timeZone` at the instant `at`, as a Date whose UTC fields read that wall clock
 * (2026-11-26T02:00Z in Asia/Shanghai → a Date of 2026-11-26T10:00Z). For what has no zone of its
 * own: spreadsheet cells, file names, offset arithmetic.
 */
export function wallClock(at: Date, timeZone: string): Date {
  const p = zonedParts(at, timeZone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, at.getUTCMilliseconds()));
}

/** A calendar year of `timeZone` as UTC instants: `from` its first moment, `to` the next year's. */
export interface YearRange {
  year: number;
  from: Date;
  to: Date;
}

/** The instant a calendar year begins in `timeZone` (1 January, 00:00 there): `yearStart(2026, 'Asia/Shanghai')` is 2025-12-31T16:00Z. */
export function yearStart(year: number, timeZone: string): Date {
  const utc = Date.UTC(year, 0, 1);
  return new Date(utc - (wallClock(new Date(utc), timeZone).getTime() - utc));
}

export function yearRange(year: number, timeZone: string): YearRange {
  return { year, from: yearStart(year, timeZone), to: yearStart(year + 1, timeZone) };
}

/** The year of `timeZone`'s wall clock at `at`. */
export const yearOf = (at: Date, timeZone: string): number => wallClock(at, timeZone).getUTCFullYear();
