import { Module } from '@nestjs/common';
import { InstructionsModule } from '../instructions/instructions.module';
import { OpinionOutcomesModule } from '../opinions/opinion-outcomes.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { TopicsModule } from '../topics/topics.module';
import { DashboardService } from './dashboard.service';
import { RecordExport } from './record-export';
import { RECORD_SOURCES, RecordSource } from './record-source';
import { RecordsController } from './records.controller';
import { RecordsService } from './records.service';
import { OpinionRecordSource } from './sources/opinion-source';
import { ProposalRecordSource } from './sources/proposal-source';
import { TopicRecordSource } from './sources/topic-source';
import { VisitRecordSource } from './sources/visit-source';
import { StatsController } from './stats.controller';

/**
 * 统计 over the feature modules (each computes its own figures: ProposalStatsService …), the duty records
 * 履职档案 and the leaders' dashboard. A duty record's sources, one per module: proposals, topics (meetings,
 * speeches, outcomes) and visits (attendance at completed visits, by the answer). `RECORD_RULES`
 * (config/records.json) comes from the ConfigModule, read at boot.
 */
@Module({
  imports: [ProposalsModule, TopicsModule, InstructionsModule, OpinionOutcomesModule],
  controllers: [StatsController, RecordsController],
  providers: [
    ProposalRecordSource,
    TopicRecordSource,
    VisitRecordSource,
    OpinionRecordSource,
    {
      provide: RECORD_SOURCES,
      useFactory: (...sources: RecordSource[]) => sources,
      inject: [ProposalRecordSource, TopicRecordSource, VisitRecordSource, OpinionRecordSource],
    },
    RecordsService,
    RecordExport,
    DashboardService,
  ],
  exports: [RecordsService, RecordExport, DashboardService],
})
export class StatsModule {}
