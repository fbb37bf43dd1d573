import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth.decorators';
import { InstructionStatsService } from '../instructions/instruction-stats.service';
import { InstructionStatsQuery, InstructionStatsView } from '../instructions/instruction.dto';
import { ProposalStatsQuery, ProposalStatsView } from '../proposals/dto/proposal-stats.dto';
import { ProposalStatsService } from '../proposals/proposal-stats.service';
import { TopicStatsQuery, TopicStatsView } from '../topics/dto/topic-stats.dto';
import { TopicStatsService } from '../topics/topic-stats.service';
import { DashboardService } from './dashboard.service';
import { DashboardView } from './dto/dashboard.dto';
import { RecordQuery } from './dto/record.dto';

/** 统计: rates and breakdowns for staff and leaders. */
@ApiTags('统计')
@ApiBearerAuth()
@Controller('api/v1/stats')
export class StatsController {
  constructor(
    private readonly proposals: ProposalStatsService,
    private readonly dashboard: DashboardService,
    private readonly topics: TopicStatsService,
    private readonly instructions: InstructionStatsService,
  ) {}

  @Roles('staff', 'leader')
  @Get('proposals')
  @ApiOperation({
    summary: '提案办理情况统计：按状态、类别、界别、承办单位计数，立案率、办复率、满意率，超期、重点、优秀提案数',
  })
  @ApiOkResponse({ type: ProposalStatsView })
  getProposalStats(@Query() q: ProposalStatsQuery) {
    return this.proposals.forSession(q.sessionId, q.year);
  }

  @Roles('staff', 'leader')
  @Get('dashboard')
  @ApiOperation({
    summary: '领导驾驶舱：本年度提案状态和比率、超期单位、重点提案及督办领导、议题各环节和成果采纳、各界别委员履职',
  })
  @ApiOkResponse({ type: DashboardView })
  getDashboard(@Query() q: RecordQuery) {
    return this.dashboard.forYear(q.year);
  }

  @Roles('staff', 'leader')
  @Get('topics')
  @ApiOperation({
    summary:
      '协商统计：按层级、组织方、步骤计数，协商成果采纳率（总体和各组织方）、超期成果，响应承诺超时（按回应、答复、解决）；可按出题年份和层级筛选',
  })
  @ApiOkResponse({ type: TopicStatsView })
  getTopicStats(@Query() q: TopicStatsQuery) {
    return this.topics.stats(q);
  }

  @Roles('staff', 'leader')
  @Get('instructions')
  @ApiOperation({
    summary:
      '领导批示统计：本年（按批示日期）批示件数、已交办、已落实（交办事项全部办结）和超期事项；全部年份的批示和已落实件数',
  })
  @ApiOkResponse({ type: InstructionStatsView })
  getInstructionStats(@Query() q: InstructionStatsQuery) {
    return this.instructions.forYear(q.year);
  }
}
