import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional } from 'class-validator';
import { IsOmittable } from '../common/dto-fields';
import { PageQuery } from '../common/pagination';

/** What every directory PATCH may carry besides its own fields. */
export class DirectoryPatch {
  @ApiPropertyOptional({ description: '停用后不再出现在可选列表中；记录不会被删除' })
  @IsOmittable()
  @IsBoolean({ message: '停用标志须为布尔值' })
  disabled?: boolean;

  @ApiPropertyOptional({ description: '读取时的版本号；不一致时返回 409' })
  @IsOmittable()
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

/** What every directory view carries besides its own fields. */
export class DirectoryView {
  @ApiProperty()
  id!: number;

  @ApiProperty({ description: '已停用' })
  disabled!: boolean;

  @ApiProperty({ description: '版本号：修改时原样带回，过期则 409' })
  version!: number;
}
