import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { IdRule, OptionalText } from '../../common/dto-fields';
import { nullableString } from '../../common/openapi';
import { VersionDto } from '../../common/version.dto';
import { YearQuery } from '../../directory/session-year';
import { MONTH_STATES, MonthState } from '../informant-quota';

const QuotaRules = () =>
  applyDecorators(
    IsInt({ message: '每月定额须为整数（条）' }),
    Min(1, { message: '每月定额须在 1 到 30 条之间' }),
    Max(30, { message: '每月定额须在 1 到 30 条之间' }),
  );

/** 聘任信息员: a member for a year (this year unless given), with a monthly quota (the configured default unless given). */
export class AppointInformantDto {
  @ApiProperty({ description: '委员编号' })
  @IdRule('委员')
  memberId!: number;

  @ApiPropertyOptional({ description: '聘任年度：本年度或下一年度；不填为本年度', example: 2026 })
  @YearQuery()
  year?: number;

  @ApiPropertyOptional({ description: '每月定额（条），1–30；不填用 config/opinions.json 的 informantMonthlyQuota' })
  @IsOptional()
  @QuotaRules()
  monthlyQuota?: number;

  @OptionalText('备注', 200, { description: '联系点、所在单位等' })
  note?: string | null;
}

/** 调整: the quota or the note; 解聘 with `end: true` (final for that year). */
export class UpdateInformantDto extends VersionDto {
  @ApiPropertyOptional({ description: '每月定额（条），1–30' })
  @ValidateIf((_: object, v: unknown) => v !== undefined)
  @QuotaRules()
  monthlyQuota?: number;

  @OptionalText('备注', 200, { description: '联系点、所在单位等；空为清除' })
  note?: string | null;

  @ApiPropertyOptional({ description: 'true：解聘（本年度不再计定额，不能撤销）', enum: [true] })
  @ValidateIf((_: object, v: unknown) => v !== undefined)
  @Equals(true, { message: '解聘须为 true' })
  end?: true;
}

export class InformantQuery {
  @ApiPropertyOptional({ description: '年度；不填为本年', example: 2026 })
  @YearQuery()
  year?: number;
}

export class InformantMonthView {
  @ApiProperty({ description: '1–12' }) month!: number;
  @ApiProperty({ description: '该月报送条数（领衔或联名，不含草稿和综合信息）' }) submitted!: number;
  @ApiProperty({ description: '其中采用编报（及以后）的条数' }) accepted!: number;
  @ApiProperty({ description: '该月定额；未聘任的月份为 0' }) quota!: number;
  @ApiProperty({ enum: MONTH_STATES, description: 'met 已完成、short 未完成、due 进行中、upcoming 未到、off 未聘任' })
  state!: MonthState;
  @ApiProperty({ example: '已完成' }) stateLabel!: string;
}

export class InformantThisMonthView {
  @ApiProperty() month!: number;
  @ApiProperty() submitted!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() quota!: number;
  @ApiProperty({ description: '本月还差几条' }) remaining!: number;
}

/** One appointment with its year's progress as of now. */
export class InformantView {
  @ApiProperty() id!: number;
  @ApiProperty() memberId!: number;
  @ApiProperty({ example: '张文华' }) memberName!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: '界别' }) sectorName!: string | null;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ description: '每月定额（条）' }) monthlyQuota!: number;
  @ApiPropertyOptional(nullableString) note!: string | null;
  @ApiProperty({ description: '在聘（未解聘）' }) active!: boolean;
  @ApiProperty({ type: String, format: 'date-time', description: '聘任（录入）时间' }) appointedAt!: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: '解聘时间' })
  endedAt!: Date | null;
  @ApiPropertyOptional({ type: InformantThisMonthView, nullable: true, description: '本月（本年度在聘月份）' })
  thisMonth!: InformantThisMonthView | null;
  @ApiProperty({ description: '全年报送条数' }) yearSubmitted!: number;
  @ApiProperty({ description: '全年采用编报条数' }) yearAccepted!: number;
  @ApiProperty({ description: '至今应报：每月定额 × 已过去的在聘月份' }) dueSoFar!: number;
  @ApiProperty({ description: '至今已报：在聘月份（含本月）报送条数' }) doneSoFar!: number;
  @ApiProperty({ description: '落后：至今已报少于至今应报' }) behind!: boolean;
  @ApiProperty({ type: [InformantMonthView] }) months!: InformantMonthView[];
  @ApiProperty() version!: number;
}

export class InformantRosterView {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: '本月（所查年度为本年时）' })
  currentMonth!: number | null;
  @ApiProperty({ description: '新聘任的默认每月定额' }) defaultMonthlyQuota!: number;
  @ApiProperty({ type: [InformantView], description: '按姓名；落后的在前' }) items!: InformantView[];
}
