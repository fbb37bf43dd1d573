import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { OptionalText, RefView, RequiredText } from '../../common/dto-fields';
import { PagingQuery } from '../../common/pagination';
import { RateView } from '../../common/rate';
import { idQuery } from '../../common/validation';
import { VersionDto } from '../../common/version.dto';
import { YearQuery } from '../../directory/session-year';
import {
  COMMITMENT_ACTIONS,
  COMMITMENT_STATES,
  COMMITMENT_STATUSES,
  CommitmentAction,
  CommitmentState,
  CommitmentStatus,
} from '../commitment-rules';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One 承诺事项 sent with a B/C reply. */
export class CommitmentInputDto {
  @RequiredText('承诺事项', 1000, { example: '2027年6月底前完成老旧小区加装电梯审批流程简化' })
  text!: string;

  @ApiProperty({ example: '2027-06-30', description: '完成期限（日期），不能早于今天' })
  @IsString({ message: '请填写承诺事项的完成期限' })
  @Matches(DAY, { message: '承诺事项的完成期限须为日期，如 2027-06-30' })
  dueDate!: string;
}

/** 落实情况: what the replying unit did. */
export class ReportCommitmentDto extends VersionDto {
  @RequiredText('落实情况', 5000)
  text!: string;

  @ApiPropertyOptional({ example: '2027-06-20', description: '完成日期，默认今天；不能晚于今天' })
  @IsOptional()
  @IsString({ message: '完成日期须为日期，如 2027-06-20' })
  @Matches(DAY, { message: '完成日期须为日期，如 2027-06-20' })
  doneDate?: string;
}

/** The proposer's verdict: was the promise kept? */
export class CommitmentVerdictDto extends VersionDto {
  @ApiProperty({ description: '承诺是否兑现' })
  @IsBoolean({ message: '请选择承诺是否兑现' })
  kept!: boolean;

  @OptionalText('意见', 2000, { description: '未兑现时必填' })
  comment?: string | null;
}

/** The 回头看 list's filters. */
export class CommitmentQuery extends PagingQuery {
  @ApiPropertyOptional({ description: '年度：提案所属会次的年度（大会提案截止日期所在年）', example: 2026 })
  @YearQuery()
  year?: number;

  @ApiPropertyOptional({ description: '承办单位' })
  @idQuery('单位')
  unitId?: number;

  @ApiPropertyOptional({ description: '提案' })
  @idQuery('提案')
  proposalId?: number;

  @ApiPropertyOptional({ description: '答复分类，如 B、C' })
  @IsOptional()
  @IsString({ message: '答复分类代码不正确' })
  @MaxLength(10, { message: '答复分类代码不正确' })
  @Matches(/^[A-Za-z][A-Za-z0-9_]{0,9}$/, { message: '答复分类代码不正确' })
  replyClass?: string;

  @ApiPropertyOptional({
    enum: COMMITMENT_STATES,
    description: 'due 未到期待落实，overdue 已逾期未报告，reported 已报告待评判，kept 已兑现，not_kept 未兑现',
  })
  @IsOptional()
  @IsIn(COMMITMENT_STATES, { message: '状态须为 due、overdue、reported、kept 或 not_kept' })
  state?: CommitmentState;
}

/** The rates' filters. */
export class CommitmentRateQuery {
  @ApiPropertyOptional({ description: '年度：提案所属会次的年度', example: 2026 })
  @YearQuery()
  year?: number;

  @ApiPropertyOptional({ description: '答复分类，如 B、C' })
  @IsOptional()
  @IsString({ message: '答复分类代码不正确' })
  @Matches(/^[A-Za-z][A-Za-z0-9_]{0,9}$/, { message: '答复分类代码不正确' })
  replyClass?: string;
}

export class CommitmentProposalRef {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: String, nullable: true, example: '十二届二次会议 第0045号' })
  numberLabel!: string | null;
}

export class CommitmentReportView {
  @ApiProperty()
  text!: string;

  @ApiProperty({ example: '2027-06-20' })
  doneDate!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class CommitmentVerdictView {
  @ApiProperty()
  kept!: boolean;

  @ApiProperty({ type: String, nullable: true })
  comment!: string | null;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

/** 承诺事项 as the API shows it. */
export class CommitmentView {
  @ApiProperty()
  id!: number;

  @ApiProperty({ type: CommitmentProposalRef })
  proposal!: CommitmentProposalRef;

  @ApiProperty({ type: RefView })
  unit!: RefView;

  @ApiProperty({ example: 'B' })
  classification!: string;

  @ApiProperty({ example: '列入计划拟解决或正在解决' })
  classificationLabel!: string;

  @ApiProperty()
  position!: number;

  @ApiProperty()
  text!: string;

  @ApiProperty({ example: '2027-06-30' })
  dueDate!: string;

  @ApiProperty({ enum: COMMITMENT_STATUSES })
  status!: CommitmentStatus;

  @ApiProperty({ enum: COMMITMENT_STATES, description: '今天的状态：promised 分为 due（未到期）和 overdue（已逾期）' })
  state!: CommitmentState;

  @ApiProperty({ example: '待落实' })
  stateLabel!: string;

  @ApiProperty({ type: CommitmentReportView, nullable: true })
  report!: CommitmentReportView | null;

  @ApiProperty({ type: CommitmentVerdictView, nullable: true })
  verdict!: CommitmentVerdictView | null;

  @ApiProperty({ type: Boolean, nullable: true, description: '按期兑现：已兑现且完成日期不晚于期限；未评判时为 null' })
  keptOnTime!: boolean | null;

  @ApiProperty({
    enum: COMMITMENT_ACTIONS,
    isArray: true,
    description: '读者现在可以做的：report 报告落实情况，verdict 评判',
  })
  actions!: CommitmentAction[];

  @ApiProperty()
  version!: number;
}

/** 按期兑现率 of one unit. */
export class CommitmentUnitRateView {
  @ApiProperty({ type: RefView })
  unit!: RefView;

  @ApiProperty({ description: '承诺事项数' })
  count!: number;

  @ApiProperty({ description: '可评估数：已到期或已报告、已评判的' })
  assessable!: number;

  @ApiProperty({ description: '已兑现数' })
  kept!: number;

  @ApiProperty({ description: '按期兑现数' })
  keptOnTime!: number;

  @ApiProperty({ type: RateView, description: '按期兑现率：按期兑现数/可评估数；无可评估的承诺时 rate 为 null' })
  onTimeRate!: RateView;
}

export class CommitmentRatesView {
  @ApiProperty({ type: CommitmentUnitRateView, isArray: true })
  units!: CommitmentUnitRateView[];

  @ApiProperty({ type: CommitmentUnitRateView, description: '合计（unit 为 {id: 0, name: "合计"}）' })
  total!: CommitmentUnitRateView;
}
