import { composeDigestMail, composeNoticeMail, escapeHtml } from './email-compose';

const OFFICE = { shortName: '吴忠市政协', systemName: '吴忠市政协协商议事平台' };
const FOOTER = '此邮件由吴忠市政协协商议事平台自动发送，请勿直接回复。不想收到此类邮件，可在平台「通知设置」中更改。';

const message = {
  address: 'wangjianguo@example.cn',
  recipientName: '王建国',
  title: '您的提案已立案',
  body: '提案《关于加快老旧小区改造的建议》已立案。\n承办单位：市住房和城乡建设局',
  url: 'https://xs.example.gov.cn/proposals/12',
};

describe('composeNoticeMail', () => {
  it('puts the office in the subject and the salutation, body, link and footer in the text, in that order', () => {
    const mail = composeNoticeMail(message, OFFICE);
    expect(mail.subject).toBe('【吴忠市政协】您的提案已立案');
    expect(mail.text).toBe(
      [
        '王建国：',
        '提案《关于加快老旧小区改造的建议》已立案。\n承办单位：市住房和城乡建设局',
        '查看详情：https://xs.example.gov.cn/proposals/12',
        `——\n${FOOTER}`,
      ].join('\n\n') + '\n',
    );
  });

  it('says the same in HTML with a real link, the line breaks kept and the footer', () => {
    const { html } = composeNoticeMail(message, OFFICE);
    expect(html).toContain('<p style="margin:0 0 12px 0">王建国：</p>');
    expect(html).toContain('已立案。<br>承办单位');
    expect(html).toContain(
      '查看详情：<a href="https://xs.example.gov.cn/proposals/12" style="color:#b71c1c">https://xs.example.gov.cn/proposals/12</a>',
    );
    expect(html).toContain(FOOTER);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
  });

  it('escapes every value: a body or title holding markup arrives as text', () => {
    const mail = composeNoticeMail(
      { ...message, recipientName: '<b>王</b>', title: '"标题" & <i>', body: '<script>alert(1)</script>' },
      OFFICE,
    );
    expect(mail.html).not.toMatch(/<script|<b>|<i>/);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('<title>【吴忠市政协】&quot;标题&quot; &amp; &lt;i&gt;</title>');
    expect(mail.text).toContain('<script>alert(1)</script>');
  });

  it('leaves out the link line when the notice has no page, and never makes a non-http address a link', () => {
    const none = composeNoticeMail({ ...message, url: null }, OFFICE);
    expect(none.text).not.toContain('查看详情');
    expect(none.html).not.toContain('查看详情');
    const odd = composeNoticeMail({ ...message, url: 'javascript:alert(1)' }, OFFICE);
    expect(odd.html).not.toContain('href=');
    expect(odd.html).toContain('查看详情：javascript:alert(1)');
  });
});

describe('composeDigestMail', () => {
  const items = [
    { title: '视察邀请', body: '请于12月9日参加视察。', url: 'https://xs.example.gov.cn/visits/3' },
    { title: '答复待评价', body: '市教育局已答复，请评价。', url: 'https://xs.example.gov.cn/proposals/12' },
    { title: '系统消息', body: '<b>不是标签</b>', url: null },
  ];

  it('counts the day’s notices in the subject and lists each with its link', () => {
    const mail = composeDigestMail('王建国', '2026年12月7日', items, OFFICE);
    expect(mail.subject).toBe('【吴忠市政协】2026年12月7日消息汇总（3条）');
    expect(mail.text).toContain('王建国：\n\n2026年12月7日，您在吴忠市政协协商议事平台共有 3 条新消息：');
    expect(mail.text).toContain('1. 视察邀请\n请于12月9日参加视察。\n查看详情：https://xs.example.gov.cn/visits/3');
    expect(mail.text).toContain('2. 答复待评价\n');
    expect(mail.text).toContain('3. 系统消息\n<b>不是标签</b>\n\n——');
    expect(mail.text).toContain(FOOTER);
  });

  it('lists them in HTML as an ordered list, escaped, with links', () => {
    const { html } = composeDigestMail('王建国', '2026年12月7日', items, OFFICE);
    expect(html.match(/<li /g)).toHaveLength(3);
    expect(html).toContain('<strong>视察邀请</strong>');
    expect(html).toContain('<a href="https://xs.example.gov.cn/proposals/12"');
    expect(html).toContain('&lt;b&gt;不是标签&lt;/b&gt;');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
