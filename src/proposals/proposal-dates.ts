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
