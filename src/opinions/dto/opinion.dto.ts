import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
import { IsOmittable, OptionalText, PatchText, RequiredText } from '../../common/dto-fields';
import { PageQuery } from '../../common/pagination';
import { BooleanQuery } from '../../common/validation';
import { VersionDto } from '../../common/version.dto';
import { OPINION_STATUSES, OpinionStatus, REVIEW_DECISIONS, ReviewDecision } from '../opinion-workflow';
import { FILING_KINDS, SUBMITTER_KINDS, SubmitterKind } from '../opinion.entities';

export { VersionDto };

const CODE = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
/** The DTO's ceiling; the configured `maxContentLength` (default 1,500) is checked by the service. */
export const CONTENT_HARD_MAX = 20000;

const CategoryRules = () =>
  applyDecorators(
    IsString({ message: '请选择类别' }),
    Matches(CODE, { message: ({ value }) => (value === '' || value == null ? '请选择类别' : '类别代码不正确') }),
  );
const ContributorRules = () =>
  applyDecorators(
    IsArray({ message: '联名委员须为委员编号列表' }),
    ArrayMaxSize(30, { message: '联名委员最多 30 位' }),
    ArrayUnique({ message: '联名委员不能重复' }),
    IsInt({ each: true, message: '委员编号须为整数' }),
    Min(1, { each: true, message: '委员编号无效' }),
  );
const categoryDoc = { description: '类别代码，见 config/opinions.json 的 categories', example: 'livelihood' };

/** 社情民意信息: members (and 信息员) file their own; staff file a group's or an organisation's. */
export class CreateOpinionDto {
  @RequiredText('标题', 200, { example: '关于老旧小区电动自行车充电难的情况反映' })
  title!: string;

  @RequiredText('正文', CONTENT_HARD_MAX, { description: '一事一议；字数上限见 config/opinions.json（默认 1500 字）' })
  content!: string;

  @ApiProperty(categoryDoc)
  @CategoryRules()
  category!: string;

  @ApiPropertyOptional({
    enum: FILING_KINDS,
    description:
      'member 委员（默认）；informant 信息员；group 界别或专委会、organisation 民主党派或工商联（由工作人员代录）',
  })
  @IsOptional()
  @IsIn(FILING_KINDS, { message: '报送方式须为委员、信息员、界别或专委会、民主党派或工商联之一' })
  submitterKind?: SubmitterKind;

  @ApiPropertyOptional({ type: Number, isArray: true, description: '联名报送的其他委员（委员编号），按署名顺序' })
  @IsOptional()
  @ContributorRules()
  coContributorMemberIds?: number[];

  @OptionalText('报送单位名称', 100, { description: '界别、专委会或民主党派、工商联的名称（工作人员代录时必填）' })
  groupName?: string | null;

  @ApiPropertyOptional({ description: '界别（界别报送时）' })
  @IsOptional()
  @IsInt({ message: '界别编号须为整数' })
  @Min(1, { message: '界别编号无效' })
  sectorId?: number;

  @ApiPropertyOptional({ description: '专委会（专委会报送时）' })
  @IsOptional()
  @IsInt({ message: '专委会编号须为整数' })
  @Min(1, { message: '专委会编号无效' })
  committeeId?: number;
}

/** Changes: the submitter's to a draft or a returned item; staff's to a submitted one (the original is kept). */
export class UpdateOpinionDto extends VersionDto {
  @PatchText('标题', 200)
  title?: string;

  @PatchText('正文', CONTENT_HARD_MAX)
  content?: string;

  @ApiPropertyOptional(categoryDoc)
  @IsOmittable()
  @CategoryRules()
  category?: string;

  @ApiPropertyOptional({ type: Number, isArray: true, description: '联名委员（替换原名单；仅报送人修改时）' })
  @IsOmittable()
  @ContributorRules()
  coContributorMemberIds?: number[];
}

/** 审核: 采用编报, 存档 (reason required, the submitter sees it) or 退回修改 (note required). */
export class ReviewOpinionDto extends VersionDto {
  @ApiProperty({ enum: REVIEW_DECISIONS, description: 'accept 采用编报，archive 存档，return 退回修改' })
  @IsIn(REVIEW_DECISIONS, { message: '审核结果须为采用编报、存档或退回修改之一' })
  decision!: ReviewDecision;

  @OptionalText('审核意见', 2000, { description: '存档理由或退回修改意见（必填）；采用编报时可填说明' })
  reason?: string | null;
}

export class OpinionQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OPINION_STATUSES })
  @IsOptional()
  @IsIn(OPINION_STATUSES, { message: '状态不正确' })
  status?: OpinionStatus;

  @ApiPropertyOptional({ description: '只看本人报送或联名的（委员），或本人代录的（工作人员）' })
  @BooleanQuery()
  mine?: boolean;

  @ApiPropertyOptional(categoryDoc)
  @IsOptional()
  @CategoryRules()
  category?: string;
}

export class OpinionContributorView {
  @ApiProperty({ description: '署名顺序，从 1 起' })
  position!: number;

  @ApiPropertyOptional({ type: Number, nullable: true })
  memberId!: number | null;

  @ApiProperty({ description: '委员姓名或组织名称' })
  name!: string;

  @ApiPropertyOptional({ type: Number, nullable: true, description: '综合信息中该署名来自的原信息' })
  sourceOpinionId!: number | null;
}

export class OpinionLinkView {
  @ApiProperty() id!: number;
  @ApiProperty() title!: string;
}

/** The issue of 《社情民意》 an item is in: a report of the documents' loop. */
export class OpinionIssueRefView {
  @ApiProperty({ description: '刊物（报告）编号' }) reportId!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: '第N期（签发后）' }) issueNo!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: '期号所属年份（签发后）' }) year!: number | null;
  @ApiProperty({ description: '文稿阶段：draft、submitted、signed' }) stage!: string;
  @ApiProperty({ description: '如“《社情民意》2026年第3期”或“《社情民意》（待签发）”' }) label!: string;
}

export class OpinionSummaryView {
  @ApiProperty() id!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: OPINION_STATUSES }) status!: OpinionStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty() category!: string;
  @ApiProperty() categoryLabel!: string;
  @ApiProperty({ enum: SUBMITTER_KINDS }) submitterKind!: SubmitterKind;
  @ApiProperty() submitterKindLabel!: string;
  @ApiProperty({ description: '署名，按顺序以顿号分隔' }) contributorNames!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) submittedAt!: Date | null;
  @ApiProperty() version!: number;
}

export class OpinionView extends OpinionSummaryView {
  @ApiProperty() content!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) groupName!: string | null;
  @ApiProperty({ type: [OpinionContributorView] }) contributors!: OpinionContributorView[];
  @ApiProperty() filedByUserId!: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: '退回修改意见或存档理由（报送人可见）' })
  reviewNote!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) reviewedAt!: Date | null;
  @ApiProperty({ description: '工作人员编辑过正文或标题' }) edited!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: '编辑前的标题（未编辑时为空）' })
  originalTitle!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '编辑前的正文（未编辑时为空）' })
  originalContent!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) editedAt!: Date | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: '由提案转来时的提案编号' })
  proposalId!: number | null;
  @ApiProperty({ type: [OpinionLinkView], description: '综合信息：合并进来的原信息' })
  mergedFrom!: OpinionLinkView[];
  @ApiPropertyOptional({ type: OpinionLinkView, nullable: true, description: '已合并：合并后的综合信息' })
  mergedInto!: OpinionLinkView | null;
  @ApiPropertyOptional({ type: OpinionIssueRefView, nullable: true, description: '已编入的《社情民意》一期' })
  issue!: OpinionIssueRefView | null;
  @ApiProperty({
    type: String,
    isArray: true,
    description: '当前用户可执行的操作：edit、submit、accept、archive、return',
  })
  actions!: string[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class SimilarOpinionView {
  @ApiProperty() id!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ description: '相似度 0–1' }) score!: number;
  @ApiProperty() status!: string;
  @ApiProperty() statusLabel!: string;
}

export class SimilarItemsView {
  @ApiProperty({ type: [SimilarOpinionView], description: '相似的社情民意信息（不含草稿）' })
  opinions!: SimilarOpinionView[];
  @ApiProperty({ type: [SimilarOpinionView], description: '相似的提案（不含草稿），同一二元词索引' })
  proposals!: SimilarOpinionView[];
}
