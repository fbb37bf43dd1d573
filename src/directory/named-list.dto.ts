import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '../common/pagination';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** 界别 and 专委会 share one shape: a unique name and a display order. */
export class CreateNamedDto {
  @ApiProperty({ example: '教育界', maxLength: 50 })
  @Transform(trim)
  @IsString({ message: '请填写名称' })
  @MinLength(1, { message: '请填写名称' })
  @MaxLength(50, { message: '名称最多 50 个字' })
  name!: string;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt({ message: '排序须为整数' })
  @Min(0, { message: '排序不能为负数' })
  @Max(100000, { message: '排序过大' })
  sortOrder?: number;
}

export class UpdateNamedDto {
  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '请填写名称' })
  @MinLength(1, { message: '请填写名称' })
  @MaxLength(50, { message: '名称最多 50 个字' })
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: '排序须为整数' })
  @Min(0, { message: '排序不能为负数' })
  @Max(100000, { message: '排序过大' })
  sortOrder?: number;

  @ApiPropertyOptional({ description: '停用后不再出现在可选列表中；记录不会被删除' })
  @IsOptional()
  @IsBoolean({ message: '停用标志须为布尔值' })
  disabled?: boolean;

  @ApiPropertyOptional({ description: '读取时的版本号；不一致时返回 409' })
  @IsOptional()
  @IsInt({ message: '版本号须为整数' })
  version?: number;
}

export class DirectoryQuery extends PageQuery {
  @ApiPropertyOptional({ description: '包含已停用的记录' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  includeDisabled?: boolean;
}
