import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { User } from '../auth/user.entity';
import type { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { Tally, tallyOf } from '../database/tally';
import { Notification } from './notification.entity';
import {
  NotificationPage,
  NotificationQuery,
  NotificationView,
  ReadAllResult,
  toNotificationView,
} from './notifications.dto';

export interface NotificationMessage {
  /** Stable English, e.g. `proposal.accepted`. */
  kind: string;
  /** Chinese, up to 200 characters. */
  title: string;
  body: string;
  /** A path on this site, e.g. `/proposals/12`. */
  link?: string | null;
  /** The same key reaches one person once, e.g. `proposal:12:accepted` or `proposal:12:remind:2027-02-01`. */
  dedupeKey: string;
  /** The office marks it urgent: an SMS goes even in the quiet hours (会议通知 marked 紧急). */
  urgent?: boolean;
  /** The deadline it is about: within 3 days it counts as 临近期限 and goes by SMS by default. */
  dueAt?: Date | null;
}

/**
 * One message of a feature's notice rules (`proposal-notices.ts`, `topic-notices.ts`, `visit-notices.ts`),
 * and the audience it is for: a name the feature's notifier turns into accounts.
 */
/** Someone a visit or a meeting names: a member 委员, a staff account, or (a person of) a unit. */
export interface NoticePerson {
  memberId: number | null;
  userId?: number | null;
  unitId: number | null;
}

export interface Notice<A extends string> {
  to: A;
  message: NotificationMessage;
}

const LIMITS = { kind: 40, title: 200, dedupeKey: 191, link: 500 } as const;

/** The in-app inbox 消息: written by the workflows and jobs inside their transactions, read by its owner only. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Puts the message in each person's inbox, inside the caller's transaction, once per (person, dedupeKey):
   * a job that runs again adds nothing. Returns how many inboxes got it now.
   */
  async notify(em: EntityManager, userIds: readonly number[], message: NotificationMessage): Promise<number> {
    checkMessage(message);
    const ids = [...new Set(userIds)];
    if (!ids.length) return 0;
    const have = await em
      .createQueryBuilder(Notification, 'n')
      .select('n.userId', 'userId')
      .where('n.dedupeKey = :key', { key: message.dedupeKey })
      .andWhere('n.userId IN (:...ids)', { ids })
      .getRawMany<{ userId: number | string }>();
    const seen = new Set(have.map((r) => Number(r.userId)));
    const fresh = ids.filter((id) => !seen.has(id));
    if (!fresh.length) return 0;
    const createdAt = this.clock.now();
    const rows = fresh.map((userId) => ({
      userId,
      kind: message.kind,
      title: message.title,
      body: message.body,
      link: message.link ?? null,
      dedupeKey: message.dedupeKey,
      readAt: null,
      urgent: message.urgent ?? false,
      dueAt: message.dueAt ?? null,
      dispatchedAt: null,
      createdAt,
    }));
    // Two transactions notifying at once (MySQL) both pass the check above: the unique key settles it, as a no-op update.
    await em
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(rows)
      .orUpdate(['dedupeKey'], ['userId', 'dedupeKey'])
      .execute();
    return fresh.length;
  }

  /**
   * The notices of one occasion, in order: each to the accounts of its audience (`accountsOf`, the
   * feature's own lookup), never to `exceptUserId` (whoever took the step). How many inboxes got one now.
   */
  async deliver<A extends string>(
    em: EntityManager,
    notices: readonly Notice<A>[],
    accountsOf: (audience: A) => Promise<number[]>,
    exceptUserId: number | null = null,
  ): Promise<number> {
    let sent = 0;
    for (const notice of notices) {
      const users = (await accountsOf(notice.to)).filter((id) => id !== exceptUserId);
      sent += await this.notify(em, users, notice.message);
    }
    return sent;
  }

  /** The enabled accounts linked to this member 委员. */
  async usersOfMember(em: EntityManager, memberId: number): Promise<number[]> {
    return ids(await em.getRepository(User).find({ select: { id: true }, where: { memberId, disabled: false } }));
  }

  /** The enabled accounts of this handling unit 承办单位. */
  async usersOfUnit(em: EntityManager, unitId: number): Promise<number[]> {
    return ids(await em.getRepository(User).find({ select: { id: true }, where: { unitId, disabled: false } }));
  }

  /**
   * The accounts each person is heard through, in order: a member through every account linked to them, a
   * staff account itself, a unit's person through the unit's accounts; a person by name alone through none.
   */
  async accountsOfEach(em: EntityManager, people: readonly NoticePerson[]): Promise<number[][]> {
    const out: number[][] = [];
    for (const p of people) {
      if (p.memberId !== null) out.push(await this.usersOfMember(em, p.memberId));
      else if (p.userId != null) out.push([p.userId]);
      else if (p.unitId !== null) out.push(await this.usersOfUnit(em, p.unitId));
      else out.push([]);
    }
    return out;
  }

  /** Every enabled staff account 政协机关工作人员. */
  async staffUsers(em: EntityManager): Promise<number[]> {
    const users = await em
      .getRepository(User)
      .find({ select: { id: true, roleList: true }, where: { disabled: false } });
    return ids(users.filter((u) => u.roles.includes('staff')));
  }

  /** The enabled facilitator accounts 议事点组织者 of this consultation point 协商议事点. */
  async facilitatorsOfPoint(em: EntityManager, pointId: number): Promise<number[]> {
    const users = await em
      .getRepository(User)
      .find({ select: { id: true, roleList: true }, where: { pointId, disabled: false } });
    return ids(users.filter((u) => u.roles.includes('facilitator')));
  }

  async list(actor: Actor, query: NotificationQuery): Promise<NotificationPage> {
    const repo = this.ds.getRepository(Notification);
    const where = query.unread ? { userId: actor.id, readAt: IsNull() } : { userId: actor.id };
    const [rows, total] = await repo.findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return {
      items: rows.map(toNotificationView),
      total,
      page: query.page,
      pageSize: query.pageSize,
      unread: await this.unreadCount(actor.id),
    };
  }

  /** The unread messages of `userId` and when the earliest of them came (the 待办 of the home page). */
  unreadTally(userId: number): Promise<Tally> {
    const qb = this.ds
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.userId = :userId AND n.readAt IS NULL', { userId });
    return tallyOf(qb, 'n.createdAt');
  }

  unreadCount(userId: number): Promise<number> {
    return this.ds.getRepository(Notification).countBy({ userId, readAt: IsNull() });
  }

  /** Marks one of the caller's messages read; someone else's is 404, as if it did not exist. Reading twice keeps the first time. */
  async markRead(actor: Actor, id: number): Promise<NotificationView> {
    const repo = this.ds.getRepository(Notification);
    const found = await repo.findOneBy({ id, userId: actor.id });
    if (!found) throw AppError.notFound('消息', 'NOTIFICATION_NOT_FOUND');
    if (!found.readAt) {
      await repo.update({ id, readAt: IsNull() }, { readAt: this.clock.now() });
      return toNotificationView(await repo.findOneByOrFail({ id }));
    }
    return toNotificationView(found);
  }

  async markAllRead(actor: Actor): Promise<ReadAllResult> {
    const result = await this.ds
      .getRepository(Notification)
      .update({ userId: actor.id, readAt: IsNull() }, { readAt: this.clock.now() });
    return { updated: result.affected ?? 0, unread: await this.unreadCount(actor.id) };
  }
}

function ids(rows: { id: number }[]): number[] {
  return rows.map((r) => r.id);
}

function checkMessage(m: NotificationMessage): void {
  for (const field of ['kind', 'title', 'dedupeKey', 'link'] as const) {
    const value = m[field];
    if (value !== undefined && value !== null && [...value].length > LIMITS[field])
      throw new Error(`通知的 ${field} 超过 ${LIMITS[field]} 个字符`);
  }
  if (!m.kind || !m.title || !m.dedupeKey) throw new Error('通知须有 kind、title 和 dedupeKey');
  if (m.link && !m.link.startsWith('/')) throw new Error('通知的链接须为本站路径');
}
