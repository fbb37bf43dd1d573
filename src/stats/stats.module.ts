import { Module } from '@nestjs/common';
import { ProposalsModule } from '../proposals/proposals.module';
import { StatsController } from './stats.controller';

/** 统计 over the feature modules; each module computes its own figures (ProposalStatsService …). */
@Module({
  imports: [ProposalsModule],
  controllers: [StatsController],
})
export class StatsModule {}
