import { chineseDate, chineseDateInWords } from '../common/chinese-dates';
import { chineseNumeral } from '../common/chinese-numerals';

type Helper = (...args: unknown[]) => unknown;

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
    join: (list, separator) =>
      Array.isArray(list) ? list.map(String).join(typeof separator === 'string' ? separator : '，') : '',
  };
}
