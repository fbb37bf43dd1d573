import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PersonRef } from '../../proposals/dto/proposal-parts.dto';
import { REPORT_STATUSES, ReportStatus } from '../report.entities';
import { TEXT_LIMITS } from './document-text';

export class DocumentSectionDto {
  @ApiProperty({ description: '段落在模板中的位置，如 background、findings.1（由草稿给出，不能改）' })
  @IsString({ message: '段落位置须为文字' })
  @MaxLength(40, { message: '段落位置无效' })
  key!: string;

  @ApiProperty({ description: '小标题（纯文本）' })
  @IsString({ message: '小标题须为文字' })
  heading!: string;

  @ApiProperty({ type: [String], description: '段落（纯文本，HTML 按原样印出）' })
  @IsArray({ message: '段落须为列表' })
  @ArrayMaxSize(TEXT_LIMITS.paragraphsPerSection * 2, { message: '段落太多' })
  @IsString({ each: true, message: '段落须为文字' })
  paragraphs!: string[];
}

/** `PUT /reports/:id/text`: the whole edited text; saved as the next revision. */
export class DocumentTextDto {
  @ApiProperty({ description: `标题，不超过 ${TEXT_LIMITS.title} 字` })
  @IsString({ message: '标题须为文字' })
  title!: string;

  @ApiPropertyOptional({ type: [String], description: '导语段落' })
  @IsOptional()
  @IsArray({ message: '导语须为段落列表' })
  @ArrayMaxSize(TEXT_LIMITS.leadParagraphs * 2, { message: '导语段落太多' })
  @IsString({ each: true, message: '导语段落须为文字' })
  lead?: string[];

  @ApiProperty({ type: [DocumentSectionDto] })
  @IsArray({ message: '正文须为段落列表' })
  @ArrayMaxSize(200, { message: '正文小节太多' })
  @ValidateNested({ each: true })
  @Type(() => DocumentSectionDto)
  sections!: DocumentSectionDto[];

  @ApiPropertyOptional({ description: '所修改的稿次：已有更新的稿次时为 409，不会覆盖他人的修改' })
  @IsOptional()
  @IsInt({ message: '稿次须为整数' })
  @Min(1, { message: '稿次无效' })
  baseRevision?: number;
}

export class ReturnReportDto {
  @ApiProperty({ description: '退回修改的意见，起草人可见' })
  @IsString({ message: '请填写退回意见' })
  @MinLength(1, { message: '请填写退回意见' })
  @MaxLength(1000, { message: '退回意见不能超过 1000 字' })
  note!: string;
}

export class RevisionView {
  @ApiProperty() revision!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: PersonRef, description: '修改人；第 1 稿由数据生成，为空' })
  editedBy!: PersonRef | null;
  @ApiProperty() at!: string;
  @ApiProperty({ enum: REPORT_STATUSES, description: '预览 PDF 的生成状态' }) status!: ReportStatus;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ nullable: true, type: Number }) pages!: number | null;
  @ApiProperty({ nullable: true, type: String }) sha256!: string | null;
}

export class DocumentTextView {
  @ApiProperty() reportId!: number;
  @ApiProperty({ description: '稿次' }) revision!: number;
  @ApiProperty({ type: DocumentTextDto }) text!: DocumentTextDto;
}

/** 提交签发 and 签发 take no fields: any sent is refused (400), as elsewhere. */
export class NoFieldsDto {}
