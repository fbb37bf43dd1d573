import { ApiProperty } from '@nestjs/swagger';
import { EntityManager, In } from 'typeorm';
import { nullableString, nullableTime } from '../common/openapi';
import type { ExternalChannel } from './channels/channel';
import { DeliveryStatus, NotificationDelivery } from './delivery.entity';
import { DELIVERY_STATUS_LABELS } from './notice-settings.service';
import { Notification } from './notification.entity';
import type { NotificationMessage, NotificationsService } from './notifications.service';

/*
 * 通知回执: what became of one 会议通知 for each person it was meant for — read in the inbox or not, and where
 * the e-mail and the SMS stand. A person may be several accounts (a member with two, a unit's accounts): the
 * best of them counts, as the office only asks whether the person was reached. Shared by visits and meetings.
 */

/** Which delivery stands for a person of several accounts: one sent beats one waiting beats one that failed. */
const RANK: Record<DeliveryStatus, number> = { sent: 5, pending: 4, digest: 3, failed: 2, skipped: 1 };

export class ChannelReceipt {
  @ApiProperty({ enum: ['pending', 'digest', 'sent', 'failed', 'skipped'] })
  status!: DeliveryStatus;

  @ApiProperty({ example: '已发送' })
  label!: string;

  @ApiProperty({ ...nullableString, description: '未发送或失败的原因（preference、no_address、rejected …）' })
  reason!: string | null;

  @ApiProperty(nullableTime)
  sentAt!: string | null;
}

export class NoticeReceipt {
  @ApiProperty({ description: '是否发给了此人（已请假、没有账号的不发）' })
  notified!: boolean;

  @ApiProperty({ description: '站内消息已读（任一账号读过即算）' })
  read!: boolean;

  @ApiProperty(nullableTime)
  readAt!: string | null;

  @ApiProperty({
    type: ChannelReceipt,
    nullable: true,
    description: '邮件：没有该渠道（未配置或尚未分发）时为 null',
  })
  email!: ChannelReceipt | null;

  @ApiProperty({ type: ChannelReceipt, nullable: true, description: '短信：没有该渠道（未配置或尚未分发）时为 null' })
  sms!: ChannelReceipt | null;
}

export const NOT_NOTIFIED: NoticeReceipt = { notified: false, read: false, readAt: null, email: null, sms: null };

type InboxRow = Pick<Notification, 'id' | 'userId' | 'readAt'>;
type DeliveryRow = Pick<NotificationDelivery, 'notificationId' | 'channel' | 'status' | 'reason' | 'sentAt'>;

/** The receipt of one person from the inbox rows and deliveries of their accounts (pure: the spec's). */
export function receiptOf(inbox: InboxRow[], deliveries: DeliveryRow[]): NoticeReceipt {
  if (!inbox.length) return NOT_NOTIFIED;
  const ids = new Set(inbox.map((n) => n.id));
  const mine = deliveries.filter((d) => ids.has(d.notificationId));
  const reads = inbox.map((n) => n.readAt).filter((at): at is Date => at !== null);
  const first = reads.length ? new Date(Math.min(...reads.map((d) => d.getTime()))) : null;
  return {
    notified: true,
    read: first !== null,
    readAt: first?.toISOString() ?? null,
    email: channelOf(mine, 'email'),
    sms: channelOf(mine, 'sms'),
  };
}

function channelOf(rows: DeliveryRow[], channel: ExternalChannel): ChannelReceipt | null {
  const best = rows
    .filter((d) => d.channel === channel)
    .sort((a, b) => RANK[b.status] - RANK[a.status] || (b.sentAt?.getTime() ?? 0) - (a.sentAt?.getTime() ?? 0))[0];
  if (!best) return null;
  return {
    status: best.status,
    label: DELIVERY_STATUS_LABELS[best.status] ?? best.status,
    reason: best.reason,
    sentAt: best.sentAt?.toISOString() ?? null,
  };
}

/** For each person (the accounts they are), the receipt of the notice sent under `dedupeKey`. */
export async function noticeReceipts(
  em: EntityManager,
  dedupeKey: string,
  people: readonly (readonly number[])[],
): Promise<NoticeReceipt[]> {
  const userIds = [...new Set(people.flat())];
  const inbox = userIds.length
    ? await em.find(Notification, {
        select: { id: true, userId: true, readAt: true },
        where: { dedupeKey, userId: In(userIds) },
      })
    : [];
  const deliveries = inbox.length
    ? await em.findBy(NotificationDelivery, { notificationId: In(inbox.map((n) => n.id)) })
    : [];
  return people.map((accounts) =>
    receiptOf(
      inbox.filter((n) => accounts.includes(n.userId)),
      deliveries,
    ),
  );
}

/**
 * How many notices went out under `prefix` (`visit:12:notice:`): the highest n of their keys `prefix{n}`, 0
 * for none. Every send reaches someone (one that would reach no one is refused), so the next one is n + 1.
 */
export async function noticesSent(em: EntityManager, prefix: string): Promise<number> {
  const rows = await em
    .createQueryBuilder(Notification, 'n')
    .select('DISTINCT n.dedupeKey', 'dedupeKey')
    .where('n.dedupeKey LIKE :prefix', { prefix: `${prefix}%` })
    .getRawMany<{ dedupeKey: string }>();
  return Math.max(0, ...rows.map((r) => Number(r.dedupeKey.slice(prefix.length))).filter(Number.isInteger));
}

/** When the notice under `dedupeKey` went out (its first inbox row), null when it never did. */
export async function noticeSentAt(em: EntityManager, dedupeKey: string): Promise<Date | null> {
  const first = await em.findOne(Notification, { where: { dedupeKey }, order: { createdAt: 'ASC', id: 'ASC' } });
  return first?.createdAt ?? null;
}

/** One 会议通知 to send: the keys' prefix, the accounts of each person it goes to, its words for the n-th send. */
export interface NoticeSend {
  prefix: string;
  accounts: readonly (readonly number[])[];
  message: (n: number) => NotificationMessage;
  /** The sender, who is not sent their own notice. */
  senderId: number;
}

/**
 * Sends the next 会议通知 under `prefix` (the n-th, key `prefix{n}`) to the inboxes of every person's accounts
 * but the sender's; how many inboxes got it (0: the caller refuses, so that n stays the count of sends).
 */
export async function sendNotice(
  em: EntityManager,
  notifications: Pick<NotificationsService, 'notify'>,
  s: NoticeSend,
): Promise<{ n: number; reached: number; message: NotificationMessage }> {
  const n = (await noticesSent(em, s.prefix)) + 1;
  const message = s.message(n);
  const to = [...new Set(s.accounts.flat())].filter((u) => u !== s.senderId);
  return { n, reached: await notifications.notify(em, to, message), message };
}

/** The latest 会议通知 under `prefix`: how many were sent, when the latest went, and each person's receipt of it. */
export async function latestNoticeReceipts(
  em: EntityManager,
  prefix: string,
  count: number,
  accounts: () => Promise<number[][]>,
): Promise<{ sent: number; sentAt: string | null; receipts: NoticeReceipt[] }> {
  const sent = await noticesSent(em, prefix);
  const key = `${prefix}${sent}`;
  const [receipts, sentAt] = await Promise.all([
    noticeReceipts(em, key, sent ? await accounts() : Array.from({ length: count }, () => [])),
    sent ? noticeSentAt(em, key) : null,
  ]);
  return { sent, sentAt: sentAt?.toISOString() ?? null, receipts };
}
