import { Module } from '@nestjs/common';
import { PublicTopicsController } from './public-topics.controller';
import { PublicTopicsService } from './public-topics.service';
import { TopicMeetingsService } from './topic-meetings.service';
import { TopicOutcomesService } from './topic-outcomes.service';
import { TopicStore } from './topic-store';
import { TopicViews } from './topic-views';
import { loadTopicConfig, TOPIC_CONFIG } from './topics.config';
import { MeetingsController, OutcomesController, TopicsController } from './topics.controller';
import { TopicsQuery } from './topics-query';
import { TopicsService } from './topics.service';

/** 协商议题 through 出题→定题→议题→解题→评题; meetings 协商会; outcomes 意见建议/共识. */
@Module({
  controllers: [TopicsController, MeetingsController, OutcomesController, PublicTopicsController],
  providers: [{ provide: TOPIC_CONFIG, useFactory: () => loadTopicConfig() }, TopicStore, TopicViews, TopicsQuery, TopicsService, TopicMeetingsService, TopicOutcomesService, PublicTopicsService],
  exports: [PublicTopicsService, TOPIC_CONFIG, TopicViews, TopicsQuery, TopicsService, TopicMeetingsService, TopicOutcomesService],
})
export class TopicsModule {}
