import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { User } from '../auth/user.entity';
import type { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { Page, pageOf } from '../common/pagination';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Tx } from '../database/tx';
import { CHANNEL_LABELS } from './channels/channel';
import { NotificationDelivery } from './delivery.entity';
import { CATEGORY_RULES, NOTICE_CATEGORIES, NoticeSettings, parseSettings, wants } from './notice-categories';
import { NOTICE_CHANNELS, NoticeChannels } from './notice-channels';
import { NoticePreferences } from './notice-preferences.entity';
import { DeliveryQuery, DeliveryView, NoticeSettingsView, UpdateNoticeSettingsDto } from './notice-settings.dto';
import { Notification } from './notification.entity';

export const DELIVERY_STATUS_LABELS: Record<string, string> = {
  pending: '待发送',
  digest: '待每日汇总',
  sent: '已发送',
  failed: '发送失败',
  skipped: '未发送',
};

export const DELIVERY_REASON_LABELS: Record<string, string> = {
  preference: '按个人设置不发送',
  no_address: '未登记手机号码或邮箱',
  disabled: '账号已停用',
  rejected: '服务商拒收',
  rate_limited: '超过服务商频率限制',
  timeout: '服务商超时未响应',
  unavailable: '服务暂时不可用',
  misconfigured: '渠道配置有误',
};

/** 138****0001: staff see whom a text went to without reading out everyone's number. */
export const maskMobile = (m: string) => (/^\d{11}$/.test(m) ? `${m.slice(0, 3)}****${m.slice(7)}` : m);

const hour = (h: number) => `${h}:00`;

/** 通知设置 (each person's own) and 发送记录 (staff): what reaches whom by e-mail and SMS. */
@Injectable()
export class NoticeSettingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(NOTICE_CHANNELS) private readonly channels: NoticeChannels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(actor: Actor): Promise<NoticeSettingsView> {
    const user = await this.ds.getRepository(User).findOneByOrFail({ id: actor.id });
    const row = await this.ds.getRepository(NoticePreferences).findOneBy({ userId: actor.id });
    return this.view(user, parseSettings(row?.settings));
  }

  async update(actor: Actor, dto: UpdateNoticeSettingsDto): Promise<NoticeSettingsView> {
    const seen = new Set<string>();
    for (const c of dto.categories ?? []) {
      if (seen.has(c.category)) throw AppError.invalid({ categories: ['消息类别不能重复'] }, '消息类别不能重复');
      seen.add(c.category);
    }
    return this.tx.run(async (em) => {
      const user = await em.findOneByOrFail(User, { id: actor.id });
      const row = await em.findOneBy(NoticePreferences, { userId: actor.id });
      const before = parseSettings(row?.settings);
      const after: NoticeSettings = {
        channels: { ...before.channels },
        digest: dto.digest ?? before.digest,
        quietHours: dto.quietHours ?? before.quietHours,
      };
      for (const c of dto.categories ?? []) after.channels[c.category] = { email: c.email, sms: c.sms };
      const now = this.clock.now();
      await em.save(NoticePreferences, { userId: actor.id, settings: JSON.stringify(after), updatedAt: now });
      const fromEmail = user.email;
      if (dto.email !== undefined && dto.email !== user.email) {
        await em.update(User, { id: user.id }, { email: dto.email });
        user.email = dto.email;
      }
      await this.audit.record(em, {
        actor,
        action: 'user.notice_settings',
        entityType: 'user',
        entityId: user.id,
        from: { email: fromEmail, ...before },
        to: { email: user.email, ...after },
      });
      return this.view(user, after);
    });
  }

  private view(user: User, s: NoticeSettings): NoticeSettingsView {
    const q = this.config.notices.quietHours;
    return {
      mobile: user.mobile,
      email: user.email,
      digest: s.digest,
      quietHours: s.quietHours,
      quietHoursLabel:
        q.start === q.end ? '未设免打扰时段' : `${hour(q.start)} 至${q.end <= q.start ? '次日 ' : ' '}${hour(q.end)}`,
      channels: { email: !!this.channels.email?.configured, sms: !!this.channels.sms?.configured },
      categories: NOTICE_CATEGORIES.map((category) => ({
        category,
        label: CATEGORY_RULES[category].label,
        hint: CATEGORY_RULES[category].hint,
        email: wants(s, category, 'email'),
        sms: wants(s, category, 'sms'),
      })),
    };
  }

  /** 发送记录, newest first (staff). */
  async deliveries(query: DeliveryQuery, onlyId?: number): Promise<Page<DeliveryView>> {
    const qb = this.ds
      .getRepository(NotificationDelivery)
      .createQueryBuilder('d')
      .innerJoin(Notification, 'n', 'n.id = d.notificationId')
      .innerJoin(User, 'u', 'u.id = d.userId')
      .select([
        'd.id AS id',
        'd.notificationId AS notificationId',
        'n.kind AS kind',
        'n.title AS title',
        'd.userId AS userId',
        'u.displayName AS recipient',
        'd.channel AS channel',
        'd.address AS address',
        'd.status AS status',
        'd.reason AS reason',
        'd.attempts AS attempts',
        'd.answer AS answer',
        'd.notBefore AS notBefore',
        'd.sentAt AS sentAt',
        'd.createdAt AS createdAt',
      ]);
    if (onlyId !== undefined) qb.andWhere('d.id = :onlyId', { onlyId });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    if (query.channel) qb.andWhere('d.channel = :channel', { channel: query.channel });
    const total = await qb.clone().select('COUNT(*)', 'n').getRawOne<{ n: number | string }>();
    const rows = await qb
      .orderBy('d.id', 'DESC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawMany<Record<string, unknown>>();
    return pageOf(rows.map(toDeliveryView), Number(total?.n ?? 0), query);
  }

  /** Staff send a failed delivery again: it goes back to the queue at the next dispatch. Only a failed one (409). */
  async retry(actor: Actor, id: number): Promise<DeliveryView> {
    await this.tx.run(async (em) => {
      const d = await em.findOneBy(NotificationDelivery, { id });
      if (!d) throw AppError.notFound('投递记录', 'DELIVERY_NOT_FOUND');
      if (d.status !== 'failed') {
        throw AppError.conflict(
          'DELIVERY_WRONG_STATE',
          `投递记录当前为“${DELIVERY_STATUS_LABELS[d.status]}”，只有发送失败的可以重发`,
        );
      }
      const now = this.clock.now();
      await em.update(
        NotificationDelivery,
        { id },
        { status: 'pending', reason: null, notBefore: now, updatedAt: now },
      );
      await this.audit.record(em, {
        actor,
        action: 'notice.retry',
        entityType: 'notification_delivery',
        entityId: id,
        from: { status: 'failed', answer: d.answer },
        to: { status: 'pending' },
      });
    });
    const [view] = (await this.deliveries(Object.assign(new DeliveryQuery(), { page: 1, pageSize: 1 }), id)).items;
    return view;
  }
}

const time = (v: unknown): Date | null =>
  v === null || v === undefined ? null : v instanceof Date ? v : new Date(`${String(v).replace(' ', 'T')}Z`);

function toDeliveryView(r: Record<string, unknown>): DeliveryView {
  const channel = String(r.channel) as 'email' | 'sms';
  const address = (r.address as string | null) ?? null;
  const reason = (r.reason as string | null) ?? null;
  return {
    id: Number(r.id),
    notificationId: Number(r.notificationId),
    kind: String(r.kind),
    title: String(r.title),
    userId: Number(r.userId),
    recipient: String(r.recipient),
    channel,
    channelLabel: CHANNEL_LABELS[channel],
    address: address && channel === 'sms' ? maskMobile(address) : address,
    status: String(r.status),
    statusLabel: DELIVERY_STATUS_LABELS[String(r.status)] ?? String(r.status),
    reason,
    reasonLabel: reason ? (DELIVERY_REASON_LABELS[reason] ?? reason) : null,
    attempts: Number(r.attempts),
    answer: (r.answer as string | null) ?? null,
    notBefore: time(r.notBefore)!,
    sentAt: time(r.sentAt),
    createdAt: time(r.createdAt)!,
  };
}
