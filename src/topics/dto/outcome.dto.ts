import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { OptionalText, RequiredText } from '../../common/dto-fields';
import { PagingQuery } from '../../common/pagination';
import { BooleanQuery, idQuery, TimeWithOffset } from '../../common/validation';
import { VersionDto } from '../../common/version.dto';
import { OUTCOME_KINDS, OutcomeKind } from '../outcome.entities';
import { OUTCOME_STATUSES, OutcomeStatus } from '../topic-workflow';

/** 协商成果: a recommendation (under a theme) or a decision; `version` is the topic's. */
export class CreateOutcomeDto extends VersionDto {
  @ApiProperty({ enum: OUTCOME_KINDS, description: 'recommendation 意见建议，decision 共识' })
  @IsIn(OUTCOME_KINDS, { message: '成果类型须为意见建议或共识' })
  kind!: OutcomeKind;

  @OptionalText('所属主题', 100, { example: '加强领导，高位推动' })
  theme?: string | null;

  @RequiredText('成果内容', 2000)
  text!: string;

  @ApiPropertyOptional({ description: '责任单位编号' })
  @IsOptional()
  @IsInt({ message: '责任单位编号须为整数' })
  @Min(1, { message: '责任单位编号无效' })
  unitId?: number;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2026-12-31T17:00:00+08:00',
    description: '办理期限',
  })
  @IsOptional()
  @TimeWithOffset('办理期限')
  dueAt?: string;
}

/** 办理反馈 by the responsible unit or the organiser; `version` is the outcome's. */
export class UpdateOutcomeDto extends VersionDto {
  @ApiProperty({
    enum: OUTCOME_STATUSES,
    description: 'open 待办理，in_progress 办理中，done 已落实，not_adopted 未采纳',
  })
  @IsIn(OUTCOME_STATUSES, { message: '办理状态须为待办理、办理中、已落实或未采纳' })
  status!: OutcomeStatus;

  @OptionalText('办理反馈', 5000)
  feedback?: string | null;
}

/** The outcomes list: whose outcomes depends on the caller's role (see OutcomesQuery); `open` keeps those not yet closed (待办理, 办理中). */
export class OutcomeQuery extends PagingQuery {
  @ApiPropertyOptional({ enum: OUTCOME_STATUSES })
  @IsOptional()
  @IsIn(OUTCOME_STATUSES, { message: '办理状态须为待办理、办理中、已落实或未采纳' })
  status?: OutcomeStatus;

  @ApiPropertyOptional({ description: 'true：只列未办结的（待办理、办理中）；false：只列已办结的' })
  @BooleanQuery()
  open?: boolean;

  @ApiPropertyOptional({
    description: 'true：已超期（过了办理期限仍待办理或办理中），按办理期限先后排列；false：未超期',
  })
  @BooleanQuery('overdue 须为 true 或 false')
  overdue?: boolean;

  @ApiPropertyOptional({ description: '协商议题编号' })
  @idQuery('协商议题')
  topicId?: number;

  @ApiPropertyOptional({ description: '责任单位编号' })
  @idQuery('责任单位')
  unitId?: number;
}
