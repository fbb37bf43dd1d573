import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { IdRule, IsOmittable, OptionalText, PatchText, RequiredText } from '../../common/dto-fields';
import { PagingQuery } from '../../common/pagination';
import { TimeWithOffset } from '../../common/validation';
import { VersionDto } from '../../common/version.dto';
import { NoticeRequestDto } from '../../notifications/notice-request.dto';
import { CreateProposalDto } from '../../proposals/dto/file-proposal.dto';
import { CreateTopicDto } from '../../topics/dto/topic.dto';
import { VISIT_STATUSES, VisitStatus } from '../visit-workflow';
import { VISIT_KINDS, VISIT_ORGANIZER_TYPES, VisitKind, VisitOrganizerType } from '../visit.entities';

export { VersionDto };

const timeDoc = (description: string) => ({
  type: String,
  format: 'date-time',
  example: '2026-06-18T08:30:00+08:00',
  description,
});
const IdList = (label: string, max = 200) =>
  applyDecorators(
    IsArray({ message: `${label}须为编号列表` }),
    ArrayMaxSize(max, { message: `${label}一次最多 ${max} 位` }),
    ArrayUnique({ message: `${label}不能重复` }),
    IsInt({ each: true, message: `${label}编号须为整数` }),
    Min(1, { each: true, message: `${label}编号无效` }),
  );
const AllowConflicts = () =>
  applyDecorators(
    ApiPropertyOptional({ description: '明知有日程冲突仍然安排（否则返回 409 并列出 details.conflicts）' }),
    IsOptional(),
    IsBoolean({ message: 'allowConflicts 须为 true 或 false' }),
  );

/** The committee or sector that organises the visit. */
export class VisitOrganizerDto {
  @ApiProperty({ enum: VISIT_ORGANIZER_TYPES, description: 'committee 专委会，sector 界别' })
  @IsIn(VISIT_ORGANIZER_TYPES, { message: '组织方类型须为专委会或界别' })
  type!: VisitOrganizerType;

  @ApiProperty({ description: '专委会或界别的编号' })
  @IdRule('组织方')
  id!: number;
}

/** One stop of the itinerary, in order. */
export class StopDto {
  @ApiProperty(timeDoc('到达时间，须在视察调研的时间范围内，且不早于上一站'))
  @TimeWithOffset('到达时间')
  at!: string;

  @RequiredText('地点或单位', 200, { example: '大武口区家政龙头企业' })
  place!: string;

  @OptionalText('联系人', 100, { example: '王经理 0952-2012345' })
  contact?: string | null;

  @OptionalText('考察内容', 2000)
  purpose?: string | null;
}

/** A person of a unit invited by name 受邀单位人员. */
export class InvitedUnitPersonDto {
  @ApiProperty({ description: '单位编号' })
  @IdRule('单位')
  unitId!: number;

  @RequiredText('受邀人员姓名', 50)
  name!: string;
}

const StopsRule = () =>
  applyDecorators(
    IsArray({ message: '行程须为站点列表' }),
    ArrayMaxSize(50, { message: '行程最多 50 站' }),
    ValidateNested({ each: true }),
    Type(() => StopDto),
  );

/** Who is invited: members 委员, staff accounts 工作人员 and people of units 受邀单位人员. */
export class InviteesDto extends VersionDto {
  @ApiPropertyOptional({ type: Number, isArray: true, description: '受邀委员编号' })
  @IsOptional()
  @IdList('受邀委员')
  participantMemberIds?: number[];

  @ApiPropertyOptional({ type: Number, isArray: true, description: '随行工作人员的账号编号' })
  @IsOptional()
  @IdList('工作人员')
  participantUserIds?: number[];

  @ApiPropertyOptional({ type: [InvitedUnitPersonDto], description: '受邀单位人员' })
  @IsOptional()
  @IsArray({ message: '受邀单位人员须为列表' })
  @ArrayMaxSize(100, { message: '受邀单位人员一次最多 100 位' })
  @ValidateNested({ each: true })
  @Type(() => InvitedUnitPersonDto)
  invitedUnitPeople?: InvitedUnitPersonDto[];

  @AllowConflicts()
  allowConflicts?: boolean;
}

/** 安排视察调研 (API.md "Field visits"). */
export class CreateVisitDto extends InviteesDto {
  @ApiProperty({ enum: VISIT_KINDS, description: 'inspection 视察，research 调研，call 走访，observation 观摩' })
  @IsIn(VISIT_KINDS, { message: '活动形式须为视察、调研、走访或观摩' })
  kind!: VisitKind;

  @RequiredText('活动名称', 200, { example: '家政服务业发展情况专题调研' })
  title!: string;

  @RequiredText('活动目的', 5000)
  purpose!: string;

  @ApiProperty({ type: VisitOrganizerDto })
  @IsObject({ message: '请选择组织方' })
  @ValidateNested()
  @Type(() => VisitOrganizerDto)
  organizer!: VisitOrganizerDto;

  @ApiProperty(timeDoc('开始时间'))
  @TimeWithOffset('开始时间')
  startsAt!: string;

  @ApiProperty(timeDoc('结束时间，须晚于开始时间'))
  @TimeWithOffset('结束时间')
  endsAt!: string;

  @ApiProperty({ type: [StopDto], description: '行程，按顺序' })
  @StopsRule()
  stops!: StopDto[];
}

/** 修改 a planned visit: what is sent replaces what was there (the itinerary as a whole). */
export class UpdateVisitDto extends VersionDto {
  @PatchText('活动名称', 200)
  title?: string;

  @PatchText('活动目的', 5000)
  purpose?: string;

  @ApiPropertyOptional(timeDoc('开始时间'))
  @IsOmittable()
  @TimeWithOffset('开始时间')
  startsAt?: string;

  @ApiPropertyOptional(timeDoc('结束时间'))
  @IsOmittable()
  @TimeWithOffset('结束时间')
  endsAt?: string;

  @ApiPropertyOptional({ type: [StopDto], description: '新的完整行程' })
  @IsOmittable()
  @StopsRule()
  stops?: StopDto[];

  @AllowConflicts()
  allowConflicts?: boolean;
}

export class RsvpDto {
  @ApiProperty({ enum: ['accept', 'decline'], description: 'accept 参加，decline 请假' })
  @IsIn(['accept', 'decline'], { message: '请选择参加或请假' })
  answer!: 'accept' | 'decline';

  @OptionalText('请假理由', 500, { description: '请假时必填' })
  reason?: string | null;
}

/** 会议通知: a note to add and whether it is urgent. */
/** 会议通知 of a visit: the shared request (附言, 紧急, the visit's version). */
export class VisitNoticeDto extends NoticeRequestDto {}

export class FindingDto extends VersionDto {
  @RequiredText('发现的问题', 5000)
  problem!: string;

  @OptionalText('意见建议', 5000)
  suggestion?: string | null;

  @OptionalText('主题', 40, {
    description: '建议所属的主题（如 资金保障、管理机制）；协商要报的意见建议按主题归并',
    example: '资金保障',
  })
  theme?: string | null;

  @ApiPropertyOptional({ description: '在哪一站发现（行程站点编号）' })
  @IsOptional()
  @IdRule('站点')
  stopId?: number;
}

export class CancelVisitDto extends VersionDto {
  @OptionalText('取消原因', 1000)
  reason?: string | null;
}

/** Comma-separated ids in a query string: `1,2,3`. */
const IdsQuery = (label: string, max: number) =>
  applyDecorators(
    Transform(({ value }) =>
      typeof value === 'string'
        ? value
            .split(',')
            .filter((v) => v.trim() !== '')
            .map((v) => (/^\d{1,10}$/.test(v.trim()) ? Number(v) : NaN))
        : value,
    ),
    IdList(label, max),
  );

export class VisitQuery extends PagingQuery {
  @ApiPropertyOptional({ enum: VISIT_STATUSES })
  @IsOptional()
  @IsIn(VISIT_STATUSES, { message: '状态不正确' })
  status?: VisitStatus;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: '开始时间不早于' })
  @IsOptional()
  @TimeWithOffset('起始时间')
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: '开始时间早于' })
  @IsOptional()
  @TimeWithOffset('截止时间')
  to?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 忙闲: members over whole days (in the display zone), `from` to `to` inclusive, at most 62 days. */
export class FreeBusyQuery {
  @ApiProperty({ type: String, example: '12,15,18', description: '委员编号，逗号分隔，最多 100 位' })
  @IdsQuery('委员', 100)
  memberIds!: number[];

  @ApiProperty({ example: '2026-06-01', description: '起始日期（北京时间）' })
  @Matches(DATE, { message: '起始日期须为 YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-06-30', description: '截止日期（含当天）' })
  @Matches(DATE, { message: '截止日期须为 YYYY-MM-DD' })
  to!: string;
}

/** 冲突检查 while planning: who of these is busy between `startsAt` and `endsAt`. */
export class ConflictQuery {
  @ApiProperty({ type: String, example: '12,15', description: '委员编号，逗号分隔' })
  @IdsQuery('委员', 200)
  memberIds!: number[];

  @ApiPropertyOptional({ type: String, example: '3', description: '工作人员账号编号，逗号分隔' })
  @IsOptional()
  @IdsQuery('工作人员', 200)
  userIds?: number[];

  @ApiProperty(timeDoc('开始时间'))
  @TimeWithOffset('开始时间')
  startsAt!: string;

  @ApiProperty(timeDoc('结束时间'))
  @TimeWithOffset('结束时间')
  endsAt!: string;

  @ApiPropertyOptional({ description: '修改已有视察调研时，排除它自己' })
  @IsOptional()
  @Type(() => Number)
  @IdRule('视察调研')
  excludeVisitId?: number;
}

/** 据此提出协商议题 (staff): source 视察调研; the organiser defaults to the visit's. */
export class VisitTopicDto extends IntersectionType(
  PickType(CreateTopicDto, ['title', 'description', 'level'] as const),
  PartialType(PickType(CreateTopicDto, ['organizer'] as const)),
) {}

/** 据此起草提案 (an invited member): an individual draft; 情况分析 and 具体建议 default to the visit's purpose, findings and suggestions. */
export class VisitProposalDto extends IntersectionType(
  PickType(CreateProposalDto, ['sessionId', 'title', 'category'] as const),
  PartialType(PickType(CreateProposalDto, ['background', 'suggestions'] as const)),
) {}
