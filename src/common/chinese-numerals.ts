const DIGITS = '〇一二三四五六七八九';
const UNITS = ['', '十', '百', '千'];

/** 3 → 三: one digit as its numeral, for years written digit by digit (二〇二六). */
export const chineseDigit = (d: number): string => DIGITS[d];

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
