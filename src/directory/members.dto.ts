import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { IsOmittable, OptionalPhone, OptionalText, PatchText, RefView, RequiredText } from '../common/dto-fields';
import { Gender, GENDERS } from './directory-labels';
import { DirectoryPatch, DirectoryQuery, DirectoryView } from './directory.dto';
import { MEMBER_STATUSES, MemberStatus } from './directory.entities';

const SectorIdRules = () => applyDecorators(IsInt({ message: '请选择界别' }), Min(1, { message: '界别编号无效' }));
const CommitteeIdsRules = () =>
  applyDecorators(
    IsArray({ message: '专委会须为编号列表' }),
    ArrayMaxSize(30, { message: '专委会最多 30 个' }),
    ArrayUnique({ message: '专委会不能重复' }),
    IsInt({ each: true, message: '专委会编号须为整数' }),
    Min(1, { each: true, message: '专委会编号无效' }),
  );
const GenderRules = () => applyDecorators(IsOptional(), IsIn(GENDERS, { message: '性别须为男（male）或女（female）' }));
const STATUS_MESSAGE = { message: '状态须为在任（active）或离任（left）' };

const sectorDoc = { description: '界别编号；须为未停用的界别' };
const committeesDoc = { type: Number, isArray: true, description: '所在专委会的编号；修改时整体替换' };
const genderDoc = { enum: GENDERS, nullable: true, description: 'male 男，female 女' };
const statusDoc = { enum: MEMBER_STATUSES, description: 'active 在任，left 离任' };

/** 委员 */
export class CreateMemberDto {
  @RequiredText('姓名', 50, { example: '张明' })
  name!: string;

  @ApiProperty(sectorDoc)
  @SectorIdRules()
  sectorId!: number;

  @ApiPropertyOptional(committeesDoc)
  @IsOptional()
  @CommitteeIdsRules()
  committeeIds?: number[];

  @ApiPropertyOptional(genderDoc)
  @GenderRules()
  gender?: Gender | null;

  @OptionalText('届别', 20, { example: '十二届' })
  term?: string | null;

  @OptionalPhone('联系电话')
  phone?: string | null;

  @OptionalText('工作单位及职务', 200, { example: '市第一中学校长' })
  employer?: string | null;
}

export class UpdateMemberDto extends DirectoryPatch {
  @PatchText('姓名', 50)
  name?: string;

  @ApiPropertyOptional(sectorDoc)
  @IsOmittable()
  @SectorIdRules()
  sectorId?: number;

  @ApiPropertyOptional(committeesDoc)
  @IsOmittable()
  @CommitteeIdsRules()
  committeeIds?: number[];

  @ApiPropertyOptional(genderDoc)
  @GenderRules()
  gender?: Gender | null;

  @OptionalText('届别', 20)
  term?: string | null;

  @OptionalPhone('联系电话')
  phone?: string | null;

  @OptionalText('工作单位及职务', 200)
  employer?: string | null;

  @ApiPropertyOptional(statusDoc)
  @IsOmittable()
  @IsIn(MEMBER_STATUSES, STATUS_MESSAGE)
  status?: MemberStatus;
}

/** `q` matches the name. */
export class MemberQuery extends DirectoryQuery {
  @ApiPropertyOptional({ description: '界别编号' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '界别编号须为整数' })
  @Min(1, { message: '界别编号无效' })
  sectorId?: number;

  @ApiPropertyOptional({ description: '专委会编号' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '专委会编号须为整数' })
  @Min(1, { message: '专委会编号无效' })
  committeeId?: number;

  @ApiPropertyOptional(statusDoc)
  @IsOptional()
  @IsIn(MEMBER_STATUSES, STATUS_MESSAGE)
  status?: MemberStatus;
}

export class MemberView extends DirectoryView {
  @ApiProperty({ example: '张明' })
  name!: string;

  @ApiProperty({ enum: GENDERS, nullable: true })
  gender!: Gender | null;

  @ApiProperty({ type: String, nullable: true, example: '男' })
  genderLabel!: string | null;

  @ApiProperty()
  sectorId!: number;

  @ApiProperty({ example: '教育界' })
  sectorName!: string;

  @ApiProperty({ type: [RefView] })
  committees!: RefView[];

  @ApiProperty({ type: String, nullable: true, example: '十二届' })
  term!: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      '联系电话：仅向系统管理员、机关工作人员和委员本人提供，其他账号（单位、议事点、领导、其他委员）的响应中没有此字段',
  })
  phone?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: '工作单位及职务：仅向系统管理员、机关工作人员和委员本人提供，其他账号的响应中没有此字段',
  })
  employer?: string | null;

  @ApiProperty({ enum: MEMBER_STATUSES })
  status!: MemberStatus;

  @ApiProperty({ example: '在任' })
  statusLabel!: string;
}
