import type { ChannelReceipt, NoticeReceipt } from '../../notifications/notice-receipts';
import { DELIVERY_REASON_LABELS } from '../../notifications/notice-settings.service';
import type { FormSpec } from './forms';

/** The 会议通知 form of a visit's or a meeting's page: the 附言 and the 紧急 mark. */
export const NOTICE_FORM: FormSpec = { note: 'text?', urgent: 'bool' };

/** One row of the 通知回执 table: the person, their answer (visit) or attendance (meeting), and the notice's fate. */
export interface NoticeRow {
  name: string;
  answer: string;
  notified: boolean;
  read: boolean;
  readAt: string | null;
  email: string;
  sms: string;
}

/** The 会议通知 section: how many were sent, the latest's time, one row per person. */
export interface NoticePanel {
  sent: number;
  sentAt: string | null;
  rows: NoticeRow[];
}

/** A channel's cell: its status (and why, when not sent), or — when the person was not notified or it has no record. */
const channel = (c: ChannelReceipt | null): string =>
  c
    ? `${c.label}${c.reason && c.status !== 'sent' ? `（${DELIVERY_REASON_LABELS[c.reason] ?? '其他原因'}）` : ''}`
    : '—';

/** The 通知回执 of a visit or a meeting as the page shows it; `answer` says what each person replied. */
export function noticePanel<P extends NoticeReceipt & { name: string }>(
  receipts: { sent: number; sentAt: string | null; people: P[] },
  answer: (p: P) => string,
): NoticePanel {
  return {
    sent: receipts.sent,
    sentAt: receipts.sentAt,
    rows: receipts.people.map((p) => ({
      name: p.name,
      answer: answer(p),
      notified: p.notified,
      read: p.read,
      readAt: p.readAt,
      email: p.notified ? channel(p.email) : '—',
      sms: p.notified ? channel(p.sms) : '—',
    })),
  };
}
