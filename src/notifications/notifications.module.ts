import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Organization, ORGANIZATION } from '../config/organization';
import { EmailChannel } from './email/email-channel';
import { NOTICE_CHANNELS, NoticeChannels } from './notice-channels';
import { NoticeDispatcher } from './notice-dispatcher';
import { DeliveriesController, NoticeSettingsController } from './notice-settings.controller';
import { NoticeSettingsService } from './notice-settings.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { smsChannelFrom } from './sms/sms-channel';

/** The channels this install is configured for (XS_SMTP_URL, XS_SMS_PROVIDER); none: the inbox alone. */
export function noticeChannelsFrom(config: AppConfig, org: Organization, clock: Clock): NoticeChannels {
  return {
    email: config.mail ? new EmailChannel(config.mail, org) : null,
    sms: config.sms ? smsChannelFrom(config.sms, clock) : null,
  };
}

/**
 * The inbox, and the notices beyond it. Feature modules import it and call NotificationsService.notify inside their
 * transactions; the dispatcher sends e-mail and SMS afterwards.
 */
@Module({
  imports: [AuditModule],
  controllers: [NotificationsController, NoticeSettingsController, DeliveriesController],
  providers: [
    NotificationsService,
    NoticeDispatcher,
    NoticeSettingsService,
    { provide: NOTICE_CHANNELS, useFactory: noticeChannelsFrom, inject: [APP_CONFIG, ORGANIZATION, Clock] },
  ],
  exports: [NotificationsService, NoticeDispatcher, NoticeSettingsService, NOTICE_CHANNELS],
})
export class NotificationsModule {}
