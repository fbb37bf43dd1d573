import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Min, ValidateNested } from 'class-validator';
import { IdRule, OptionalText, RequiredText } from '../common/dto-fields';
import { nullableString, nullableTime } from '../common/openapi';
import { PagingQuery } from '../common/pagination';
import { BooleanQuery, idQuery } from '../common/validation';
import { VersionDto } from '../common/version.dto';
import {
  INSTRUCTION_TARGET_TYPES,
  InstructionTargetType,
  ITEM_ACTIONS,
  ITEM_STATUSES,
  ItemAction,
  ItemStatus,
} from './instruction-workflow';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** A calendar day `YYYY-MM-DD` (a date input's value). */
const Day = (label: string) => Matches(DAY, { message: `${label}须为日期，如 2026-12-07` });

export class InstructionTargetDto {
  @ApiProperty({ enum: INSTRUCTION_TARGET_TYPES, description: 'report 已送达的文稿；proposal 重点提案' })
  @IsIn(INSTRUCTION_TARGET_TYPES, { message: '批示对象须为已送达的文稿或重点提案' })
  type!: InstructionTargetType;

  @ApiProperty({ type: 'integer' })
  @IdRule('批示对象')
  id!: number;
}

/**
 * 记录批示. A leader records their own (the name is theirs); staff record one received on paper, naming the
 * leader (an account, or a name for a leader without one) and the day.
 */
export class CreateInstructionDto {
  @ApiProperty({ type: InstructionTargetDto })
  @ValidateNested()
  @Type(() => InstructionTargetDto)
  target!: InstructionTargetDto;

  @RequiredText('批示内容', 2000, { example: '请市住建局牵头研究，抓紧落实。' })
  text!: string;

  @ApiProperty({ description: '批示领导的职务（config/instructions.json 的 leaderLevels 之一）', example: '副市长' })
  @RequiredText('批示领导职务', 30)
  leaderLevel!: string;

  @ApiPropertyOptional({ example: '2026-12-07', description: '批示日期；领导本人记录时默认为今天，纸质批示须填写' })
  @IsOptional()
  @Day('批示日期')
  instructedOn?: string;

  @ApiPropertyOptional({ type: 'integer', description: '工作人员录入纸质批示：批示领导的账号（与 leaderName 二选一）' })
  @IsOptional()
  @IsInt({ message: '领导账号编号须为整数' })
  @Min(1, { message: '领导账号编号无效' })
  leaderUserId?: number;

  @OptionalText('批示领导姓名', 50, { description: '工作人员录入纸质批示：没有账号的领导的姓名' })
  leaderName?: string | null;
}

/** 交办: one task of a 批示 for a unit, due on a day. */
export class CreateItemDto {
  @ApiProperty({ type: 'integer', description: '承办单位编号' })
  @IdRule('承办单位')
  unitId!: number;

  @RequiredText('交办事项', 2000, { example: '制定老旧小区加装电梯三年行动方案' })
  task!: string;

  @ApiProperty({ example: '2027-01-31', description: '办理期限（含当日）' })
  @Day('办理期限')
  dueOn!: string;
}

/** 报告进展 (the unit), 确认办结 or 退回 (staff); `version` is the item's. */
export class ItemStepDto extends VersionDto {
  @OptionalText('内容', 5000, {
    description: '报告进展时为办理情况（必填）；退回时为退回意见（必填）；确认办结时可留空',
  })
  text?: string | null;
}

export class InstructionListQuery extends PagingQuery {
  @ApiPropertyOptional({ enum: INSTRUCTION_TARGET_TYPES })
  @IsOptional()
  @IsIn(INSTRUCTION_TARGET_TYPES, { message: '批示对象须为已送达的文稿或重点提案' })
  targetType?: InstructionTargetType;

  @ApiPropertyOptional({ description: '批示对象编号（与 targetType 同用）' })
  @idQuery('批示对象')
  targetId?: number;
}

export class ItemListQuery extends PagingQuery {
  @ApiPropertyOptional({ description: '承办单位编号（工作人员、领导可用；单位账号只看本单位的）' })
  @idQuery('承办单位')
  unitId?: number;

  @ApiPropertyOptional({ enum: ITEM_STATUSES })
  @IsOptional()
  @IsIn(ITEM_STATUSES, { message: '办理状态不正确' })
  status?: ItemStatus;

  @ApiPropertyOptional({ description: 'true：只列未办结的' })
  @BooleanQuery('open 须为 true 或 false')
  open?: boolean;

  @ApiPropertyOptional({ description: 'true：只列已超期的（过了办理期限仍未办结），按期限先后排列' })
  @BooleanQuery('overdue 须为 true 或 false')
  overdue?: boolean;
}

export class PersonRefView {
  @ApiProperty() id!: number;
  @ApiProperty() displayName!: string;
}

export class TargetView {
  @ApiProperty({ enum: INSTRUCTION_TARGET_TYPES }) type!: InstructionTargetType;
  @ApiProperty() id!: number;
  @ApiProperty({ description: '文稿或提案的标题（记录批示时）' }) title!: string;
  @ApiProperty({ example: '文稿' }) typeLabel!: string;
}

export class ItemView {
  @ApiProperty() id!: number;
  @ApiProperty() instructionId!: number;
  @ApiProperty() unitId!: number;
  @ApiProperty() unitName!: string;
  @ApiProperty() task!: string;
  @ApiProperty({ example: '2027-01-31' }) dueOn!: string;
  @ApiProperty({ enum: ITEM_STATUSES }) status!: ItemStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty({ description: '过了办理期限仍未办结' }) overdue!: boolean;
  @ApiProperty(nullableString) progress!: string | null;
  @ApiProperty(nullableTime) reportedAt!: string | null;
  @ApiProperty(nullableString) returnNote!: string | null;
  @ApiProperty(nullableTime) closedAt!: string | null;
  @ApiProperty({ enum: ITEM_ACTIONS, isArray: true, description: '调用者此时可做的步骤' }) actions!: ItemAction[];
  @ApiProperty() version!: number;
}

export class InstructionView {
  @ApiProperty() id!: number;
  @ApiProperty({ type: TargetView }) target!: TargetView;
  @ApiProperty({ type: 'integer', nullable: true }) leaderUserId!: number | null;
  @ApiProperty() leaderName!: string;
  @ApiProperty() leaderLevel!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ example: '2026-12-07' }) instructedOn!: string;
  @ApiProperty({ description: '纸质批示，由工作人员录入' }) onPaper!: boolean;
  @ApiProperty({ type: PersonRefView }) recordedBy!: PersonRefView;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: [ItemView] }) items!: ItemView[];
  @ApiProperty({ description: '交办事项件数' }) itemCount!: number;
  @ApiProperty({ description: '已办结件数' }) doneCount!: number;
  @ApiProperty({ description: '已超期件数' }) overdueCount!: number;
  @ApiProperty({ description: '已落实：有交办事项且全部办结' }) carriedOut!: boolean;
}

/** An item with the 批示 it comes from, for the unit's and the overdue lists. */
export class ItemListView extends ItemView {
  @ApiProperty({ description: '批示领导（职务）' }) leader!: string;
  @ApiProperty() instructionText!: string;
  @ApiProperty() instructedOn!: string;
  @ApiProperty({ type: TargetView }) target!: TargetView;
}

export class InstructionStatsView {
  @ApiProperty() year!: number;
  @ApiProperty({ description: '本年批示件数（按批示日期）' }) total!: number;
  @ApiProperty({ description: '其中已落实的（交办事项全部办结）' }) carriedOut!: number;
  @ApiProperty({ description: '其中已交办的' }) handedOut!: number;
  @ApiProperty({ description: '本年批示的交办事项中已超期的' }) overdueItems!: number;
  @ApiProperty({ description: '全部年份的批示件数' }) allTotal!: number;
  @ApiProperty({ description: '全部年份已落实的' }) allCarriedOut!: number;
}

export class InstructionStatsQuery {
  @ApiPropertyOptional({ description: '年份，默认今年' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年份须为整数' })
  @Min(2000, { message: '年份不正确' })
  year?: number;
}
