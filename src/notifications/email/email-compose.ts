import type { Organization } from '../../config/organization';
import type { OutboundMessage } from '../channels/channel';

/**
 * The words of notice e-mails (docs/design/email.md): a plain-text part that reads well in any client, and the
 * same in simple HTML with inline styles only (clients strip <style> and never run scripts). No templates: every
 * value is escaped here, so a body holding `<script>` arrives as text.
 */
export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/** The office's names a message is signed with (config/organization.json). */
export type MailOffice = Pick<Organization, 'shortName' | 'systemName'>;

/** One notice of a day's digest. */
export interface DigestItem {
  title: string;
  body: string;
  url: string | null;
}

export function composeNoticeMail(message: OutboundMessage, office: MailOffice): ComposedMail {
  const subject = `【${office.shortName}】${message.title}`;
  const text = [salutation(message.recipientName), message.body.trim(), ...linkLine(message.url), footer(office)];
  const html = [
    htmlParagraph(salutation(message.recipientName)),
    htmlParagraph(message.body.trim()),
    ...htmlLink(message.url),
  ];
  return { subject, text: text.join('\n\n') + '\n', html: htmlPage(subject, html, office) };
}

/** One e-mail with a day's notices, for a person who chose a daily digest; `day` as 2026年12月7日. */
export function composeDigestMail(
  recipientName: string,
  day: string,
  items: readonly DigestItem[],
  office: MailOffice,
): ComposedMail {
  const subject = `【${office.shortName}】${day}消息汇总（${items.length}条）`;
  const lead = `${day}，您在${office.systemName}共有 ${items.length} 条新消息：`;
  const text = [
    salutation(recipientName),
    lead,
    ...items.map((item, i) => [`${i + 1}. ${item.title}`, item.body.trim(), ...linkLine(item.url)].join('\n')),
    footer(office),
  ];
  const list = items.map(
    (item) =>
      `<li style="margin:0 0 16px 0"><strong>${escapeHtml(item.title)}</strong>` +
      `${htmlParagraph(item.body.trim())}${htmlLink(item.url).join('')}</li>`,
  );
  const html = [
    htmlParagraph(salutation(recipientName)),
    htmlParagraph(lead),
    `<ol style="padding-left:20px;margin:0">${list.join('')}</ol>`,
  ];
  return { subject, text: text.join('\n\n') + '\n', html: htmlPage(subject, html, office) };
}

const salutation = (name: string): string => `${name}：`;

const linkLine = (url: string | null): string[] => (url ? [`查看详情：${url}`] : []);

function footer(office: MailOffice): string {
  return `——\n此邮件由${office.systemName}自动发送，请勿直接回复。不想收到此类邮件，可在平台「通知设置」中更改。`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Escaped text, its line breaks kept as <br>. */
function htmlParagraph(text: string): string {
  return `<p style="margin:0 0 12px 0">${escapeHtml(text).replace(/\r?\n/g, '<br>')}</p>`;
}

/** A real link for an http(s) address; anything else (never expected) stays text, so no `javascript:` href. */
function htmlLink(url: string | null): string[] {
  if (!url) return [];
  const href = /^https?:\/\//i.test(url) ? escapeHtml(url) : null;
  const shown = escapeHtml(url);
  const link = href ? `<a href="${href}" style="color:#b71c1c">${shown}</a>` : shown;
  return [`<p style="margin:0 0 12px 0">查看详情：${link}</p>`];
}

function htmlPage(subject: string, blocks: readonly string[], office: MailOffice): string {
  const foot =
    `此邮件由${escapeHtml(office.systemName)}自动发送，请勿直接回复。` +
    '不想收到此类邮件，可在平台「通知设置」中更改。';
  return [
    '<!DOCTYPE html>',
    `<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:16px;background:#f4f4f4">',
    '<div style="max-width:640px;margin:0 auto;padding:24px;background:#ffffff;color:#222222;' +
      "font-family:'PingFang SC','Microsoft YaHei',sans-serif;font-size:15px;line-height:1.7\">",
    ...blocks,
    `<p style="margin:24px 0 0 0;padding-top:12px;border-top:1px solid #dddddd;color:#888888;font-size:12px">${foot}</p>`,
    '</div></body></html>',
  ].join('\n');
}
