import type { NotificationChannel, SendReceipt } from './channels/channel';

/** One e-mail with the day's notices, for those who chose the digest. */
export interface DigestItem {
  title: string;
  body: string;
  url: string | null;
}

export interface DigestSender {
  sendDigest(address: string, recipientName: string, day: string, items: DigestItem[]): Promise<SendReceipt>;
}

/** The channels this install has, from its configuration; a channel that is not configured is null. */
export interface NoticeChannels {
  email: (NotificationChannel & DigestSender) | null;
  sms: NotificationChannel | null;
}

export const NOTICE_CHANNELS = Symbol('NOTICE_CHANNELS');
