import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, ValidateIf } from 'class-validator';

/** What every workflow step may carry: the `version` the caller read (stale → 409). */
export class VersionDto {
  @ApiPropertyOptional({ description: '读取时的版本号；不一致时返回 409' })
  @ValidateIf((_: object, value: unknown) => value !== undefined)
  @IsInt({ message: '版本号须为整数' })
  version?: number;
}
