import { receiptOf } from './notice-receipts';

const at = (iso: string) => new Date(iso);
const delivery = (
  notificationId: number,
  channel: 'email' | 'sms',
  status: 'sent' | 'failed' | 'skipped' | 'pending',
) => ({
  notificationId,
  channel,
  status,
  reason: status === 'skipped' ? 'no_address' : null,
  sentAt: status === 'sent' ? at('2026-06-10T02:00:00Z') : null,
});

describe('receiptOf', () => {
  it('is "not notified" when no account of the person got the notice', () => {
    expect(receiptOf([], [delivery(1, 'email', 'sent')])).toEqual({
      notified: false,
      read: false,
      readAt: null,
      email: null,
      sms: null,
    });
  });

  it('counts a person read once any of their accounts read it, at the first reading', () => {
    const r = receiptOf(
      [
        { id: 1, userId: 10, readAt: null },
        { id: 2, userId: 11, readAt: at('2026-06-10T03:00:00Z') },
        { id: 3, userId: 12, readAt: at('2026-06-10T02:30:00Z') },
      ],
      [],
    );
    expect(r).toMatchObject({ notified: true, read: true, readAt: '2026-06-10T02:30:00.000Z' });
  });

  it("takes the best delivery of the person's accounts per channel, and none for a channel without a record", () => {
    const r = receiptOf(
      [
        { id: 1, userId: 10, readAt: null },
        { id: 2, userId: 11, readAt: null },
      ],
      [
        delivery(1, 'sms', 'failed'),
        delivery(2, 'sms', 'sent'),
        delivery(1, 'email', 'skipped'),
        delivery(9, 'email', 'sent'),
      ],
    );
    expect(r.read).toBe(false);
    expect(r.sms).toEqual({ status: 'sent', label: '已发送', reason: null, sentAt: '2026-06-10T02:00:00.000Z' });
    expect(r.email).toEqual({ status: 'skipped', label: '未发送', reason: 'no_address', sentAt: null });
  });

  it('shows no channel at all when the notice has no delivery records (channel not configured)', () => {
    const r = receiptOf([{ id: 1, userId: 10, readAt: null }], []);
    expect([r.email, r.sms]).toEqual([null, null]);
  });
});
