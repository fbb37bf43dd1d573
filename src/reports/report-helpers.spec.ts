import Handlebars from 'handlebars';
import { chineseDateInWords } from '../common/chinese-dates';
import { chineseNumeral } from '../common/chinese-numerals';
import { headingNumber, issueLabel, reportHelpers } from './report-helpers';

describe('report helpers', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [21, '二十一'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [1001, '一千零一'],
    [2026, '二千零二十六'],
  ])('writes %i as %s', (n, text) => {
    expect(chineseNumeral(n)).toBe(text);
  });

  it('refuses numbers it cannot write', () => {
    expect(() => chineseNumeral(-1)).toThrow('无法写成中文数字');
    expect(() => chineseNumeral(1.5)).toThrow('无法写成中文数字');
  });

  it('writes dates in words in the display zone: 二〇二六年十一月二十六日', () => {
    expect(chineseDateInWords('2026-11-26T03:00:00Z', 'Asia/Shanghai')).toBe('二〇二六年十一月二十六日');
    expect(chineseDateInWords('2030-01-10T00:00:00Z', 'Asia/Shanghai')).toBe('二〇三〇年一月十日');
    // 17:00 UTC on the 25th is already the 26th in Shanghai.
    expect(chineseDateInWords('2026-11-25T17:00:00Z', 'Asia/Shanghai')).toBe('二〇二六年十一月二十六日');
    expect(chineseDateInWords(null, 'Asia/Shanghai')).toBe('');
  });

  it('numbers headings at the four GB/T 9704 levels', () => {
    expect([1, 2, 3, 4].map((level) => headingNumber(level, 11))).toEqual(['十一、', '（十一）', '11.', '(11)']);
    expect(() => headingNumber(5, 1)).toThrow('标题层级');
  });

  it('labels an issue 第N期 and refuses a non-positive number', () => {
    expect(issueLabel(3)).toBe('第3期');
    expect(() => issueLabel(0)).toThrow('期号');
  });

  it('works from templates, with Arabic dates in the display zone and @index counted from one', () => {
    const hbs = Handlebars.create();
    hbs.registerHelper(reportHelpers('Asia/Shanghai'));
    const t = hbs.compile(
      '{{date on}}|{{dateInWords on}}|{{issue n}}|{{#each xs}}{{headingNumber 2 (inc @index)}}{{this}}{{/each}}|{{join cc "、"}}',
      { strict: true },
    );
    expect(t({ on: '2026-11-25T17:00:00Z', n: 12, xs: ['甲', '乙'], cc: ['市委办公室', '<市政府>'] })).toBe(
      '2026年11月26日|二〇二六年十一月二十六日|第12期|（一）甲（二）乙|市委办公室、&lt;市政府&gt;',
    );
  });
});
