import { codeText, composeSmsNotice, MIN_WORDS_WITH_LINK, signPrefix, smsLength } from './sms-text';

const URL_7 = 'https://xs.example.gov.cn/visits/7';
const LINK = ` 详情：${URL_7}`;
/** True when the text has no half of a surrogate pair (UTF-8 would turn one into U+FFFD). */
const whole = (s: string) => Buffer.from(s, 'utf8').toString('utf8') === s;

describe('composeSmsNotice', () => {
  it('writes 「title：body」 as it is when it fits', () => {
    expect(composeSmsNotice({ title: '视察通知', body: '3月5日 9:00 利通区', url: null }, 70)).toBe(
      '视察通知：3月5日 9:00 利通区',
    );
  });

  it('writes the title alone when there is no body', () => {
    expect(composeSmsNotice({ title: '您有一份文件待签发', body: '', url: null }, 70)).toBe('您有一份文件待签发');
    expect(composeSmsNotice({ title: '您有一份文件待签发', body: ' \n ', url: URL_7 }, 70)).toBe(
      `您有一份文件待签发${LINK}`,
    );
  });

  it('puts line breaks and runs of spaces as one space', () => {
    expect(composeSmsNotice({ title: '会议通知', body: '时间：3月5日\n\n地点：  二楼会议室', url: null }, 70)).toBe(
      '会议通知：时间：3月5日 地点： 二楼会议室',
    );
  });

  it('cuts a long body with 「…」 so that the text and the whole link make exactly maxChars', () => {
    const body = '请于三个工作日内对承办单位的答复进行评价，逾期未评价的系统将自动记为未评价。'.repeat(3);
    const sms = composeSmsNotice({ title: '答复待评价', body, url: URL_7 }, 70);
    expect(smsLength(sms)).toBe(70);
    expect(sms.endsWith(`…${LINK}`)).toBe(true);
    expect(sms.startsWith('答复待评价：请于三个工作日内')).toBe(true);
  });

  it('keeps text of exactly the room uncut, and cuts one character more', () => {
    const room = 70 - smsLength(LINK);
    const fits = '议'.repeat(room - 3);
    expect(composeSmsNotice({ title: '通知', body: fits, url: URL_7 }, 70)).toBe(`通知：${fits}${LINK}`);
    const over = composeSmsNotice({ title: '通知', body: `${fits}事`, url: URL_7 }, 70);
    expect(over).toBe(`通知：${fits.slice(0, -1)}…${LINK}`);
    expect(smsLength(over)).toBe(70);
  });

  it('cuts a title longer than the room, and the body goes', () => {
    const title = '关于召开政协第十二届委员会第三次会议暨全体委员学习培训班的通知'.repeat(2);
    const sms = composeSmsNotice({ title, body: '请准时参加', url: null }, 40);
    expect(sms).toBe(`${[...title].slice(0, 39).join('')}…`);
    expect(sms).not.toContain('请准时参加');
  });

  it('counts code points: a character outside the BMP is one, and is never split', () => {
    const body = '𠮷'.repeat(100);
    const sms = composeSmsNotice({ title: '通知', body, url: null }, 20);
    expect(smsLength(sms)).toBe(20);
    expect(sms.length).toBe(2 + 1 + 16 * 2 + 1);
    expect(whole(sms)).toBe(true);
  });

  it('never cuts the link: one leaving fewer than MIN_WORDS_WITH_LINK characters is left out', () => {
    const long = `https://xs.example.gov.cn/proposals/12?from=${'x'.repeat(40)}`;
    const sms = composeSmsNotice({ title: '提案已立案', body: '第12号提案已立案并交办', url: long }, 60);
    expect(60 - smsLength(` 详情：${long}`)).toBeLessThan(MIN_WORDS_WITH_LINK);
    expect(sms).toBe('提案已立案：第12号提案已立案并交办');
  });
});

describe('the other words of an SMS', () => {
  it('writes the code in a sentence and the sign in 【】', () => {
    expect(codeText('482916')).toMatch(/^验证码：482916，.*请勿告诉他人/);
    expect(signPrefix('吴忠市政协')).toBe('【吴忠市政协】');
  });
});
