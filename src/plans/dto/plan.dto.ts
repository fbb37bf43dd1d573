import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { IsOmittable, OptionalText, PatchText, RequiredText } from '../../common/dto-fields';
import { PagingQuery } from '../../common/pagination';
import { VersionDto } from '../../common/version.dto';
import { OrganizerDto } from '../../topics/dto/topic.dto';
import { MEETING_KINDS, MeetingKind } from '../../topics/meeting.entities';
import { TOPIC_LEVELS, TopicLevel } from '../../topics/topic.entities';
import { PLAN_SCOPES, PlanScope } from '../plan.entities';

export { VersionDto };

const YEAR = { min: 2000, max: 2100 };
const Year = () =>
  applyDecorators(
    IsInt({ message: '年度须为整数' }),
    Min(YEAR.min, { message: '年度不正确' }),
    Max(YEAR.max, { message: '年度不正确' }),
  );

export class PlanScopeDto {
  @ApiProperty({ enum: PLAN_SCOPES, description: 'all 全委，committee 专委会，sector 界别，point 协商议事点' })
  @IsIn(PLAN_SCOPES, { message: '计划范围须为全委、专委会、界别或协商议事点之一' })
  type!: PlanScope;

  @ApiPropertyOptional({ description: '专委会、界别或协商议事点的编号（全委不填）' })
  @IsOptional()
  @IsInt({ message: '编号须为整数' })
  @Min(1, { message: '编号无效' })
  id?: number;
}

/** 年度协商计划: one per year and scope (全委 by default). */
export class CreatePlanDto {
  @ApiProperty({ example: 2026 })
  @Year()
  year!: number;

  @OptionalText('计划名称', 200, { description: '不填为“2026年度协商计划”' })
  title?: string | null;

  @ApiPropertyOptional({ type: PlanScopeDto, description: '不填为全委' })
  @IsOptional()
  @IsObject({ message: '请选择计划范围' })
  @ValidateNested()
  @Type(() => PlanScopeDto)
  scope?: PlanScopeDto;

  @OptionalText('说明', 5000)
  note?: string | null;
}

const formDoc = {
  enum: MEETING_KINDS,
  description:
    '协商形式：thematic 专题协商，counterpart 对口协商，sector 界别协商，proposal 提案办理协商，key 重点协商会，deliberation 协商议事会，bench 板凳会，tea 书记下午茶，other 其他',
};
const levelDoc = { enum: TOPIC_LEVELS, description: '议题层级；不填时议事点为社区，其他为市' };

/** One planned consultation; `version` is the plan's. */
export class CreatePlanItemDto extends VersionDto {
  @RequiredText('协商事项', 200, { example: '盘活工业低效用地' })
  title!: string;

  @OptionalText('备注', 5000)
  notes?: string | null;

  @ApiProperty(formDoc)
  @IsIn(MEETING_KINDS, { message: '协商形式不正确' })
  form!: MeetingKind;

  @ApiProperty({ type: OrganizerDto })
  @IsObject({ message: '请选择组织方' })
  @ValidateNested()
  @Type(() => OrganizerDto)
  organizer!: OrganizerDto;

  @ApiProperty({ minimum: 1, maximum: 4 })
  @IsInt({ message: '季度须为 1–4' })
  @Min(1, { message: '季度须为 1–4' })
  @Max(4, { message: '季度须为 1–4' })
  quarter!: number;

  @ApiPropertyOptional(levelDoc)
  @IsOptional()
  @IsIn(TOPIC_LEVELS, { message: '层级须为市、区县、街道、社区或网格之一' })
  level?: TopicLevel;

  @ApiPropertyOptional({ type: Number, nullable: true, description: '牵头单位（承办单位编号）' })
  @IsOptional()
  @IsInt({ message: '牵头单位编号须为整数' })
  @Min(1, { message: '牵头单位编号无效' })
  leadUnitId?: number | null;
}

/** Changes to an item while the plan is a 草案; `version` is the item's. */
export class UpdatePlanItemDto extends VersionDto {
  @PatchText('协商事项', 200)
  title?: string;

  @OptionalText('备注', 5000)
  notes?: string | null;

  @ApiPropertyOptional(formDoc)
  @IsOmittable()
  @IsIn(MEETING_KINDS, { message: '协商形式不正确' })
  form?: MeetingKind;

  @ApiPropertyOptional({ type: OrganizerDto })
  @IsOmittable()
  @IsObject({ message: '请选择组织方' })
  @ValidateNested()
  @Type(() => OrganizerDto)
  organizer?: OrganizerDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 4 })
  @IsOmittable()
  @IsInt({ message: '季度须为 1–4' })
  @Min(1, { message: '季度须为 1–4' })
  @Max(4, { message: '季度须为 1–4' })
  quarter?: number;

  @ApiPropertyOptional(levelDoc)
  @IsOmittable()
  @IsIn(TOPIC_LEVELS, { message: '层级须为市、区县、街道、社区或网格之一' })
  level?: TopicLevel;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt({ message: '牵头单位编号须为整数' })
  @Min(1, { message: '牵头单位编号无效' })
  leadUnitId?: number | null;
}

export class PlanQuery extends PagingQuery {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @Year()
  year?: number;
}
