import { Injectable } from '@nestjs/common';
import { DataSource, EntitySubscriberInterface, UpdateEvent } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { User } from '../auth/user.entity';
import { SYSTEM_ACTOR } from '../common/actor';
import { CalendarFeed } from './visit.entities';

/**
 * Ends a member's calendar feed URLs when their account is disabled or its password is set (an admin's
 * reset, or the member's own change), in the transaction that does it — as the account's sessions end.
 * A TypeORM subscriber on `users`, so the account code (a lower layer) need not know calendars exist.
 * Updates made without the row's id (`update(User, {id}, …)`) are not seen here: CalendarService.authorise
 * checks the account and `passwordChangedAt` on every read as well.
 */
@Injectable()
export class CalendarFeedRevoker implements EntitySubscriberInterface<User> {
  constructor(
    ds: DataSource,
    private readonly audit: AuditService,
  ) {
    ds.subscribers.push(this);
  }

  listenTo() {
    return User;
  }

  async afterUpdate(event: UpdateEvent<User>): Promise<void> {
    const user = event.entity as Partial<User> | undefined;
    const before = event.databaseEntity as User | undefined;
    if (!user?.id) return;
    const disabled = user.disabled === true && before?.disabled !== true;
    const newPassword =
      user.passwordHash !== undefined && before !== undefined && user.passwordHash !== before.passwordHash;
    if (!disabled && !newPassword) return;
    const feeds = await event.manager.findBy(CalendarFeed, { createdByUserId: user.id });
    if (!feeds.length) return;
    await event.manager.delete(CalendarFeed, { createdByUserId: user.id });
    for (const feed of feeds)
      await this.audit.record(event.manager, {
        actor: SYSTEM_ACTOR,
        action: 'member.calendar_feed_revoke',
        entityType: 'member',
        entityId: feed.memberId,
        from: { feed: 'active' },
        to: null,
        comment: disabled ? '账号停用，日程订阅地址随之停用' : '账号密码已更改，日程订阅地址随之停用',
      });
  }
}
