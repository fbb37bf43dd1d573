import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsOmittable, NoBidiControls, OptionalText, PatchText, RequiredText } from '../../common/dto-fields';
import { PageQuery } from '../../common/pagination';
import { BooleanQuery, idQuery } from '../../common/validation';
import { VersionDto } from '../../common/version.dto';
import { YearQuery } from '../../directory/session-year';
import { PROPOSAL_STATUSES, ProposalStatus } from '../proposal-workflow';
import { PROPOSAL_KINDS, ProposalKind } from '../proposal.entities';

const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value;
const CODE = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

export { VersionDto };

const SuggestionsRules = () =>
  applyDecorators(
    Transform(trimEach),
    IsArray({ message: '具体建议须为条目列表' }),
    ArrayMinSize(1, { message: '请至少填写一条具体建议' }),
    ArrayMaxSize(30, { message: '具体建议最多 30 条' }),
    IsString({ each: true, message: '每条建议须为文字' }),
    MinLength(1, { each: true, message: '建议条目不能为空' }),
    MaxLength(2000, { each: true, message: '每条建议最多 2000 个字' }),
    NoBidiControls('建议', true),
  );
const CategoryRules = () =>
  applyDecorators(
    IsString({ message: '请选择类别' }),
    // Left blank (a drop-down's empty choice) is a choice not made, not a malformed code.
    Matches(CODE, { message: ({ value }) => (value === '' || value == null ? '请选择类别' : '类别代码不正确') }),
  );
const CoSignerRules = () =>
  applyDecorators(
    IsArray({ message: '附议人须为委员编号列表' }),
    ArrayMaxSize(50, { message: '附议人最多 50 位' }),
    ArrayUnique({ message: '附议人不能重复' }),
    IsInt({ each: true, message: '委员编号须为整数' }),
    Min(1, { each: true, message: '委员编号无效' }),
  );
const BACKGROUND_MAX = 20000;
const categoryDoc = {
  description:
    'economy 经济建设，politics 政治建设，culture 文化建设，society 社会建设，ecology 生态文明建设，other 其他（可配置）',
  example: 'economy',
};

/** 提案: members file individual and joint ones; staff enter sector, committee and party ones on the group's behalf. */
export class CreateProposalDto {
  @ApiProperty({ description: '会次编号' })
  @IsInt({ message: '请选择会次' })
  @Min(1, { message: ({ value }) => (typeof value === 'number' ? '会次编号无效' : '请选择会次') })
  sessionId!: number;

  @ApiProperty({
    enum: PROPOSAL_KINDS,
    description: 'individual 个人，joint 联名，sector 界别，committee 专委会，party 党派团体',
  })
  @IsIn(PROPOSAL_KINDS, { message: '提案类型须为个人、联名、界别、专委会或党派团体之一' })
  kind!: ProposalKind;

  @RequiredText('案由', 200, { example: '关于推进老旧小区加装电梯的建议' })
  title!: string;

  @ApiProperty(categoryDoc)
  @CategoryRules()
  category!: string;

  @RequiredText('情况分析', BACKGROUND_MAX)
  background!: string;

  @ApiProperty({ type: String, isArray: true, description: '具体建议，按顺序编号' })
  @SuggestionsRules()
  suggestions!: string[];

  @ApiPropertyOptional({ type: Number, isArray: true, description: '联名提案的附议人（委员编号）；个人提案不填' })
  @IsOptional()
  @CoSignerRules()
  coSignerMemberIds?: number[];

  @ApiPropertyOptional({ description: '同意公开，默认否' })
  @IsOptional()
  @IsBoolean({ message: '同意公开须为布尔值' })
  agreeToPublish?: boolean;

  @ApiPropertyOptional({ description: '界别提案的界别；党派团体提案可填其所属界别' })
  @IsOptional()
  @IsInt({ message: '界别编号须为整数' })
  @Min(1, { message: '界别编号无效' })
  sectorId?: number;

  @ApiPropertyOptional({ description: '专委会提案的专委会' })
  @IsOptional()
  @IsInt({ message: '专委会编号须为整数' })
  @Min(1, { message: '专委会编号无效' })
  committeeId?: number;

  @OptionalText('提案单位名称', 100, { description: '党派团体提案必填（如 民革市委会）；界别、专委会提案默认为其名称' })
  groupName?: string | null;
}

/** Changes to a draft, by its lead. `coSignerMemberIds` replaces the invitations (a joint proposal with none left becomes individual). */
export class UpdateProposalDto extends VersionDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsInt({ message: '会次编号须为整数' })
  @Min(1, { message: '会次编号无效' })
  sessionId?: number;

  @PatchText('案由', 200)
  title?: string;

  @ApiPropertyOptional(categoryDoc)
  @IsOmittable()
  @CategoryRules()
  category?: string;

  @PatchText('情况分析', BACKGROUND_MAX)
  background?: string;

  @ApiPropertyOptional({ type: String, isArray: true })
  @IsOmittable()
  @SuggestionsRules()
  suggestions?: string[];

  @ApiPropertyOptional({ type: Number, isArray: true })
  @IsOmittable()
  @CoSignerRules()
  coSignerMemberIds?: number[];

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean({ message: '同意公开须为布尔值' })
  agreeToPublish?: boolean;
}

export { idQuery };

/** The list's filters; what is listed depends on the caller's role (see ProposalsQuery). */
export class ProposalQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES, { message: '状态不正确' })
  status?: ProposalStatus;

  @ApiPropertyOptional()
  @idQuery('会次')
  sessionId?: number;

  @ApiPropertyOptional({ description: '年度：大会提案截止日期在该年的会次的提案', example: 2026 })
  @YearQuery()
  year?: number;

  @ApiPropertyOptional(categoryDoc)
  @IsOptional()
  @CategoryRules()
  category?: string;

  @ApiPropertyOptional({ description: '领衔人所在界别，或界别提案的界别' })
  @idQuery('界别')
  sectorId?: number;

  @ApiPropertyOptional({ description: '承办单位（当前交办）' })
  @idQuery('单位')
  unitId?: number;

  @ApiPropertyOptional({ enum: PROPOSAL_KINDS })
  @IsOptional()
  @IsIn(PROPOSAL_KINDS, { message: '提案类型不正确' })
  kind?: ProposalKind;

  @ApiPropertyOptional({ description: '重点提案' })
  @BooleanQuery()
  key?: boolean;

  @ApiPropertyOptional({ description: '已超期' })
  @BooleanQuery()
  overdue?: boolean;

  @ApiPropertyOptional({ description: '优秀提案' })
  @BooleanQuery()
  excellent?: boolean;

  @ApiPropertyOptional({ description: '有待审批的延期申请' })
  @BooleanQuery()
  extensionPending?: boolean;
}
