import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { OptionalPhone, OptionalText, RequiredText } from '../../common/dto-fields';
import { PageQuery } from '../../common/pagination';
import { TimeWithOffset } from '../../common/validation';
import { VersionDto } from '../../common/version.dto';
import { OrganizerDto } from '../../topics/dto/topic.dto';
import { MAX_CLAUSE_CHARS, MAX_CLAUSES } from '../draft-text';
import { DISPOSITIONS, Disposition, DRAFT_STATUSES, DraftStatus } from '../draft-workflow';

export { VersionDto };

/** Comments in one submission at most (a box per clause, and one on the whole). */
export const MAX_COMMENTS_PER_SUBMISSION = MAX_CLAUSES + 1;
export const MAX_COMMENT_CHARS = 2000;
const TEXT_MAX = MAX_CLAUSES * MAX_CLAUSE_CHARS;

/** One clause given as such: its label defaults to 第N条 by position. */
export class ClauseDto {
  @OptionalText('条款序号', 30, { example: '第一条' })
  label?: string | null;

  @OptionalText('所属章节', 100, { example: '第一章 总则' })
  chapter?: string | null;

  @RequiredText('条款内容', MAX_CLAUSE_CHARS)
  text!: string;
}

/** The text of an edition: either the whole text (split on 第X条 and numbered lines) or the clauses one by one. */
export class DraftTextDto extends VersionDto {
  @OptionalText('征求意见稿全文', TEXT_MAX, {
    description: '全文，按“第X条”或编号行（1. 1、（1））拆分为条款；与 clauses 二选一',
  })
  text?: string | null;

  @ApiPropertyOptional({ type: [ClauseDto], description: '逐条给出的条款；与 text 二选一' })
  @IsOptional()
  @IsArray({ message: '条款须为列表' })
  @ArrayMaxSize(MAX_CLAUSES, { message: `征求意见稿最多 ${MAX_CLAUSES} 条` })
  @ValidateNested({ each: true })
  @Type(() => ClauseDto)
  clauses?: ClauseDto[];
}

const MemberIds = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: [Number],
      description: '另行邀请提出意见的委员（议题协商会的委员和单位本已在征求范围内）',
    }),
    IsOptional(),
    IsArray({ message: '邀请的委员须为编号列表' }),
    ArrayMaxSize(500, { message: '一次最多邀请 500 位委员' }),
    ArrayUnique({ message: '邀请的委员有重复' }),
    IsInt({ each: true, message: '委员编号须为整数' }),
    Min(1, { each: true, message: '委员编号无效' }),
  );

/** A new draft for comment (拟稿中): by staff for any organiser, by a facilitator for their own point. */
export class CreateDraftDto extends DraftTextDto {
  @RequiredText('征求意见稿名称', 200, { example: '金塔社区居民公约（修订征求意见稿）' })
  title!: string;

  @OptionalText('起草说明', 5000)
  description?: string | null;

  @ApiPropertyOptional({ description: '所属协商议题；给出时组织方取议题的组织方' })
  @IsOptional()
  @IsInt({ message: '议题编号须为整数' })
  @Min(1, { message: '议题编号无效' })
  topicId?: number;

  @ApiPropertyOptional({ type: OrganizerDto, description: '组织方；未关联议题时必填' })
  @IsOptional()
  @IsObject({ message: '请选择组织方' })
  @ValidateNested()
  @Type(() => OrganizerDto)
  organizer?: OrganizerDto;

  @ApiPropertyOptional({ description: '向公众公开征求意见（公众填写姓名即可提出意见）' })
  @IsOptional()
  @IsBoolean({ message: '是否向公众公开须为布尔值' })
  openToPublic?: boolean;

  @MemberIds()
  invitedMemberIds?: number[];
}

/** Changes while 拟稿中: any of the fields; new text replaces the clauses. */
export class UpdateDraftDto extends DraftTextDto {
  @OptionalText('征求意见稿名称', 200)
  title?: string | null;

  @OptionalText('起草说明', 5000)
  description?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: '是否向公众公开须为布尔值' })
  openToPublic?: boolean;

  @MemberIds()
  invitedMemberIds?: number[];
}

/** 发布征求意见: until when, and whether the public may comment. */
export class OpenDraftDto extends VersionDto {
  @ApiProperty({
    type: String,
    format: 'date-time',
    example: '2026-03-31T17:00:00+08:00',
    description: '征求意见截止时间',
  })
  @ValidateIf((_: object, v: unknown) => v !== undefined && v !== null && v !== '')
  @TimeWithOffset('截止时间')
  closesAt!: string;

  @ApiPropertyOptional({ description: '向公众公开征求意见；不填则保持原设置' })
  @IsOptional()
  @IsBoolean({ message: '是否向公众公开须为布尔值' })
  openToPublic?: boolean;
}

/** 修订稿: the revised text (whole or clause by clause) and what changed. */
export class ReviseDraftDto extends DraftTextDto {
  @OptionalText('修订说明', 5000)
  note?: string | null;
}

/** One comment: on a clause of the edition open for comment, or on the whole document (`clauseId` left out or null). */
export class CommentItemDto {
  @ApiPropertyOptional({ type: Number, nullable: true, description: '条款编号；不填为对全文的总体意见' })
  @IsOptional()
  @IsInt({ message: '条款编号须为整数' })
  @Min(1, { message: '条款编号无效' })
  clauseId?: number | null;

  @RequiredText('意见内容', MAX_COMMENT_CHARS)
  text!: string;
}

const Comments = () =>
  applyDecorators(
    ApiProperty({ type: [CommentItemDto] }),
    IsArray({ message: '意见须为列表' }),
    ArrayMinSize(1, { message: '请至少填写一条意见' }),
    ArrayMaxSize(MAX_COMMENTS_PER_SUBMISSION, { message: `一次最多提交 ${MAX_COMMENTS_PER_SUBMISSION} 条意见` }),
    ValidateNested({ each: true }),
    Type(() => CommentItemDto),
  );

/** Comments of a signed-in participant; the organiser typing in a paper 征求意见表 gives the person's name (and phone). */
export class CreateCommentsDto {
  @Comments()
  comments!: CommentItemDto[];

  @OptionalText('提出人姓名', 50, { description: '组织方代录征求意见表时填写提出人姓名' })
  authorName?: string | null;

  @OptionalPhone('联系电话')
  phone?: string | null;
}

/** Comments from the public page: a name is required, a phone optional (never shown publicly). */
export class PublicCommentsDto {
  @RequiredText('姓名', 50)
  name!: string;

  @OptionalPhone('联系电话')
  phone?: string | null;

  @Comments()
  comments!: CommentItemDto[];
}

/** 处理意见 on one comment. */
export class DisposeCommentDto {
  @ApiProperty({ enum: DISPOSITIONS, description: 'adopted 采纳，partly 部分采纳，not_adopted 不采纳' })
  @IsIn(DISPOSITIONS, { message: '处理意见须为采纳、部分采纳或不采纳' })
  disposition!: Disposition;

  @OptionalText('理由', 2000, { description: '部分采纳、不采纳须说明理由' })
  reason?: string | null;
}

export class DraftQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DRAFT_STATUSES })
  @IsOptional()
  @IsIn(DRAFT_STATUSES, { message: '状态不正确' })
  status?: DraftStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '议题编号须为整数' })
  @Min(1, { message: '议题编号无效' })
  topicId?: number;
}

export class DraftRevisionQuery {
  @ApiPropertyOptional({ description: '查看第几稿；不填为现行文本' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '稿次须为整数' })
  @Min(1, { message: '稿次最小为 1' })
  revision?: number;
}
