import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ApiPageResponse } from '../common/openapi';
import { ParseIdPipe } from '../common/validation';
import { DeliveryQuery, DeliveryView, NoticeSettingsView, UpdateNoticeSettingsDto } from './notice-settings.dto';
import { NoticeSettingsService } from './notice-settings.service';

/** 通知设置: which notices reach the caller by e-mail and SMS; their own only. */
@ApiTags('消息')
@ApiBearerAuth()
@Controller('api/v1/users/me/notice-settings')
export class NoticeSettingsController {
  constructor(private readonly settings: NoticeSettingsService) {}

  @Get()
  @ApiOkResponse({ type: NoticeSettingsView })
  getNoticeSettings(@CurrentUser() actor: Actor) {
    return this.settings.get(actor);
  }

  @Put()
  @ApiOkResponse({ type: NoticeSettingsView })
  updateNoticeSettings(@CurrentUser() actor: Actor, @Body() dto: UpdateNoticeSettingsDto) {
    return this.settings.update(actor, dto);
  }
}

/** 发送记录: every e-mail and SMS delivery with its outcome, for the office's staff. */
@ApiTags('消息')
@ApiBearerAuth()
@Roles('staff')
@Controller('api/v1/notifications/deliveries')
export class DeliveriesController {
  constructor(private readonly settings: NoticeSettingsService) {}

  @Get()
  @ApiPageResponse(DeliveryView)
  listDeliveries(@Query() query: DeliveryQuery) {
    return this.settings.deliveries(query);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: DeliveryView })
  retryDelivery(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.settings.retry(actor, id);
  }
}
