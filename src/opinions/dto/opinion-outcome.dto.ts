import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { OptionalText, RequiredText } from '../../common/dto-fields';
import { nullableString } from '../../common/openapi';
import { YearQuery } from '../../directory/session-year';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const CODE = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** 登记采用: an upper body took up an item (staff, on an item 采用编报 or later). */
export class CreateAdoptionDto {
  @ApiProperty({ description: '采用单位层级代码，见 config/opinions.json 的 adoptionLevels', example: 'provincial' })
  @Matches(CODE, {
    message: ({ value }) => (value === '' || value == null ? '请选择采用单位层级' : '采用单位层级不正确'),
  })
  level!: string;

  @RequiredText('采用单位', 100, { example: '省政协办公厅' })
  bodyName!: string;

  @RequiredText('采用刊物及期号', 100, { example: '《政协信息》2026年第15期' })
  issueText!: string;

  @ApiProperty({ example: '2026-05-20', description: '采用日期' })
  @Matches(DAY, { message: '采用日期须为日期，如 2026-12-07' })
  adoptedOn!: string;

  @OptionalText('备注', 1000)
  note?: string | null;
}

export class AdoptionView {
  @ApiProperty() id!: number;
  @ApiProperty() opinionId!: number;
  @ApiProperty() level!: string;
  @ApiProperty({ example: '省政协' }) levelLabel!: string;
  @ApiProperty() bodyName!: string;
  @ApiProperty() issueText!: string;
  @ApiProperty({ example: '2026-05-20' }) adoptedOn!: string;
  @ApiPropertyOptional(nullableString) note!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class OpinionStatsQuery {
  @ApiPropertyOptional({ description: '年度（按报送日期）；不填为本年', example: 2026 })
  @YearQuery()
  year?: number;
}

export class AdoptionLevelView {
  @ApiProperty() code!: string;
  @ApiProperty() label!: string;
}

/** One line of the statistics: a member, a sector, a committee, a month, or the year's total. */
export class OpinionStatsRow {
  @ApiProperty({ description: '委员、界别、专委会编号或月份（1–12）；合计行为 0' }) key!: number;
  @ApiProperty({ example: '张伟' }) label!: string;
  @ApiProperty({ description: '报送条数（不含草稿）' }) submitted!: number;
  @ApiProperty({ description: '编报条数（采用编报及以后）' }) accepted!: number;
  @ApiProperty({ description: '被上级采用的条数（任一层级）' }) adopted!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: '各层级采用条数，键为层级代码',
    example: { national: 1, provincial: 2 },
  })
  adoptedByLevel!: Record<string, number>;
  @ApiProperty({ description: '编入《社情民意》（专报或综合）的条数' }) compiled!: number;
  @ApiProperty({ description: '所在一期《社情民意》获领导批示的条数（一条被多次批示计一条）' }) instructed!: number;
  @ApiProperty({ description: '这些信息所在、获领导批示的期数' }) instructedIssues!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: '编报率（%）= 编报 ÷ 报送；无报送时为 null' })
  acceptRate!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: '采用率（%）= 上级采用 ÷ 报送；无报送时为 null' })
  adoptionRate!: number | null;
}

/** 社情民意统计 of a year (by the day each item was submitted, on the display clock). */
export class OpinionStatsView {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ type: [AdoptionLevelView] }) levels!: AdoptionLevelView[];
  @ApiProperty({ type: OpinionStatsRow }) total!: OpinionStatsRow;
  @ApiProperty({ type: [OpinionStatsRow], description: '按委员（每位署名委员各计一次）' }) byMember!: OpinionStatsRow[];
  @ApiProperty({ type: [OpinionStatsRow] }) bySector!: OpinionStatsRow[];
  @ApiProperty({ type: [OpinionStatsRow], description: '专委会报送的，及署名委员所在专委会' })
  byCommittee!: OpinionStatsRow[];
  @ApiProperty({ type: [OpinionStatsRow], description: '1–12 月，每月一行' }) byMonth!: OpinionStatsRow[];
}
