import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsOmittable, PatchText, RequiredText } from '../common/dto-fields';
import { DirectoryPatch, DirectoryView } from './directory.dto';

export { DirectoryQuery } from './directory.dto';

const SortOrderRules = () =>
  applyDecorators(
    IsInt({ message: '排序须为整数' }),
    Min(0, { message: '排序不能为负数' }),
    Max(100000, { message: '排序过大' }),
  );

/** 界别 and 专委会 share one shape: a unique name and a display order. */
export class CreateNamedDto {
  @RequiredText('名称', 50, { example: '教育界' })
  name!: string;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 100000 })
  @IsOptional()
  @SortOrderRules()
  sortOrder?: number;
}

export class UpdateNamedDto extends DirectoryPatch {
  @PatchText('名称', 50)
  name?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100000 })
  @IsOmittable()
  @SortOrderRules()
  sortOrder?: number;
}

export class NamedView extends DirectoryView {
  @ApiProperty({ example: '教育界' })
  name!: string;

  @ApiProperty({ description: '显示顺序，小的在前' })
  sortOrder!: number;
}
