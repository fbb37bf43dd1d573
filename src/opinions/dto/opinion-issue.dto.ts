import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { OptionalText, RequiredText } from '../../common/dto-fields';
import { ReportView } from '../../reports/reports.dto';
import { CONTENT_HARD_MAX } from './opinion.dto';

export { OpinionIssueRefView, OpinionLinkView } from './opinion.dto';

const ItemIds = (min: number, what: string) =>
  applyDecorators(
    IsArray({ message: `${what}须为信息编号列表` }),
    ArrayMinSize(min, { message: min > 1 ? `${what}至少选择 ${min} 条信息` : `${what}至少选择 1 条信息` }),
    ArrayMaxSize(50, { message: `${what}最多 50 条信息` }),
    ArrayUnique({ message: `${what}不能重复选择同一条信息` }),
    IsInt({ each: true, message: '信息编号须为整数' }),
    Min(1, { each: true, message: '信息编号无效' }),
  );

/** 合并为综合信息: two or more accepted items, the 综合 item's title and text written by staff. */
export class MergeOpinionsDto {
  @ApiProperty({ type: Number, isArray: true, description: '要合并的信息（均须为“采用编报”），按署名顺序，至少两条' })
  @ItemIds(2, '合并的信息')
  ids!: number[];

  @RequiredText('标题', 200, { example: '关于老旧小区电动自行车充电难问题的综合反映' })
  title!: string;

  @RequiredText('正文', CONTENT_HARD_MAX)
  content!: string;
}

export const ISSUE_FORMS = ['special', 'combined'] as const;
/** 专报 (one item) or 综合 (several). */
export type IssueForm = (typeof ISSUE_FORMS)[number];
export const ISSUE_FORM_LABELS: Record<IssueForm, string> = { special: '专报', combined: '综合' };

/** 编入一期《社情民意》: accepted items, in printed order; 专报 takes one, 综合 several. */
export class CompileIssueDto {
  @ApiProperty({ type: Number, isArray: true, description: '编入的信息（均须为“采用编报”），按刊登顺序' })
  @ItemIds(1, '编入的信息')
  opinionIds!: number[];

  @ApiPropertyOptional({
    enum: ISSUE_FORMS,
    description: 'special 专报（一条信息）；combined 综合（多条）；缺省按条数',
  })
  @IsOptional()
  @IsIn(ISSUE_FORMS, { message: '刊物类型须为专报或综合' })
  form?: IssueForm;

  @OptionalText('标题', 200, { description: '综合一期的总标题；缺省为第一条信息的标题加“等 N 条社情民意”' })
  title?: string | null;
}

export class OpinionIssueItemView {
  @ApiProperty() id!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ description: '署名，按顺序以顿号分隔' }) contributorNames!: string;
}

/** An issue of 《社情民意》: the report (stage, 第N期 once signed, deliveries) and its items in printed order. */
export class OpinionIssueView {
  @ApiProperty({ type: ReportView }) report!: ReportView;
  @ApiProperty({ enum: ISSUE_FORMS }) form!: IssueForm;
  @ApiProperty({ description: '专报或综合' }) formLabel!: string;
  @ApiProperty({ type: [OpinionIssueItemView] }) items!: OpinionIssueItemView[];
}
