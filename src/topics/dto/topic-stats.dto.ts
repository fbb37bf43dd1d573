import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { RateView } from '../../common/rate';
import { OUTCOME_STATUSES, PROMISE_CLOCKS, TOPIC_STATUSES } from '../topic-workflow';
import { TOPIC_LEVELS, TopicLevel } from '../topic.entities';
import { OrganizerView } from './topic-view.dto';
import { levelDoc, LevelRule } from './topic.dto';

export class TopicStatsQuery {
  @ApiPropertyOptional({ description: '出题年份（按北京时间）；不填则统计全部', example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年份须为整数' })
  @Min(2000, { message: '年份须在 2000–2100 之间' })
  @Max(2100, { message: '年份须在 2000–2100 之间' })
  year?: number;

  @ApiPropertyOptional(levelDoc)
  @IsOptional()
  @LevelRule()
  level?: TopicLevel;
}

export class LevelCount {
  @ApiProperty({ enum: TOPIC_LEVELS })
  level!: string;

  @ApiProperty({ example: '社区' })
  label!: string;

  @ApiProperty()
  count!: number;
}

export class TopicStatusCount {
  @ApiProperty({ enum: TOPIC_STATUSES })
  status!: string;

  @ApiProperty({ example: '议题中', description: '五题工作法的步骤' })
  label!: string;

  @ApiProperty()
  count!: number;
}

export class OutcomeStatusCount {
  @ApiProperty({ enum: OUTCOME_STATUSES })
  status!: string;

  @ApiProperty({ example: '已落实' })
  label!: string;

  @ApiProperty()
  count!: number;
}

export class OrganizerStats {
  @ApiProperty({ type: OrganizerView })
  organizer!: OrganizerView;

  @ApiProperty({ description: '议题数' })
  topics!: number;

  @ApiProperty({ description: '协商成果数' })
  outcomes!: number;

  @ApiProperty({ type: RateView, description: '采纳率：已落实 / 全部成果' })
  adoption!: RateView;

  @ApiProperty({ description: '已超期的成果' })
  overdue!: number;
}

export class OutcomeStats {
  @ApiProperty()
  total!: number;

  @ApiProperty({ type: [OutcomeStatusCount] })
  byStatus!: OutcomeStatusCount[];

  @ApiProperty({ type: RateView, description: '采纳率：已落实 / 全部成果' })
  adoption!: RateView;

  @ApiProperty({ description: '已超期（过了办理期限仍待办理或办理中）的成果' })
  overdue!: number;
}

export class BreachCount {
  @ApiProperty({ enum: PROMISE_CLOCKS })
  clock!: string;

  @ApiProperty({ example: '回应超时' })
  label!: string;

  @ApiProperty()
  count!: number;
}

export class PromiseStats {
  @ApiProperty({ description: '有响应承诺的议题' })
  topics!: number;

  @ApiProperty({ description: '其中有超时的议题' })
  breachedTopics!: number;

  @ApiProperty({ type: [BreachCount], description: '各时限的超时次数：回应、答复、解决' })
  breaches!: BreachCount[];
}

export class TopicStatsView {
  @ApiProperty({ type: Number, nullable: true, description: '统计的年份；null 为全部' })
  year!: number | null;

  @ApiProperty({ type: String, nullable: true, enum: TOPIC_LEVELS, description: '统计的层级；null 为全部' })
  level!: string | null;

  @ApiProperty({ description: '议题数（含不予定题的）' })
  total!: number;

  @ApiProperty({ type: [LevelCount] })
  byLevel!: LevelCount[];

  @ApiProperty({ type: [TopicStatusCount], description: '各步骤（状态）的议题数' })
  byStatus!: TopicStatusCount[];

  @ApiProperty({ type: [OrganizerStats], description: '各组织方：议题数多的在前' })
  byOrganizer!: OrganizerStats[];

  @ApiProperty({ type: OutcomeStats })
  outcomes!: OutcomeStats;

  @ApiProperty({ type: PromiseStats })
  promises!: PromiseStats;
}
