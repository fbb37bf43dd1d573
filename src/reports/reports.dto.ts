import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Min,
  ValidateNested,
} from 'class-validator';
import { PagingQuery } from '../common/pagination';
import { PersonRef } from '../proposals/dto/proposal-parts.dto';
import { SUBJECT_TYPES, SubjectType } from './report-kind';
import { REPORT_STATUSES, ReportStatus } from './report.entities';
import { REPORT_STAGES, ReportStage } from './signoff/report-stages';

export class ReportSubjectDto {
  @ApiProperty({ enum: SUBJECT_TYPES })
  @IsIn(SUBJECT_TYPES, { message: '报告对象类型不正确' })
  type!: SubjectType;

  @ApiProperty({ type: 'integer' })
  @IsInt({ message: '报告对象编号须为整数' })
  @Min(1, { message: '报告对象编号无效' })
  id!: number;
}

/** `POST /reports`: what to print. Which kinds exist, and which subject each takes, is decided by the registered kinds. */
export class RequestReportDto {
  @ApiProperty({
    description:
      "briefing (subject topic or visit), visit-report (visit), proposal-sheet, reply-letter (proposal), proposal-annual (session), member-record (member), notice-sheet (a consultation point's topic); opinion-annual, commitment-review (no subject, params.year)",
  })
  @IsString({ message: '报告类型须为文字' })
  kind!: string;

  @ApiPropertyOptional({ type: ReportSubjectDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportSubjectDto)
  subject?: ReportSubjectDto;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject({ message: '报告参数须为对象' })
  params?: Record<string, unknown>;
}

export class DeliverReportDto {
  @ApiProperty({ type: [Number], description: '送达的领导账号' })
  @IsArray({ message: '请选择送达的领导' })
  @ArrayMinSize(1, { message: '请至少选择一位领导' })
  @ArrayMaxSize(200, { message: '一次最多送达 200 人' })
  @ArrayUnique({ message: '送达人重复' })
  @IsInt({ each: true, message: '账号编号须为整数' })
  @Min(1, { each: true, message: '账号编号无效' })
  leaderUserIds!: number[];
}

export class ReportListQuery extends PagingQuery {
  @ApiPropertyOptional({ enum: REPORT_STATUSES })
  @IsOptional()
  @IsIn(REPORT_STATUSES, { message: '状态不正确' })
  status?: ReportStatus;

  @ApiPropertyOptional({
    enum: REPORT_STAGES,
    description: '文稿阶段：draft 草稿、submitted 待签发、signed 已签发、final 不需签发',
  })
  @IsOptional()
  @IsIn(REPORT_STAGES, { message: '文稿阶段不正确' })
  stage?: ReportStage;
}

export class SignOffView {
  @ApiProperty({ description: '签发的稿次' }) revision!: number;
  @ApiProperty() at!: string;
  @ApiProperty({ type: PersonRef }) by!: PersonRef;
  @ApiProperty({ description: '印在文上的签发人' }) signer!: string;
}

export class DeliveryView {
  @ApiProperty({ type: PersonRef }) recipient!: PersonRef;
  @ApiProperty({ type: PersonRef }) deliveredBy!: PersonRef;
  @ApiProperty() deliveredAt!: string;
  @ApiProperty({ nullable: true, type: String }) readAt!: string | null;
}

export class ReportView {
  @ApiProperty() id!: number;
  @ApiProperty() kind!: string;
  @ApiProperty() kindLabel!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: Object }) subject!: { type: string; id: number } | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) params!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: Number }) issueNo!: number | null;
  @ApiProperty({ enum: REPORT_STAGES }) stage!: ReportStage;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ description: '最新稿次（0：尚未生成草稿）' }) revision!: number;
  @ApiProperty({ nullable: true, type: String, description: '退回修改的意见（草稿阶段）' }) returnNote!: string | null;
  @ApiProperty({ nullable: true, type: SignOffView }) signed!: SignOffView | null;
  @ApiProperty({ enum: REPORT_STATUSES }) status!: ReportStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ nullable: true, type: Number }) pages!: number | null;
  @ApiProperty({ nullable: true, type: Number }) bytes!: number | null;
  @ApiProperty({ nullable: true, type: String }) sha256!: string | null;
  @ApiProperty({ nullable: true, type: Number }) renderMs!: number | null;
  @ApiProperty({ type: PersonRef }) requestedBy!: PersonRef;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
  /** For staff and the requester: who it was delivered to and who has read it. */
  @ApiPropertyOptional({ type: [DeliveryView] }) deliveries?: DeliveryView[];
  /** For a recipient: when they opened the file. */
  @ApiPropertyOptional({ nullable: true, type: String }) readAt?: string | null;
}

export class InboxItemView {
  @ApiProperty({ type: ReportView }) report!: ReportView;
  @ApiProperty({ type: PersonRef }) deliveredBy!: PersonRef;
  @ApiProperty() deliveredAt!: string;
  @ApiProperty({ nullable: true, type: String }) readAt!: string | null;
}
