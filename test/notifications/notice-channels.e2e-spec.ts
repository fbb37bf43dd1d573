import { EntityManager } from 'typeorm';
import { Tx } from '../../src/database/tx';
import { NotificationDelivery } from '../../src/notifications/delivery.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { NotificationMessage, NotificationsService } from '../../src/notifications/notifications.service';
import { cast } from '../support/accounts';
import { startSmsGateway, startSmtp, SmsPeer, SmtpPeer, smtpEnv, smsEnv } from '../support/notice-peers';
import { proposalAt } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';

const BASE = 'https://xs.example.gov.cn';
let seq = 0;

/**
 * Notices beyond the inbox: each new notice becomes one delivery per channel, sent after its step committed, by
 * preference, quiet hours and digest, retried when the provider may recover — against a real SMTP server and an SMS
 * gateway that checks signatures, on the moved Clock.
 */
describe('notices by e-mail and SMS', () => {
  let t: TestApp;
  let smtp: SmtpPeer;
  let sms: SmsPeer;
  let admin: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    sms = await startSmsGateway();
    t = await startTestApp({
      ...smtpEnv(smtp),
      ...smsEnv(sms),
      XS_PUBLIC_BASE_URL: BASE,
      XS_JOB_BACKOFF_MS: '20',
      XS_JOB_ATTEMPTS: '4',
      // The tests dispatch themselves; the timer would only run the same idempotent work in between.
      XS_NOTICE_DISPATCH_SECONDS: '3600',
    });
    admin = await t.tokenFor('admin');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await sms.close();
  });
  afterEach(() => t.clock.reset());

  /** A member account with a mobile and an e-mail address, set by the administrator. */
  const person = async ({ withEmail = true }: { withEmail?: boolean } = {}) => {
    const account = await t.signInAs('member');
    const n = ++seq;
    const mobile = `139${String(process.pid % 10000).padStart(4, '0')}${String(n).padStart(4, '0')}`;
    const email = `m${process.pid}-${n}@example.gov.cn`;
    await t
      .http()
      .patch(`/api/v1/users/${account.userId}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ mobile, email: withEmail ? email : null })
      .expect(200);
    return { ...account, mobile, email, auth: { Authorization: `Bearer ${account.token}` } };
  };
  const notify = (userId: number, m: Partial<NotificationMessage> = {}) =>
    t.app.get(Tx).run((em: EntityManager) =>
      t.app.get(NotificationsService).notify(em, [userId], {
        kind: 'visit.invited',
        title: `视察邀请 ${++seq}`,
        body: '邀请您参加“老旧小区改造”专题视察，12月10日上午9时在市政府东门集合。',
        link: '/visits/1',
        dedupeKey: `channels:${process.pid}:${seq}`,
        ...m,
      }),
    );
  const dispatch = async () => {
    const result = (await t.jobs.runNow('notifications', 'dispatch')) as { dispatched: number; queued: number };
    await t.jobs.drain();
    return result;
  };
  const deliveries = (userId: number) =>
    t.ds.getRepository(NotificationDelivery).find({ where: { userId }, order: { id: 'ASC' } });
  const byChannel = async (userId: number) => Object.fromEntries((await deliveries(userId)).map((d) => [d.channel, d]));
  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to && JSON.stringify(m.to).includes(address));
  const textsTo = (mobile: string) => sms.texts.filter((s) => s.mobile === mobile);
  /** 2026-12-08 at hh:mm in Beijing. */
  const beijing = (hh: number, mm = 0, day = 8) => new Date(Date.UTC(2026, 11, day, hh - 8, mm));

  it('an invitation goes by e-mail and SMS once each, with the page as a link, and a second dispatch sends nothing more', async () => {
    t.clock.set(beijing(10));
    const p = await person();
    await notify(p.userId, { title: '视察邀请：老旧小区改造' });
    await dispatch();
    const { email, sms: text } = await byChannel(p.userId);
    expect(email).toMatchObject({ status: 'sent', address: p.email, attempts: 1, reason: null });
    expect(text).toMatchObject({
      status: 'sent',
      address: p.mobile,
      attempts: 1,
      providerMessageId: expect.any(String),
    });
    const [mail] = mailsTo(p.email);
    expect(mail.subject).toBe('【政协吴忠市委员会】视察邀请：老旧小区改造');
    expect(mail.text).toContain(`${BASE}/visits/1`);
    expect(mail.html).toContain(`href="${BASE}/visits/1"`);
    const [sent] = textsTo(p.mobile);
    expect(sent.content).toMatch(/^【吴忠市政协】视察邀请：老旧小区改造/);
    expect(sms.badSignatures).toBe(0);
    await dispatch();
    await dispatch();
    expect(mailsTo(p.email)).toHaveLength(1);
    expect(textsTo(p.mobile)).toHaveLength(1);
    expect(await deliveries(p.userId)).toHaveLength(2);
  });

  it('a real step (立案) tells the proposer by e-mail but not by SMS by default, and the SMS record says why', async () => {
    t.clock.set(beijing(10));
    const c = await cast(t);
    const email = `lead-${process.pid}-${++seq}@example.gov.cn`;
    await t
      .http()
      .patch(`/api/v1/users/${c.lead.userId}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ email, mobile: `137${String(process.pid % 10000).padStart(4, '0')}${String(seq).padStart(4, '0')}` })
      .expect(200);
    await proposalAt(t, c, 'accepted');
    await dispatch();
    const rows = await deliveries(c.lead.userId);
    const accepted = await t.ds
      .getRepository(Notification)
      .findOneByOrFail({ userId: c.lead.userId, kind: 'proposal.accepted' });
    const mine = rows.filter((d) => d.notificationId === accepted.id);
    expect(mine.map((d) => [d.channel, d.status, d.reason])).toEqual([
      ['email', 'sent', null],
      ['sms', 'skipped', 'preference'],
    ]);
    expect(mailsTo(email).map((m) => m.subject)).toContain(`【政协吴忠市委员会】${accepted.title}`);
  });

  it("follows the person's choices: e-mail of invitations off, SMS of proposals on; no address is recorded as such", async () => {
    t.clock.set(beijing(10));
    const p = await person({ withEmail: false });
    const put = await t
      .http()
      .put('/api/v1/users/me/notice-settings')
      .set(p.auth)
      .send({ categories: [{ category: 'proposal', email: true, sms: true }] })
      .expect(200);
    expect(put.body.categories.find((c: { category: string }) => c.category === 'proposal')).toMatchObject({
      email: true,
      sms: true,
    });
    await notify(p.userId, { kind: 'proposal.assigned', title: '提案已交办' });
    await dispatch();
    expect(Object.values(await byChannel(p.userId)).map((d) => [d.channel, d.status, d.reason])).toEqual([
      ['email', 'skipped', 'no_address'],
      ['sms', 'sent', null],
    ]);
    await t
      .http()
      .put('/api/v1/users/me/notice-settings')
      .set(p.auth)
      .send({
        email: 'x-' + p.mobile + '@example.gov.cn',
        categories: [{ category: 'invitation', email: false, sms: true }],
      })
      .expect(200);
    await notify(p.userId, { title: '视察时间变更' });
    await dispatch();
    const last = (await deliveries(p.userId)).slice(-2);
    expect(last.map((d) => [d.channel, d.status, d.reason])).toEqual([
      ['email', 'skipped', 'preference'],
      ['sms', 'sent', null],
    ]);
    const settings = await t.http().get('/api/v1/users/me/notice-settings').set(p.auth).expect(200);
    expect(settings.body).toMatchObject({
      email: `x-${p.mobile}@example.gov.cn`,
      mobile: p.mobile,
      channels: { email: true, sms: true },
    });
  });

  it('keeps SMS quiet from 22:00 to 07:00 unless urgent: a night notice goes at 07:00, e-mail at once', async () => {
    // Accounts and their settings first: a token signed at real time would be past its 12 hours on the moved Clock.
    const p = await person();
    const owl = await person();
    await t.http().put('/api/v1/users/me/notice-settings').set(owl.auth).send({ quietHours: false }).expect(200);
    t.clock.set(beijing(23, 30));
    await notify(p.userId, { title: '夜间视察变更' });
    await notify(p.userId, { title: '紧急会议通知', urgent: true, kind: 'meeting.notice' });
    await dispatch();
    expect(textsTo(p.mobile).map((s) => s.content)).toEqual([expect.stringContaining('紧急会议通知')]);
    expect(mailsTo(p.email)).toHaveLength(2);
    const waiting = (await deliveries(p.userId)).find((d) => d.channel === 'sms' && d.status === 'pending')!;
    expect(waiting.notBefore.toISOString()).toBe(beijing(7, 0, 9).toISOString());
    t.clock.set(beijing(6, 59, 9));
    await dispatch();
    expect(textsTo(p.mobile)).toHaveLength(1);
    t.clock.set(beijing(7, 1, 9));
    await dispatch();
    expect(textsTo(p.mobile).map((s) => s.content)).toEqual([
      expect.stringContaining('紧急'),
      expect.stringContaining('夜间视察变更'),
    ]);
    // Off by the person's choice: a night text goes at once.
    t.clock.set(beijing(23, 40));
    await notify(owl.userId);
    await dispatch();
    expect(textsTo(owl.mobile)).toHaveLength(1);
  });

  it('sends one digest e-mail a day instead of single e-mails for those who chose it', async () => {
    const p = await person();
    await t.http().put('/api/v1/users/me/notice-settings').set(p.auth).send({ digest: true }).expect(200);
    t.clock.set(beijing(9, 0, 10));
    await notify(p.userId, { kind: 'proposal.replied', title: '提案已答复' });
    await notify(p.userId, { kind: 'opinion.adopted', title: '社情民意已采用' });
    await dispatch();
    expect(mailsTo(p.email)).toHaveLength(0);
    expect((await deliveries(p.userId)).map((d) => d.status)).toEqual(['digest', 'skipped', 'digest', 'skipped']);
    t.clock.set(beijing(7, 59, 11));
    await t.jobs.runNow('deadlines', 'sweep');
    await t.jobs.drain();
    expect(mailsTo(p.email)).toHaveLength(0);
    t.clock.set(beijing(8, 5, 11));
    await t.jobs.runNow('deadlines', 'sweep');
    await t.jobs.drain();
    await t.jobs.runNow('deadlines', 'sweep');
    await t.jobs.drain();
    const mails = mailsTo(p.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('【政协吴忠市委员会】2026年12月11日消息汇总（2条）');
    expect(mails[0].text).toContain('提案已答复');
    expect(mails[0].text).toContain('社情民意已采用');
    expect((await deliveries(p.userId)).filter((d) => d.channel === 'email').map((d) => d.status)).toEqual([
      'sent',
      'sent',
    ]);
  });

  it('retries a rate limit and a server error with backoff until sent; a refusal fails at once; staff see and resend it', async () => {
    t.clock.set(beijing(10));
    const p = await person();
    sms.next.push(429, 503);
    await notify(p.userId, { title: '视察提醒（重试）' });
    await dispatch();
    expect((await byChannel(p.userId)).sms).toMatchObject({ status: 'sent', attempts: 3 });
    expect(textsTo(p.mobile)).toHaveLength(1);

    const q = await person();
    sms.next.push('17');
    smtp.refuse.set(q.email, 550);
    await notify(q.userId, { title: '视察提醒（拒收）' });
    await dispatch();
    const failed = await byChannel(q.userId);
    expect(failed.sms).toMatchObject({
      status: 'failed',
      reason: 'rejected',
      attempts: 1,
      answer: expect.stringContaining('17'),
    });
    expect(failed.email).toMatchObject({
      status: 'failed',
      reason: 'rejected',
      attempts: 1,
      answer: expect.stringContaining('550'),
    });
    expect(await t.ds.getRepository(Notification).countBy({ userId: q.userId })).toBe(1);

    const staff = await t.tokenFor('staff');
    const list = await t
      .http()
      .get('/api/v1/notifications/deliveries?status=failed&channel=sms')
      .set('Authorization', `Bearer ${staff}`)
      .expect(200);
    const row = list.body.items.find((d: { id: number }) => d.id === failed.sms.id);
    expect(row).toMatchObject({
      statusLabel: '发送失败',
      reasonLabel: '服务商拒收',
      channelLabel: '短信',
      address: `${q.mobile.slice(0, 3)}****${q.mobile.slice(7)}`,
    });
    await t
      .http()
      .post(`/api/v1/notifications/deliveries/${failed.sms.id}/retry`)
      .set('Authorization', `Bearer ${staff}`)
      .expect(200);
    await t
      .http()
      .post(`/api/v1/notifications/deliveries/${failed.sms.id}/retry`)
      .set('Authorization', `Bearer ${staff}`)
      .expect(409);
    await dispatch();
    expect((await byChannel(q.userId)).sms).toMatchObject({ status: 'sent', attempts: 2 });
    const sentAgain = await t
      .http()
      .post(`/api/v1/notifications/deliveries/${failed.sms.id}/retry`)
      .set('Authorization', `Bearer ${staff}`)
      .expect(409);
    expect(sentAgain.body).toMatchObject({ code: 'DELIVERY_WRONG_STATE', message: expect.stringContaining('已发送') });
  });

  it('a step whose notice cannot be delivered still succeeds: the mail server refusing everything fails only the delivery', async () => {
    t.clock.set(beijing(10));
    const c = await cast(t);
    const email = `down-${process.pid}-${++seq}@example.gov.cn`;
    await t
      .http()
      .patch(`/api/v1/users/${c.lead.userId}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ email })
      .expect(200);
    smtp.refuse.set(email, 451);
    await proposalAt(t, c, 'accepted');
    await dispatch();
    const accepted = await t.ds
      .getRepository(Notification)
      .findOneByOrFail({ userId: c.lead.userId, kind: 'proposal.accepted' });
    const mail = await t.ds
      .getRepository(NotificationDelivery)
      .findOneByOrFail({ notificationId: accepted.id, channel: 'email' });
    expect(mail).toMatchObject({ status: 'failed', reason: 'unavailable', attempts: 4 });
    smtp.refuse.delete(email);
  });

  it('refuses what it must: members may not read the delivery record; settings take no unknown field, bad e-mail or duplicate kind; an administrator may not give two accounts one mobile', async () => {
    const p = await person();
    await t.http().get('/api/v1/notifications/deliveries').set(p.auth).expect(403);
    const unknown = await t.http().put('/api/v1/users/me/notice-settings').set(p.auth).send({ sms: true }).expect(400);
    expect(unknown.body.message).toMatch(/不允许的字段/);
    const bad = await t
      .http()
      .put('/api/v1/users/me/notice-settings')
      .set(p.auth)
      .send({ email: 'not-an-address' })
      .expect(400);
    expect(bad.body.details.fields.email[0]).toContain('电子邮箱格式不正确');
    const twice = [
      { category: 'proposal', email: true, sms: true },
      { category: 'proposal', email: false, sms: false },
    ];
    await t.http().put('/api/v1/users/me/notice-settings').set(p.auth).send({ categories: twice }).expect(400);
    await t
      .http()
      .put('/api/v1/users/me/notice-settings')
      .set(p.auth)
      .send({ categories: [{ category: 'weather', email: true, sms: true }] })
      .expect(400);
    const other = await t.signInAs('member');
    const taken = await t
      .http()
      .patch(`/api/v1/users/${other.userId}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ mobile: p.mobile })
      .expect(409);
    expect(taken.body).toMatchObject({ code: 'MOBILE_TAKEN' });
    await t
      .http()
      .patch(`/api/v1/users/${other.userId}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ mobile: '12345' })
      .expect(400);
  });
});
