/**
 * The SMTP server notices are sent through (`XS_SMTP_URL`, `XS_MAIL_FROM`, `XS_SMTP_TIMEOUT_MS`; docs/design/email.md).
 * `url` holds the password and is not enumerable, so a printed or serialised configuration shows `safeUrl`
 * (password masked) and never the secret.
 */
export interface MailConfig {
  /** `XS_SMTP_URL`, e.g. `smtps://xieshang:secret@mail.example.gov.cn:465`: for nodemailer only, never logged. */
  readonly url: string;
  /** The same with the password replaced by `***`, for logs and messages. */
  safeUrl: string;
  /** `XS_MAIL_FROM`: `吴忠市政协办公室 <xieshang@example.gov.cn>` → its display name and address. */
  from: { name: string; address: string };
  /** `XS_SMTP_TIMEOUT_MS`: connecting, the server's greeting, and silence on the socket, each. */
  timeoutMs: number;
}

export function mailConfig(url: string, from: MailConfig['from'], timeoutMs: number): MailConfig {
  const mail = { safeUrl: maskSmtpUrl(url), from, timeoutMs };
  return Object.defineProperty(mail, 'url', { value: url, enumerable: false }) as MailConfig;
}

/** An SMTP URL with its password (if any) masked, for messages and logs. */
export function maskSmtpUrl(raw: string): string {
  const url = URL.parse(raw);
  if (!url) return '（无法解析的地址）';
  if (url.password) url.password = '***';
  return url.href.replace(/\/$/, '');
}

/** Why `XS_SMTP_URL` is unusable (the URL quoted with its password masked), or null. */
export function smtpUrlProblem(raw: string): string | null {
  const url = URL.parse(raw);
  const ok =
    url && /^smtps?:$/.test(url.protocol) && url.hostname && !url.search && !url.hash && url.pathname.length < 2;
  if (!ok)
    return `须为 smtp:// 或 smtps:// 开头的邮件服务器地址，如 smtps://用户名:密码@mail.example.gov.cn:465，实际为 "${maskSmtpUrl(raw)}"`;
  if (url.password && !url.username) return `有密码而无用户名："${maskSmtpUrl(raw)}"`;
  return null;
}

const MAIL_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/**
 * `名称 <address>` or a bare address → its parts, or why not. The name may not hold quotes, angle brackets or
 * control characters: it goes into the From header (nodemailer encodes it), and a line break would be a header.
 */
export function parseMailFrom(raw: string): MailConfig['from'] | string {
  const m = /^([^<>"]*)<([^<>]*)>$/.exec(raw.trim());
  const name = m ? m[1].trim() : '';
  const address = (m ? m[2] : raw).trim();
  if (MAIL_ADDRESS.test(address) && name.length <= 64 && !/\p{Cc}/u.test(name)) return { name, address };
  return `须为发件人地址，如 "吴忠市政协办公室 <xieshang@example.gov.cn>"（名称不含引号、尖括号），实际为 "${raw}"`;
}
