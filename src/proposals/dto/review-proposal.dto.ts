import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Min,
} from 'class-validator';
import { OptionalText } from '../../common/dto-fields';
import { TIME_WITH_OFFSET } from '../../common/validation';
import { VersionDto } from './file-proposal.dto';

export const REVIEW_DECISIONS = ['accept', 'reject', 'convert', 'merge'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** 审查: 立案, 不予立案 (ground + reason), 转为意见建议, 并案. */
export class ReviewProposalDto extends VersionDto {
  @ApiProperty({
    enum: REVIEW_DECISIONS,
    description: 'accept 立案，reject 不予立案，convert 转为意见建议，merge 并案',
  })
  @IsIn(REVIEW_DECISIONS, { message: '审查结论须为立案、不予立案、转为意见建议或并案之一' })
  decision!: ReviewDecision;

  @ApiPropertyOptional({ description: '不予立案的理由类别（配置的代码，如 outside_remit）' })
  @IsOptional()
  @IsString({ message: '理由类别须为代码' })
  @Matches(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, { message: '理由类别代码不正确' })
  ground?: string;

  @OptionalText('理由说明', 2000, { description: '不予立案必填；转为意见建议、并案可填' })
  reason?: string | null;

  @ApiPropertyOptional({ description: '并案时并入的提案编号' })
  @IsOptional()
  @IsInt({ message: '提案编号须为整数' })
  @Min(1, { message: '提案编号无效' })
  mergeIntoId?: number;
}

/**
 * 交办. Either 主办 + 会办: `{leadUnitId, coUnitIds?}`, or 分办: `{unitIds:[…]}` (two or more units,
 * each replying on its own). `deadline` defaults to the configured months after now and may not
 * exceed the configured maximum.
 */
export class AssignProposalDto extends VersionDto {
  @ApiPropertyOptional({ description: '主办单位（与 unitIds 二选一）' })
  @IsOptional()
  @IsInt({ message: '主办单位编号须为整数' })
  @Min(1, { message: '主办单位编号无效' })
  leadUnitId?: number;

  @ApiPropertyOptional({ type: Number, isArray: true, description: '会办单位' })
  @IsOptional()
  @IsArray({ message: '会办单位须为编号列表' })
  @ArrayMaxSize(20, { message: '会办单位最多 20 个' })
  @ArrayUnique({ message: '会办单位不能重复' })
  @IsInt({ each: true, message: '单位编号须为整数' })
  @Min(1, { each: true, message: '单位编号无效' })
  coUnitIds?: number[];

  @ApiPropertyOptional({
    type: Number,
    isArray: true,
    description: '分办：各自答复的单位（至少两个；与 leadUnitId 二选一）',
  })
  @IsOptional()
  @IsArray({ message: '分办单位须为编号列表' })
  @ArrayMinSize(2, { message: '分办至少需要两个单位' })
  @ArrayMaxSize(20, { message: '分办单位最多 20 个' })
  @ArrayUnique({ message: '分办单位不能重复' })
  @IsInt({ each: true, message: '单位编号须为整数' })
  @Min(1, { each: true, message: '单位编号无效' })
  unitIds?: number[];

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-06-30T17:00:00+08:00',
    description: '办理期限，默认交办后 3 个月',
  })
  @IsOptional()
  @IsString({ message: '办理期限须为带时区的时间' })
  @Matches(TIME_WITH_OFFSET, { message: '办理期限须为带时区的时间，如 2026-06-30T17:00:00+08:00' })
  deadline?: string;
}

/** 优秀提案: staff mark (or unmark) it. */
export class MarkExcellentDto extends VersionDto {
  @ApiPropertyOptional({ description: '默认 true；false 取消' })
  @IsOptional()
  @IsBoolean({ message: '须为布尔值' })
  excellent?: boolean;
}

/** Staff decide a unit's request for more time. */
export class DecideExtensionDto extends VersionDto {
  @ApiProperty({ description: 'true 同意，false 不同意' })
  @IsBoolean({ message: '请选择同意或不同意' })
  approve!: boolean;

  @OptionalText('审批意见', 1000)
  comment?: string | null;
}

/** 催办: staff, or the leader supervising a key proposal, press the units to reply. */
export class ChaseProposalDto extends VersionDto {
  @OptionalText('催办说明', 1000)
  note?: string | null;
}
