/**
 * The wall clock of `timeZone` at the instant `at`, as a Date whose UTC fields read that wall clock
 * (2026-11-26T02:00Z in Asia/Shanghai → a Date of 2026-11-26T10:00Z). For what has no zone of its
 * own: spreadsheet cells, file names, offset arithmetic.
 */
export function wallClock(at: Date, timeZone: string): Date {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(at)
      .map((x) => [x.type, Number(x.value)]),
  );
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, at.getUTCMilliseconds()));
}

/** A calendar year of `timeZone` as UTC instants: `from` its first moment, `to` the next year's. */
export interface YearRange {
  year: number;
  from: Date;
  to: Date;
}

/** The first instant of 1 January `year` on the wall clock of `timeZone`. */
function newYearIn(year: number, timeZone: string): Date {
  const guess = new Date(Date.UTC(year, 0, 1));
  const offset = wallClock(guess, timeZone).getTime() - guess.getTime();
  return new Date(guess.getTime() - offset);
}

export function yearRange(year: number, timeZone: string): YearRange {
  return { year, from: newYearIn(year, timeZone), to: newYearIn(year + 1, timeZone) };
}

/** The year of `timeZone`'s wall clock at `at`. */
export const yearOf = (at: Date, timeZone: string): number => wallClock(at, timeZone).getUTCFullYear();
