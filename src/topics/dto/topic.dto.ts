import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IdRule, OptionalText, RequiredText } from '../../common/dto-fields';
import { PageQuery } from '../../common/pagination';
import { BooleanQuery, idQuery } from '../../common/validation';
import { VersionDto } from '../../common/version.dto';
import { YearQuery } from '../../directory/session-year';
import { PROMISE_CLOCKS, PromiseClock, TOPIC_STATUSES, TopicStatus } from '../topic-workflow';
import {
  ORGANIZER_TYPES,
  OrganizerType,
  TOPIC_LEVELS,
  TOPIC_SOURCES,
  TopicLevel,
  TopicSource,
} from '../topic.entities';

export { VersionDto };

export const levelDoc = {
  enum: TOPIC_LEVELS,
  description: 'city 市，district 区县，street 街道，community 社区，grid 网格',
};
const organizerTypeDoc = { enum: ORGANIZER_TYPES, description: 'committee 专委会，sector 界别，point 协商议事点' };
export const LevelRule = () => IsIn(TOPIC_LEVELS, { message: '层级须为市、区县、街道、社区或网格之一' });
const OrganizerTypeRule = () => IsIn(ORGANIZER_TYPES, { message: '组织方类型须为专委会、界别或协商议事点之一' });

/** The committee, sector or consultation point that runs a topic. */
export class OrganizerDto {
  @ApiProperty(organizerTypeDoc)
  @OrganizerTypeRule()
  type!: OrganizerType;

  @ApiProperty({ description: '专委会、界别或协商议事点的编号' })
  @IdRule('组织方')
  id!: number;
}

/** 出题: a topic raised by a member, a facilitator for their point, or the office. */
export class CreateTopicDto {
  @RequiredText('议题名称', 200, { example: '盘活工业低效用地' })
  title!: string;

  @RequiredText('议题说明', 10000)
  description!: string;

  @ApiProperty(levelDoc)
  @LevelRule()
  level!: TopicLevel;

  @ApiProperty({
    enum: TOPIC_SOURCES,
    description: 'member 委员，public 群众，department 部门，plan 年度协商计划，proposal 提案，visit 视察调研',
  })
  @IsIn(TOPIC_SOURCES, { message: '议题来源须为委员、群众、部门、年度协商计划、提案或视察调研之一' })
  source!: TopicSource;

  @ApiProperty({ type: OrganizerDto })
  @IsObject({ message: '请选择组织方' })
  @ValidateNested()
  @Type(() => OrganizerDto)
  organizer!: OrganizerDto;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '252',
    description: '响应承诺：config/topics.json 配置的代码，如网格事项的“252”（2分钟内回应、5分钟内答复、2天内解决）',
  })
  @IsOptional()
  @IsString({ message: '响应承诺须为配置的代码，如 252' })
  @MaxLength(10, { message: '响应承诺须为配置的代码，如 252' })
  responsePolicy?: string | null;
}

/** 答复 of a topic with a response promise: what the caller answered. */
export class AnswerDto extends VersionDto {
  @OptionalText('答复内容', 2000, { description: '必填（与其他步骤一样，先查状态和身份，再查内容）' })
  text?: string | null;
}

/** 不予定题: the reason is required (checked after the state, as every step checks). */
export class DeclineTopicDto extends VersionDto {
  @OptionalText('不予定题的理由', 2000)
  reason?: string | null;
}

/** 评题: a participant's score of the result. */
export class EvaluateTopicDto extends VersionDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: '评分 1–5' })
  @IsInt({ message: '评分须为 1–5 的整数' })
  score!: number;

  @OptionalText('评价意见', 2000)
  comment?: string | null;
}

/** The list's filters; what is listed depends on the caller's role (see TopicsQuery). `q` searches titles. */
export class TopicQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TOPIC_STATUSES })
  @IsOptional()
  @IsIn(TOPIC_STATUSES, { message: '状态不正确' })
  status?: TopicStatus;

  @ApiPropertyOptional(levelDoc)
  @IsOptional()
  @LevelRule()
  level?: TopicLevel;

  @ApiPropertyOptional(organizerTypeDoc)
  @IsOptional()
  @OrganizerTypeRule()
  organizerType?: OrganizerType;

  @ApiPropertyOptional({ description: '组织方编号（与 organizerType 一起使用）' })
  @idQuery('组织方')
  organizerId?: number;

  @ApiPropertyOptional({ description: '年度：该年出题的议题', example: 2026 })
  @YearQuery()
  year?: number;

  @ApiPropertyOptional({
    description: 'true：有响应承诺超时（回应、答复或解决）的议题；false：有响应承诺且从未超时的议题',
  })
  @BooleanQuery('breached 须为 true 或 false')
  breached?: boolean;

  @ApiPropertyOptional({
    enum: PROMISE_CLOCKS,
    description: '这一时限超时的议题：acknowledge 回应超时，answer 答复超时，solve 解决超时',
  })
  @IsOptional()
  @IsIn(PROMISE_CLOCKS, { message: '超时的时限须为回应、答复或解决（acknowledge、answer、solve）' })
  missed?: PromiseClock;
}
