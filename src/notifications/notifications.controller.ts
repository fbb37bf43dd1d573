import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentUser } from '../common/auth.decorators';
import { ParseIdPipe } from '../common/validation';
import { NotificationPage, NotificationQuery, NotificationView, ReadAllResult } from './notifications.dto';
import { NotificationsService } from './notifications.service';

/** The caller's own inbox 消息; nobody sees another person's messages. */
@ApiTags('消息')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPage })
  listNotifications(@CurrentUser() actor: Actor, @Query() query: NotificationQuery) {
    return this.notifications.list(actor, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: ReadAllResult })
  readAllNotifications(@CurrentUser() actor: Actor) {
    return this.notifications.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationView })
  readNotification(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.notifications.markRead(actor, id);
  }
}
