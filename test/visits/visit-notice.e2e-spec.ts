import { NotificationDelivery } from '../../src/notifications/delivery.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { Account, account } from '../support/accounts';
import { api } from '../support/api';
import { startSmsGateway, startSmtp, SmsPeer, SmtpPeer, smtpEnv, smsEnv } from '../support/notice-peers';
import { startTestApp, TestApp } from '../support/test-app';
import { createVisit, visitBody } from '../support/visits';

let seq = 0;
/** 2026-12-08 at hh:mm in Beijing. */
const beijing = (hh: number, mm = 0, day = 8) => new Date(Date.UTC(2026, 11, day, hh - 8, mm));
/** A time stamped on the moved Clock (which goes on ticking): that minute. */
const minuteOf = (at: Date) => expect.stringMatching(new RegExp(`^${at.toISOString().slice(0, 16)}`));

/**
 * 会议通知 of a visit: staff send one to everyone still invited, who get it in the inbox and — through the real
 * SMTP server and SMS gateway — by e-mail and SMS; the 通知回执 shows per person what was read and sent next to
 * their answer. The Clock is moved to a day before the visit; accounts are signed in after it moved.
 */
describe('visit notices (会议通知)', () => {
  let t: TestApp;
  let smtp: SmtpPeer;
  let sms: SmsPeer;

  beforeAll(async () => {
    smtp = await startSmtp();
    sms = await startSmsGateway();
    t = await startTestApp({
      ...smtpEnv(smtp),
      ...smsEnv(sms),
      XS_NOTICE_DISPATCH_SECONDS: '3600',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await sms.close();
  });
  afterEach(() => t.clock.reset());

  type Person = Account & { mobile: string; email: string };
  /** An account of `role` with a mobile and an e-mail address, set by an administrator signed in now. */
  const person = async (role: 'member' | 'staff'): Promise<Person> => {
    const a = await account(t, role);
    const admin = await t.signIn(`nadmin${process.pid}x${++seq}`, ['admin']);
    const mobile = `136${String(process.pid % 10000).padStart(4, '0')}${String(seq).padStart(4, '0')}`;
    const email = `vn${process.pid}-${seq}@example.gov.cn`;
    await t
      .http()
      .patch(`/api/v1/users/${a.userId}`)
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ mobile, email })
      .expect(200);
    return { ...a, mobile, email };
  };
  /** Staff, two members and a staff colleague invited with a unit's person to a visit on 10 December. */
  const scene = async () => {
    const staff = await account(t, 'staff');
    const [m1, m2, colleague] = [await person('member'), await person('member'), await person('staff')];
    const unit = await account(t, 'unit');
    const body = visitBody((await t.make.committee()).id, {
      title: `老旧小区改造专题视察${++seq}`,
      kind: 'inspection',
      startsAt: '2026-12-10T09:00:00+08:00',
      endsAt: '2026-12-10T12:00:00+08:00',
      stops: [{ at: '2026-12-10T09:00:00+08:00', place: '市政府东门' }],
      participantMemberIds: [m1.memberId, m2.memberId],
      participantUserIds: [colleague.userId],
      invitedUnitPeople: [{ unitId: unit.unitId, name: '王科长' }],
      allowConflicts: true,
    });
    const visit = await createVisit(t, staff, body);
    return { staff, m1, m2, colleague, unit, visit, id: visit.id as number };
  };
  const dispatch = async () => {
    await t.jobs.runNow('notifications', 'dispatch');
    await t.jobs.drain();
  };
  const notices = (userId: number) =>
    t.ds.getRepository(Notification).find({ where: { userId, kind: 'visit.notice' }, order: { id: 'ASC' } });
  /** The notices' mails and texts (the invitation each person got first has its own). */
  const mailsTo = (address: string) =>
    smtp.mails.filter((m) => JSON.stringify(m.to ?? '').includes(address) && m.subject?.includes('视察通知'));
  const textsTo = (mobile: string) => sms.texts.filter((s) => s.mobile === mobile && s.content.includes('视察通知'));

  it('reaches everyone still invited in the inbox, by e-mail and by SMS; one who 请假 is not sent it', async () => {
    t.clock.set(beijing(10));
    const s = await scene();
    await api(t, s.m2, 'post', `/visits/${s.id}/rsvp`, { answer: 'decline', reason: '外出学习' });
    const sent = await api(t, s.staff, 'post', `/visits/${s.id}/notice`, { note: '请着正装' }, 200);
    expect(sent).toMatchObject({ sent: 1, sentAt: minuteOf(beijing(10)) });
    await dispatch();
    for (const p of [s.m1, s.colleague]) {
      const [n] = await notices(p.userId);
      expect(n).toMatchObject({
        title: `视察通知：${s.visit.title}`,
        link: `/visits/${s.id}`,
        urgent: false,
        dedupeKey: `visit:${s.id}:notice:1`,
      });
      expect(n.body).toBe(
        `视察“${s.visit.title}”定于2026年12月10日 09:00 至 12:00举行。首站：09:00 市政府东门。附言：请着正装。请在平台上回复是否参加。`,
      );
      expect(mailsTo(p.email).map((m) => m.subject)).toEqual([`【政协吴忠市委员会】视察通知：${s.visit.title}`]);
      expect(textsTo(p.mobile).map((x) => x.content)).toEqual([expect.stringMatching(/^【吴忠市政协】视察通知：/)]);
    }
    expect(await notices(s.unit.userId)).toHaveLength(1);
    expect(await notices(s.m2.userId)).toEqual([]);
    expect(mailsTo(s.m2.email)).toEqual([]);
    expect(textsTo(s.m2.mobile)).toEqual([]);
    expect(await notices(s.staff.userId)).toEqual([]);
    expect(sms.badSignatures).toBe(0);
    const history = await api(t, s.staff, 'get', `/visits/${s.id}/history`);
    expect(history.at(-1)).toMatchObject({ action: 'notice', actionLabel: '发送会议通知', comment: '请着正装' });
  });

  it('an urgent notice goes by SMS even at 23:30 Beijing; a plain one waits for 07:00, the e-mail goes at once', async () => {
    t.clock.set(beijing(23, 30));
    const s = await scene();
    await api(t, s.staff, 'post', `/visits/${s.id}/notice`, {}, 200);
    await api(t, s.staff, 'post', `/visits/${s.id}/notice`, { urgent: true, note: '集合时间提前' }, 200);
    await dispatch();
    expect(textsTo(s.m1.mobile)).toHaveLength(1);
    expect(mailsTo(s.m1.email)).toHaveLength(2);
    const [plain, urgent] = await notices(s.m1.userId);
    expect([plain.urgent, urgent.urgent]).toEqual([false, true]);
    const smsOf = (notificationId: number) =>
      t.ds.getRepository(NotificationDelivery).findOneByOrFail({ notificationId, channel: 'sms' });
    expect(await smsOf(urgent.id)).toMatchObject({ status: 'sent', address: s.m1.mobile });
    expect(await smsOf(plain.id)).toMatchObject({ status: 'pending', notBefore: beijing(7, 0, 9) });
  });

  it('the receipts show per person the answer, whether the latest notice was read, and where e-mail and SMS stand', async () => {
    t.clock.set(beijing(11));
    const s = await scene();
    const before = await api(t, s.staff, 'get', `/visits/${s.id}/notice-receipts`);
    expect(before).toMatchObject({ sent: 0, sentAt: null });
    expect(before.people.every((p: { notified: boolean }) => !p.notified)).toBe(true);
    await api(t, s.m2, 'post', `/visits/${s.id}/rsvp`, { answer: 'decline', reason: '外出学习' });
    await api(t, s.staff, 'post', `/visits/${s.id}/notice`, {}, 200);
    const undispatched = await api(t, s.staff, 'get', `/visits/${s.id}/notice-receipts`);
    expect(undispatched.people.find((p: { memberId: number }) => p.memberId === s.m1.memberId)).toMatchObject({
      notified: true,
      read: false,
      email: null,
      sms: null,
    });
    await dispatch();
    const [n] = await notices(s.m1.userId);
    await api(t, s.m1, 'post', `/notifications/${n.id}/read`, undefined, 200);
    await api(t, s.m1, 'post', `/visits/${s.id}/rsvp`, { answer: 'accept' });
    const r = await api(t, s.staff, 'get', `/visits/${s.id}/notice-receipts`);
    const row = (pred: (p: Record<string, any>) => boolean) => r.people.find(pred);
    expect(r).toMatchObject({ sent: 1, sentAt: minuteOf(beijing(11)) });
    expect(row((p) => p.memberId === s.m1.memberId)).toMatchObject({
      answer: 'accepted',
      answerLabel: '参加',
      answeredAt: minuteOf(beijing(11)),
      notified: true,
      read: true,
      readAt: minuteOf(beijing(11)),
      email: { status: 'sent', label: '已发送' },
      sms: { status: 'sent', label: '已发送' },
    });
    expect(row((p) => p.userId === s.colleague.userId)).toMatchObject({
      answerLabel: '待答复',
      notified: true,
      read: false,
      email: { status: 'sent' },
      sms: { status: 'sent' },
    });
    expect(row((p) => p.memberId === s.m2.memberId)).toMatchObject({
      answerLabel: '请假',
      reason: '外出学习',
      notified: false,
      email: null,
      sms: null,
    });
    // The unit's account has no contacts: the channels say why nothing went.
    expect(row((p) => p.unitId === s.unit.unitId)).toMatchObject({
      name: expect.stringContaining('王科长'),
      notified: true,
      email: { status: 'skipped', reason: 'no_address' },
    });
    // A second notice is its own: unread again until read.
    await api(t, s.staff, 'post', `/visits/${s.id}/notice`, {}, 200);
    const again = await api(t, s.staff, 'get', `/visits/${s.id}/notice-receipts`);
    expect(again.sent).toBe(2);
    expect(again.people.find((p: { memberId: number }) => p.memberId === s.m1.memberId)).toMatchObject({
      read: false,
      answerLabel: '参加',
    });
  });

  it('refuses members, units and leaders, unknown fields and a long note; 409 once cancelled or completed, or with no one to tell', async () => {
    t.clock.set(beijing(12));
    const s = await scene();
    const leader = await account(t, 'leader');
    for (const who of [s.m1, s.unit, leader]) {
      await api(t, who, 'post', `/visits/${s.id}/notice`, {}, 403);
      await api(t, who, 'get', `/visits/${s.id}/notice-receipts`, undefined, 403);
    }
    const unknown = await api(t, s.staff, 'post', `/visits/${s.id}/notice`, { note: '请准时', sms: true }, 400);
    expect(unknown.message).toMatch(/不允许的字段/);
    const long = await api(t, s.staff, 'post', `/visits/${s.id}/notice`, { note: '请'.repeat(301) }, 400);
    expect(long.details.fields.note[0]).toBe('附言最多 300 个字');
    await api(t, s.staff, 'post', `/visits/${s.id}/notice`, { urgent: 'yes' }, 400);
    await api(t, s.staff, 'post', '/visits/999999/notice', {}, 404);
    await api(t, s.staff, 'get', '/visits/999999/notice-receipts', undefined, 404);

    await api(t, s.staff, 'post', `/visits/${s.id}/cancel`, { reason: '改期' });
    const cancelled = await api(t, s.staff, 'post', `/visits/${s.id}/notice`, {}, 409);
    expect(cancelled).toMatchObject({ code: 'VISIT_WRONG_STATE', message: '视察调研当前为“已取消”，不能发送会议通知' });

    const done = await scene();
    t.clock.set(beijing(10, 0, 10));
    const staff = await account(t, 'staff');
    await api(t, staff, 'post', `/visits/${done.id}/complete`, {});
    expect((await api(t, staff, 'post', `/visits/${done.id}/notice`, {}, 409)).code).toBe('VISIT_WRONG_STATE');

    t.clock.set(beijing(12, 30));
    const alone = await account(t, 'staff');
    const lonely = await createVisit(t, alone, visitBody((await t.make.committee()).id, { participantMemberIds: [] }));
    const none = await api(t, alone, 'post', `/visits/${lonely.id}/notice`, {}, 409);
    expect(none).toMatchObject({ code: 'VISIT_NOTICE_NO_ONE', message: expect.stringContaining('没有可通知的人员') });
    expect(await t.ds.getRepository(Notification).countBy({ dedupeKey: `visit:${lonely.id}:notice:1` })).toBe(0);
  });
});
