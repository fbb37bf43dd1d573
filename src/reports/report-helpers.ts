import { chineseDate } from '../web/view-helpers';

type Helper = (...args: unknown[]) => unknown;

const DIGITS = '〇一二三四五六七八九';
const UNITS = ['', '十', '百', '千'];

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五, 110 → 一百一十 (0–9999, the range headings and dates need). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new Error(`无法写成中文数字：${n}`);
  if (n === 0) return '零';
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = UNITS[digits.length - 1 - i];
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += '零';
    zero = false;
    out += DIGITS[d] + unit;
  });
  // 十一, not 一十一, when the number starts in the tens.
  return out.startsWith('一十') ? out.slice(1) : out;
}

function dateParts(value: unknown, timeZone: string): { year: string; month: number; day: number } | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return null;
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date).map((x) => [x.type, x.value]),
  );
  return { year: p.year, month: Number(p.month), day: Number(p.day) };
}

/** 二〇二六年十一月二十六日 in the display time zone: the year digit by digit, month and day as numerals. */
export function chineseDateInWords(value: unknown, timeZone: string): string {
  const p = dateParts(value, timeZone);
  if (!p) return '';
  const year = p.year.split('').map((d) => DIGITS[Number(d)]).join('');
  return `${year}年${chineseNumeral(p.month)}月${chineseNumeral(p.day)}日`;
}

/** The number of a heading at a GB/T 9704 level: 1 一、 2 （一） 3 1. 4 (1). */
export function headingNumber(level: number, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumeral(n)}、`;
    case 2:
      return `（${chineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `(${n})`;
    default:
      throw new Error(`标题层级只有 1–4 级，实际为 ${level}`);
  }
}

/** 第3期 (an issue of a publication; its number comes from the per-publication, per-year counter). */
export function issueLabel(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new Error(`期号应为正整数：${n}`);
  return `第${n}期`;
}

/** The helpers every report template may use, registered in one place. Handlebars passes its options object last. */
export function reportHelpers(timeZone: string): Record<string, Helper> {
  const num = (v: unknown) => Number(v);
  return {
    /** 2026年11月26日 */
    date: (value) => chineseDate(value, timeZone),
    /** 二〇二六年十一月二十六日 */
    dateInWords: (value) => chineseDateInWords(value, timeZone),
    /** 十一 */
    numeral: (n) => chineseNumeral(num(n)),
    /** `{{headingNumber 2 (inc @index)}}` → （一） */
    headingNumber: (level, n) => headingNumber(num(level), num(n)),
    issue: (n) => issueLabel(num(n)),
    /** Handlebars' @index counts from 0; headings count from 1. */
    inc: (n) => num(n) + 1,
    /** `{{join cc "，"}}`: the joined text is escaped like any other value. */
    join: (list, separator) => (Array.isArray(list) ? list.map(String).join(typeof separator === 'string' ? separator : '，') : ''),
  };
}
