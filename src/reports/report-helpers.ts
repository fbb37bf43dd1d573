import { chineseNumeral } from '../common/chinese-numerals';
import { Helper, templateHelpers } from '../common/templates';

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

/** The helpers the report templates use: those every template has (common/templates.ts), and the reports' own. */
export function reportHelpers(timeZone: string): Record<string, Helper> {
  const num = (v: unknown) => Number(v);
  return {
    ...templateHelpers(timeZone),
    /** `{{headingNumber 2 (inc @index)}}` → （一） */
    headingNumber: (level, n) => headingNumber(num(level), num(n)),
    issue: (n) => issueLabel(num(n)),
  };
}
