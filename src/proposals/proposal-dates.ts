/*
 * Calendar arithmetic for deadlines. Asia/Shanghai has no daylight saving, so months are
 * added on the calendar of UTC+8 and the time of day is kept; the day is clamped to the
 * month's last (30 November + 3 months = 28 or 29 February).
 */
const SHANGHAI_MS = 8 * 3_600_000;

export function addMonths(at: Date, months: number): Date {
  const local = new Date(at.getTime() + SHANGHAI_MS);
  const day = local.getUTCDate();
  local.setUTCDate(1);
  local.setUTCMonth(local.getUTCMonth() + months);
  const last = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  local.setUTCDate(Math.min(day, last));
  return new Date(local.getTime() - SHANGHAI_MS);
}

export const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * 86_400_000);

/**
 * 大会提案: filed (submitted) from `windowMonths` before the session's 大会提案截止 (`closesAt`) up
 * to it. The session's `closesAt` stands for the plenary's deadline; `opensAt` marks when
 * collection opens and does not bound the window, so a proposal filed early in the window is
 * still a plenary one.
 */
export function isPlenary(filedAt: Date, closesAt: Date, windowMonths: number): boolean {
  const t = filedAt.getTime();
  return t <= closesAt.getTime() && t >= addMonths(closesAt, -windowMonths).getTime();
}

/** The calendar day of `at` in Shanghai, `2026-10-01`. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_MS).toISOString().slice(0, 10);
}

/** Calendar days in Shanghai from `from`'s day to `to`'s: 0 on the same day, 1 the day before. */
export function daysUntil(from: Date, to: Date): number {
  return Math.round((Date.parse(shanghaiDay(to)) - Date.parse(shanghaiDay(from))) / 86_400_000);
}

/** Which days are worked: Monday to Friday, less the public holidays, plus the weekend days worked in their place (调休). */
export interface WorkCalendar {
  /** `YYYY-MM-DD` days off that would otherwise be worked (法定节假日). */
  holidays: readonly string[];
  /** `YYYY-MM-DD` weekend days that are worked (调休上班). */
  workdays: readonly string[];
}

export function isWorkingDay(day: string, calendar: WorkCalendar): boolean {
  if (calendar.workdays.includes(day)) return true;
  if (calendar.holidays.includes(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * `n` working days after `at` on the Shanghai calendar, at the same time of day: the days after
 * `at`'s own day are counted, working ones only. A reply on Friday 10:00 plus one working day is
 * Monday 10:00 (or Tuesday, if Monday is a holiday); a reply on Saturday plus one is Monday too.
 */
export function addWorkingDays(at: Date, n: number, calendar: WorkCalendar): Date {
  let t = at.getTime();
  for (let counted = 0; counted < n;) {
    t += 86_400_000;
    if (isWorkingDay(shanghaiDay(new Date(t)), calendar)) counted++;
  }
  return new Date(t);
}
