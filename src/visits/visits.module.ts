import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { TopicsModule } from '../topics/topics.module';
import { CalendarFeedRevoker } from './calendar-feed-revoker';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { VisitFollowUpsService } from './visit-follow-ups.service';
import { VisitInvitations } from './visit-invitations';
import { VisitNoticeService } from './visit-notice.service';
import { VisitNotifier } from './visit-notifier';
import { VisitParticipantsService } from './visit-participants.service';
import { VisitPlanningService } from './visit-planning.service';
import { VisitRecordsService } from './visit-records.service';
import { VisitReminders } from './visit-reminders.sweep';
import { VisitSchedule } from './visit-schedule';
import { VisitStore } from './visit-store';
import { VisitViews } from './visit-views';
import { VisitsController } from './visits.controller';
import { VisitsService } from './visits.service';

/** 视察调研: itineraries, invitations and answers, conflicts and free/busy, findings and photos, reminders, calendar feeds, follow-up topics and proposals. */
@Module({
  imports: [AuditModule, FilesModule, NotificationsModule, TopicsModule, ProposalsModule],
  controllers: [VisitsController, CalendarController],
  providers: [
    VisitSchedule,
    VisitStore,
    VisitViews,
    VisitInvitations,
    VisitNotifier,
    VisitsService,
    VisitParticipantsService,
    VisitRecordsService,
    VisitPlanningService,
    VisitFollowUpsService,
    VisitNoticeService,
    VisitReminders,
    CalendarService,
    CalendarFeedRevoker,
  ],
  exports: [
    VisitsService,
    VisitViews,
    VisitSchedule,
    CalendarService,
    VisitParticipantsService,
    VisitRecordsService,
    VisitPlanningService,
    VisitFollowUpsService,
    VisitNoticeService,
  ],
})
export class VisitsModule {}
