/**
 * The notice channels beyond the in-app inbox (docs/design/notice-channels.md). The inbox row is written in the
 * step's own transaction; e-mail and SMS are sent afterwards by the `notifications:send` job, one delivery record
 * per notice and channel, so a channel that fails never undoes or blocks the step that caused the notice.
 */
export const EXTERNAL_CHANNELS = ['email', 'sms'] as const;
export type ExternalChannel = (typeof EXTERNAL_CHANNELS)[number];

export const CHANNEL_LABELS: Record<ExternalChannel | 'inapp', string> = {
  inapp: '站内消息',
  email: '电子邮件',
  sms: '短信',
};

/** One message to one person, already in words: a channel only formats and carries it. */
export interface OutboundMessage {
  /** An e-mail address or a mainland mobile number (11 digits, no +86). */
  address: string;
  /** Who it is for, e.g. 「王建国」 (the salutation of an e-mail). */
  recipientName: string;
  /** The notice's title (an e-mail's subject; an SMS's lead). */
  title: string;
  /** The notice's body text (plain, may hold line breaks). */
  body: string;
  /** The page the notice is about as an absolute URL (`XS_PUBLIC_BASE_URL` + link), or null. */
  url: string | null;
}

/** What a provider answered to a message it accepted. */
export interface SendReceipt {
  /** The provider's id of the message (BizId, SerialNo, SMTP queue id), when it gives one. */
  providerMessageId: string | null;
  /** The provider's answer in short, kept in the delivery record (never a key or a password). */
  answer: string;
}

export type FailureReason = 'rejected' | 'rate_limited' | 'timeout' | 'unavailable' | 'misconfigured';

/**
 * A send that did not go through. `retryable` decides whether the job tries again (a time-out, a rate limit, a
 * server error); a refusal of the address or the content is final. `answer` is the provider's own words.
 */
export class ChannelFailure extends Error {
  constructor(
    message: string,
    readonly reason: FailureReason,
    readonly answer: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ChannelFailure';
  }
}

/** A way to reach a person outside the site. `configured` false: the channel is off (no XS_SMTP_URL, no XS_SMS_PROVIDER). */
export interface NotificationChannel {
  readonly name: ExternalChannel;
  readonly configured: boolean;
  send(message: OutboundMessage): Promise<SendReceipt>;
}
