import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { MeetingNoticeService } from './meeting-notice.service';
import { OutcomesQuery } from './outcomes-query';
import { PublicTopicsController } from './public-topics.controller';
import { PublicTopicsService } from './public-topics.service';
import { TopicDeadlines } from './topic-deadlines.sweep';
import { TopicMeetingsService } from './topic-meetings.service';
import { TopicNotifier } from './topic-notifier';
import { TopicOutcomesService } from './topic-outcomes.service';
import { TopicPromises } from './topic-promises.service';
import { TopicStatsService } from './topic-stats.service';
import { TopicStore } from './topic-store';
import { TopicViews } from './topic-views';
import { TopicsQuery } from './topics-query';
import { MeetingsController, OutcomesController, TopicsController } from './topics.controller';
import { TopicsService } from './topics.service';

/**
 * 协商议题 through 出题→定题→议题→解题→评题; meetings 协商会; outcomes 意见建议/共识; response promises and overdue outcomes (the `topics` step of the deadlines sweep).
 * `TOPIC_CONFIG` (config/topics.json) comes from the ConfigModule, read at boot.
 */
@Module({
  controllers: [TopicsController, MeetingsController, OutcomesController, PublicTopicsController],
  imports: [AuditModule, NotificationsModule],
  providers: [
    TopicStore,
    TopicViews,
    TopicsQuery,
    OutcomesQuery,
    TopicNotifier,
    TopicPromises,
    TopicsService,
    TopicMeetingsService,
    MeetingNoticeService,
    TopicOutcomesService,
    PublicTopicsService,
    TopicDeadlines,
    TopicStatsService,
  ],
  exports: [
    PublicTopicsService,
    TopicViews,
    TopicsQuery,
    OutcomesQuery,
    TopicsService,
    TopicMeetingsService,
    MeetingNoticeService,
    TopicOutcomesService,
    TopicPromises,
    TopicStatsService,
  ],
})
export class TopicsModule {}
