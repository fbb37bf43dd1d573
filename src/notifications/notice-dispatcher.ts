import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, FindOptionsWhere, In, IsNull, LessThan, LessThanOrEqual } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { User } from '../auth/user.entity';
import { Clock } from '../common/clock';
import { zonedParts } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Tx } from '../database/tx';
import { JobProcessor, SweepStep } from '../jobs/job-processor.decorator';
import { JobQueue } from '../jobs/job-queue';
import type { JobContext, SweepContext } from '../jobs/job-types';
import { ChannelFailure, EXTERNAL_CHANNELS, ExternalChannel, OutboundMessage } from './channels/channel';
import { DeliveryStatus, NotificationDelivery, SkipReason } from './delivery.entity';
import { categoryOf, NoticeSettings, parseSettings, wants } from './notice-categories';
import { NOTICE_CHANNELS, NoticeChannels } from './notice-channels';
import { NoticePreferences } from './notice-preferences.entity';
import { Notification } from './notification.entity';
import { inQuietHours, quietEnd } from './quiet-hours';

declare module '../jobs/job-types' {
  interface JobPayloads {
    'notifications:dispatch': Record<string, never>;
    'notifications:send': { deliveryId: number };
    'notifications:digest': { userId: number; day: string };
  }
}

const BATCH = 200;
type Contact = Pick<User, 'id' | 'displayName' | 'mobile' | 'email' | 'disabled'>;

/**
 * Notices beyond the inbox (docs/design/notice-channels.md), as an outbox: the inbox row is written in the step's
 * transaction; `notifications:dispatch` (every XS_NOTICE_DISPATCH_SECONDS) turns each new one into a delivery record
 * per configured channel — pending, for the digest, or skipped with the reason — and queues the due ones;
 * `notifications:send` sends one, retried with backoff; a daily `notice-digest` sweep step sends the digests.
 */
@Injectable()
export class NoticeDispatcher {
  private readonly logger = new Logger('Notices');

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    @Inject(NOTICE_CHANNELS) private readonly channels: NoticeChannels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Every write goes through Tx: on SQLite one connection serves every request, and a statement made outside the
   * queue would run inside whichever request's transaction is open (committed or rolled back with it).
   */
  private updateDeliveries(
    where: FindOptionsWhere<NotificationDelivery>,
    fields: QueryDeepPartialEntity<NotificationDelivery>,
  ): Promise<unknown> {
    return this.tx.run((em) => em.getRepository(NotificationDelivery).update(where, fields));
  }

  private get configured(): ExternalChannel[] {
    return EXTERNAL_CHANNELS.filter((c) => this.channels[c]?.configured);
  }

  @JobProcessor('notifications', 'dispatch')
  async dispatch(): Promise<{ dispatched: number; queued: number }> {
    const now = this.clock.now();
    let dispatched = 0;
    for (;;) {
      const batch = await this.ds.getRepository(Notification).find({
        where: { dispatchedAt: IsNull() },
        order: { id: 'ASC' },
        take: BATCH,
      });
      if (!batch.length) break;
      const rows = this.configured.length ? await this.deliveriesFor(batch, now) : [];
      await this.tx.run(async (em) => {
        if (rows.length)
          await em.createQueryBuilder().insert().into(NotificationDelivery).values(rows).orIgnore().execute();
        await em.update(
          Notification,
          { id: In(batch.map((n) => n.id)), dispatchedAt: IsNull() },
          { dispatchedAt: now },
        );
      });
      dispatched += batch.length;
      if (batch.length < BATCH) break;
    }
    return { dispatched, queued: await this.queueDue(now) };
  }

  /** Queues the pending deliveries that are due; the job id carries `notBefore`, so a put-off one queues again. */
  private async queueDue(now: Date): Promise<number> {
    const due = await this.ds.getRepository(NotificationDelivery).find({
      select: { id: true, notBefore: true },
      where: { status: 'pending', notBefore: LessThanOrEqual(now) },
      order: { id: 'ASC' },
      take: 1000,
    });
    let queued = 0;
    for (const d of due) {
      const { added } = await this.jobs.enqueue(
        'notifications',
        'send',
        { deliveryId: d.id },
        { jobId: `delivery:${d.id}:${d.notBefore.getTime()}` },
      );
      if (added) queued++;
    }
    return queued;
  }

  private async deliveriesFor(batch: Notification[], now: Date): Promise<Partial<NotificationDelivery>[]> {
    const userIds = [...new Set(batch.map((n) => n.userId))];
    const users = new Map(
      (
        await this.ds.getRepository(User).find({
          select: { id: true, displayName: true, mobile: true, email: true, disabled: true },
          where: { id: In(userIds) },
        })
      ).map((u) => [u.id, u as Contact]),
    );
    const settings = await this.settingsOf(userIds);
    const rows: Partial<NotificationDelivery>[] = [];
    for (const n of batch) {
      const user = users.get(n.userId);
      if (!user) continue;
      const prefs = settings.get(n.userId) ?? parseSettings(null);
      const category = categoryOf(n.kind, n.dueAt, now);
      for (const channel of this.configured) {
        const address = channel === 'email' ? user.email : user.mobile;
        const skip: SkipReason | null = user.disabled
          ? 'disabled'
          : !wants(prefs, category, channel)
            ? 'preference'
            : !address
              ? 'no_address'
              : null;
        const status: DeliveryStatus = skip ? 'skipped' : channel === 'email' && prefs.digest ? 'digest' : 'pending';
        const quiet = channel === 'sms' && !n.urgent && prefs.quietHours;
        rows.push({
          notificationId: n.id,
          userId: n.userId,
          channel,
          address: address ?? null,
          status,
          reason: skip,
          notBefore: quiet ? quietEnd(now, this.config.displayTimeZone, this.config.notices.quietHours) : now,
          attempts: 0,
          createdAt: now,
          updatedAt: now,
        });
      }
    }
    return rows;
  }

  async settingsOf(userIds: number[]): Promise<Map<number, NoticeSettings>> {
    if (!userIds.length) return new Map();
    const rows = await this.ds.getRepository(NoticePreferences).findBy({ userId: In(userIds) });
    return new Map(rows.map((r) => [r.userId, parseSettings(r.settings)]));
  }

  /**
   * Sends one delivery. Not pending (sent, failed, or another try got there) or not yet due: nothing. An SMS that
   * would land in the person's quiet hours is put off to their end. A failure the provider may get over (time-out,
   * rate limit, server error) is recorded and thrown, so the queue retries with backoff; a refusal, or the last try,
   * ends it as `failed` with the provider's answer. The step that caused the notice committed long before.
   */
  @JobProcessor('notifications', 'send')
  async send(job: JobContext<{ deliveryId: number }>): Promise<{ status: string }> {
    const repo = this.ds.getRepository(NotificationDelivery);
    const d = await repo.findOneBy({ id: job.data.deliveryId });
    const now = this.clock.now();
    if (!d || d.status !== 'pending') return { status: d?.status ?? 'missing' };
    if (d.notBefore.getTime() > now.getTime()) return { status: 'not_due' };
    const n = await this.ds.getRepository(Notification).findOneByOrFail({ id: d.notificationId });
    const user = await this.ds.getRepository(User).findOneByOrFail({ id: d.userId });
    const channel = this.channels[d.channel];
    if (!channel?.configured) return this.finish(d, 'failed', { reason: 'misconfigured', answer: '该渠道未配置' });
    if (d.channel === 'sms' && !n.urgent) {
      const prefs = (await this.settingsOf([d.userId])).get(d.userId) ?? parseSettings(null);
      const w = this.config.notices.quietHours;
      if (prefs.quietHours && inQuietHours(now, this.config.displayTimeZone, w)) {
        await this.updateDeliveries(
          { id: d.id, status: 'pending' },
          { notBefore: quietEnd(now, this.config.displayTimeZone, w), updatedAt: now },
        );
        return { status: 'put_off' };
      }
    }
    try {
      const receipt = await channel.send(this.messageOf(n, user, d.address ?? ''));
      return await this.finish(d, 'sent', {
        answer: receipt.answer,
        providerMessageId: receipt.providerMessageId,
        sentAt: this.clock.now(),
      });
    } catch (e) {
      const f = asFailure(e);
      const last = !f.retryable || job.attempt >= job.maxAttempts;
      await this.finish(d, last ? 'failed' : 'pending', { reason: f.reason, answer: f.answer });
      this.logger.warn(`通知投递 ${d.id}（${d.channel}）失败（第 ${job.attempt} 次）：${f.answer}`);
      if (!last) throw f;
      return { status: 'failed' };
    }
  }

  private async finish(
    d: NotificationDelivery,
    status: DeliveryStatus,
    fields: Partial<NotificationDelivery>,
  ): Promise<{ status: string }> {
    await this.updateDeliveries(
      { id: d.id },
      { ...fields, status, attempts: d.attempts + 1, updatedAt: this.clock.now() },
    );
    return { status };
  }

  private messageOf(n: Notification, user: Contact, address: string): OutboundMessage {
    return {
      address,
      recipientName: user.displayName,
      title: n.title,
      body: n.body,
      url: this.urlOf(n.link),
    };
  }

  private urlOf(link: string | null): string | null {
    return link && this.config.publicBaseUrl ? `${this.config.publicBaseUrl}${link}` : null;
  }

  /**
   * From XS_NOTICE_DIGEST_HOUR on, each person with notices waiting for the digest gets one job for the day: the
   * notices that came before that hour, in one e-mail.
   */
  @SweepStep('notice-digest')
  async queueDigests(ctx: SweepContext): Promise<{ queued: number }> {
    const cut = this.digestCut(ctx.now);
    if (!cut) return { queued: 0 };
    const waiting = await this.ds
      .getRepository(NotificationDelivery)
      .createQueryBuilder('d')
      .select('DISTINCT d.userId', 'userId')
      .where("d.status = 'digest' AND d.createdAt < :cut", { cut: cut.at })
      .getRawMany<{ userId: number | string }>();
    let queued = 0;
    for (const { userId } of waiting) {
      const data = { userId: Number(userId), day: cut.day };
      const { added } = await this.jobs.enqueue('notifications', 'digest', data, {
        jobId: `digest:${userId}:${cut.day}`,
      });
      if (added) queued++;
    }
    return { queued };
  }

  /** Today's digest moment in the office's time zone, once it has come; `day` names it (2026-12-07). */
  private digestCut(now: Date): { at: Date; day: string } | null {
    const p = zonedParts(now, this.config.displayTimeZone);
    const sinceMidnight = ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + (now.getTime() % 1000);
    const at = new Date(now.getTime() - sinceMidnight + this.config.notices.digestHour * 3600_000);
    if (now.getTime() < at.getTime()) return null;
    const day = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    return { at, day };
  }

  @JobProcessor('notifications', 'digest')
  async sendDigest(job: JobContext<{ userId: number; day: string }>): Promise<{ status: string; items: number }> {
    const cut = this.digestCut(this.clock.now());
    const repo = this.ds.getRepository(NotificationDelivery);
    const rows = await repo.find({
      where: { userId: job.data.userId, status: 'digest', ...(cut ? { createdAt: LessThan(cut.at) } : {}) },
      order: { id: 'ASC' },
      take: 200,
    });
    const email = this.channels.email;
    if (!rows.length) return { status: 'empty', items: 0 };
    const ids = rows.map((r) => r.id);
    const now = this.clock.now();
    if (!email?.configured) {
      await this.updateDeliveries(
        { id: In(ids) },
        { status: 'failed', reason: 'misconfigured', answer: '该渠道未配置', updatedAt: now },
      );
      return { status: 'failed', items: rows.length };
    }
    const user = await this.ds.getRepository(User).findOneByOrFail({ id: job.data.userId });
    const notices = await this.ds.getRepository(Notification).findBy({ id: In(rows.map((r) => r.notificationId)) });
    const byId = new Map(notices.map((n) => [n.id, n]));
    const items = rows.flatMap((r) => {
      const n = byId.get(r.notificationId);
      return n ? [{ title: n.title, body: n.body, url: this.urlOf(n.link) }] : [];
    });
    const [y, m, d] = job.data.day.split('-').map(Number);
    const address = user.email ?? rows[rows.length - 1].address ?? '';
    try {
      const receipt = await email.sendDigest(address, user.displayName, `${y}年${m}月${d}日`, items);
      await this.updateDeliveries(
        { id: In(ids) },
        {
          status: 'sent',
          answer: `每日汇总 ${job.data.day}：${receipt.answer}`.slice(0, 500),
          providerMessageId: receipt.providerMessageId,
          sentAt: this.clock.now(),
          updatedAt: this.clock.now(),
        },
      );
      return { status: 'sent', items: items.length };
    } catch (e) {
      const f = asFailure(e);
      const last = !f.retryable || job.attempt >= job.maxAttempts;
      if (last)
        await this.updateDeliveries(
          { id: In(ids) },
          { status: 'failed', reason: f.reason, answer: f.answer, updatedAt: now },
        );
      if (!last) throw f;
      return { status: 'failed', items: items.length };
    }
  }
}

function asFailure(e: unknown): ChannelFailure {
  if (e instanceof ChannelFailure) return e;
  const message = (e as Error)?.message ?? String(e);
  return new ChannelFailure(message, 'unavailable', message.slice(0, 500), true);
}
