import { chineseDigit, chineseNumeral } from './chinese-numerals';
import { ZonedParts, zonedParts } from './time-zone';

/** The wall-clock fields of a date-like value (a Date or an ISO string), or null for no or an invalid date. */
function partsOf(value: unknown, timeZone: string): ZonedParts | null {
  if (value === null || value === undefined || value === '') return null;
  // A calendar day (`2027-01-06`: a due day, a 批示's date) is that day in any zone, not the instant UTC midnight.
  const day = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (day) return { year: +day[1], month: +day[2], day: +day[3], hour: 0, minute: 0, second: 0 };
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return null;
  return zonedParts(date, timeZone);
}

const two = (n: number) => String(n).padStart(2, '0');

/** `2026年11月26日` in the display time zone (an empty string for no date). */
export function chineseDate(value: unknown, timeZone: string): string {
  const p = partsOf(value, timeZone);
  return p ? `${p.year}年${p.month}月${p.day}日` : '';
}

/** `11月26日` for a date in the year of `now` (display time zone), else `2027年1月25日`: the year only when it differs. */
export function chineseShortDate(value: unknown, now: Date, timeZone: string): string {
  const p = partsOf(value, timeZone);
  if (!p) return '';
  return p.year === zonedParts(now, timeZone).year ? `${p.month}月${p.day}日` : `${p.year}年${p.month}月${p.day}日`;
}

/** `2026年11月26日 14:05` in the display time zone. */
export function chineseDateTime(value: unknown, timeZone: string): string {
  const p = partsOf(value, timeZone);
  return p ? `${p.year}年${p.month}月${p.day}日 ${two(p.hour)}:${two(p.minute)}` : '';
}

/** `2026年6月18日 08:30–12:00`, or with both dates when the range runs over days. */
export function chineseTimeRange(from: unknown, to: unknown, timeZone: string): string {
  const [a, b] = [partsOf(from, timeZone), partsOf(to, timeZone)];
  if (!a || !b) return chineseDateTime(from, timeZone);
  const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
  return `${chineseDateTime(from, timeZone)}–${sameDay ? `${two(b.hour)}:${two(b.minute)}` : chineseDateTime(to, timeZone)}`;
}

/** 二〇二六年十一月二十六日 in the display time zone: the year digit by digit, month and day as numerals. */
export function chineseDateInWords(value: unknown, timeZone: string): string {
  const p = partsOf(value, timeZone);
  if (!p) return '';
  const year = String(p.year)
    .split('')
    .map((d) => chineseDigit(Number(d)))
    .join('');
  return `${year}年${chineseNumeral(p.month)}月${chineseNumeral(p.day)}日`;
}
