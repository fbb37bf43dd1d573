import { createTransport, type Transporter } from 'nodemailer';
import type { MailConfig } from '../../config/mail-config';
import {
  ChannelFailure,
  type FailureReason,
  type NotificationChannel,
  type OutboundMessage,
  type SendReceipt,
} from '../channels/channel';
import {
  composeDigestMail,
  composeNoticeMail,
  type ComposedMail,
  type DigestItem,
  type MailOffice,
} from './email-compose';

/**
 * Notices by e-mail over SMTP (docs/design/email.md): nodemailer, one connection per message (notices are
 * few and the job retries), time-outs from `XS_SMTP_TIMEOUT_MS`. Nest-free: the integrator builds it from
 * `AppConfig.mail` and `Organization`. Nothing here logs; what a failure keeps is the server's reply line.
 */
export class EmailChannel implements NotificationChannel {
  readonly name = 'email' as const;
  readonly configured: boolean;
  private transport: Transporter | null = null;

  constructor(
    private readonly config: MailConfig | null,
    private readonly office: MailOffice,
  ) {
    this.configured = config !== null;
  }

  send(message: OutboundMessage): Promise<SendReceipt> {
    return this.deliver(message.address, message.recipientName, composeNoticeMail(message, this.office));
  }

  /** One e-mail listing a day's notices (`day` as 2026年12月7日), for a person who chose the daily digest. */
  sendDigest(address: string, recipientName: string, day: string, items: readonly DigestItem[]): Promise<SendReceipt> {
    return this.deliver(address, recipientName, composeDigestMail(recipientName, day, items, this.office));
  }

  /** Ends the transport's open connections (none between messages: it is not pooled); for a graceful stop. */
  close(): void {
    this.transport?.close();
    this.transport = null;
  }

  private async deliver(address: string, recipientName: string, mail: ComposedMail): Promise<SendReceipt> {
    const config = this.config;
    if (!config)
      throw new ChannelFailure('未配置邮件服务器（XS_SMTP_URL），邮件通知已关闭', 'misconfigured', '', false);
    try {
      const info = (await this.transporter(config).sendMail({
        from: config.from,
        to: { name: recipientName, address },
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: AUTOMATIC_HEADERS,
      })) as { messageId?: string; response?: string };
      return { providerMessageId: info.messageId ?? null, answer: redact(info.response ?? '', config) };
    } catch (e) {
      throw smtpFailure(e, config);
    }
  }

  private transporter(config: MailConfig): Transporter {
    this.transport ??= createTransport({
      url: config.url,
      connectionTimeout: config.timeoutMs,
      greetingTimeout: config.timeoutMs,
      socketTimeout: config.timeoutMs,
      // No log lines from nodemailer (its debug output would carry the AUTH exchange), and no message part that
      // fetches a file or a URL: the content is ours, but it should never be able to.
      logger: false,
      debug: false,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return this.transport;
  }
}

/**
 * RFC 3834's mark of an automatic message: vacation and out-of-office replies are not sent back to it, and
 * Exchange/Outlook's own auto-replies are suppressed by X-Auto-Response-Suppress.
 */
export const AUTOMATIC_HEADERS = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' };

/** The fields of a nodemailer error that say what went wrong. */
interface SmtpError {
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

const FAILURE_TEXT: Record<FailureReason, string> = {
  rejected: '邮件服务器拒收了这封邮件（收件地址不存在或内容被拒）',
  rate_limited: '邮件服务器限制了发送频率，稍后重试',
  timeout: '连接邮件服务器超时，稍后重试',
  unavailable: '邮件服务器暂时无法连接或暂不受理，稍后重试',
  misconfigured: '邮件服务器的设置有误（账号、密码、发件人或证书），请联系系统管理员',
};

const RATE_WORDS = /rate|too many|limit|exceed|frequen|频率|频繁|超限/i;
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO/;

/** Why a nodemailer send failed, and whether sending again may help. */
export function classifySmtpError(e: SmtpError): { reason: FailureReason; retryable: boolean } {
  const status = e.responseCode ?? 0;
  const system = e.originalCode ?? '';
  if (e.code === 'EAUTH' || status === 530 || status === 535 || status === 534)
    return { reason: 'misconfigured', retryable: false };
  if (status >= 500 && e.command === 'MAIL FROM') return { reason: 'misconfigured', retryable: false };
  if (status >= 400 && status < 500)
    return { reason: RATE_WORDS.test(e.response ?? '') ? 'rate_limited' : 'unavailable', retryable: true };
  if (status >= 500) return { reason: 'rejected', retryable: false };
  if (e.code === 'ETIMEDOUT' || system === 'ETIMEDOUT') return { reason: 'timeout', retryable: true };
  if (e.code === 'ETLS' || TLS_CODES.test(system)) return { reason: 'misconfigured', retryable: false };
  // An address or a message nodemailer refused before sending it: the same message fails again.
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return { reason: 'rejected', retryable: false };
  // ECONNREFUSED, ECONNRESET, EHOSTUNREACH, a DNS failure, a dropped connection, anything unknown: try again later.
  return { reason: 'unavailable', retryable: true };
}

/** The failure a job records: the server's reply line (or the system error), never the password. */
export function smtpFailure(error: unknown, config: MailConfig): ChannelFailure {
  const e = (error ?? {}) as SmtpError;
  const { reason, retryable } = classifySmtpError(e);
  // No reply line: the connection itself failed; said in Chinese for the 发送记录, the system error kept for IT.
  const code = e.originalCode ?? e.code;
  const system = code && !e.message?.includes(code) ? `${code} ${e.message ?? ''}`.trim() : (e.message ?? code ?? '');
  const answer = e.response ?? `未收到邮件服务器答复（${system}）`;
  return new ChannelFailure(FAILURE_TEXT[reason], reason, redact(answer, config).slice(0, 500), retryable);
}

/** The password never leaves here, even if a server or a library echoed it. */
function redact(text: string, config: MailConfig): string {
  const encoded = URL.parse(config.url)?.password ?? '';
  let plain = encoded;
  try {
    plain = decodeURIComponent(encoded);
  } catch {
    // a stray % in the password: nodemailer keeps it as written, and so does the mask
  }
  return [plain, encoded].reduce((t, secret) => (secret ? t.split(secret).join('***') : t), text);
}
