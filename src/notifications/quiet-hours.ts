import { zonedParts } from '../common/time-zone';

/** The quiet hours of SMS, as hours of the office's day: from `start` (22) to `end` (7) the next morning. */
export interface QuietWindow {
  start: number;
  end: number;
}

export const DEFAULT_QUIET_WINDOW: QuietWindow = { start: 22, end: 7 };

const minutesOf = (at: Date, timeZone: string) => {
  const p = zonedParts(at, timeZone);
  return p.hour * 60 + p.minute;
};

export function inQuietHours(at: Date, timeZone: string, w: QuietWindow): boolean {
  if (w.start === w.end) return false;
  const m = minutesOf(at, timeZone);
  return w.start < w.end ? m >= w.start * 60 && m < w.end * 60 : m >= w.start * 60 || m < w.end * 60;
}

/** When the quiet hours around `at` end (the next `end` o'clock in the office's time zone), or `at` if not quiet. */
export function quietEnd(at: Date, timeZone: string, w: QuietWindow): Date {
  if (!inQuietHours(at, timeZone, w)) return at;
  const p = zonedParts(at, timeZone);
  const sinceMidnight = (p.hour * 60 + p.minute) * 60_000 + p.second * 1000 + (at.getTime() % 1000);
  const midnight = at.getTime() - sinceMidnight;
  const endToday = midnight + w.end * 3600_000;
  return new Date(endToday > at.getTime() ? endToday : endToday + 24 * 3600_000);
}
