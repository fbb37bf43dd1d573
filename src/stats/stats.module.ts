import { Module } from '@nestjs/common';
import { ProposalsModule } from '../proposals/proposals.module';
import { TopicsModule } from '../topics/topics.module';
import { StatsController } from './stats.controller';

/** 统计 over the feature modules; each module computes its own figures (ProposalStatsService …). */
@Module({
  imports: [ProposalsModule, TopicsModule],
  controllers: [StatsController],
})
export class StatsModule {}
