import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'member' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  entityId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '操作人编号须为整数' })
  actorId?: number;

  @ApiPropertyOptional({ example: 'member.create' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  action?: string;

  @ApiPropertyOptional({ description: '起始时间（含）', example: '2026-11-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({}, { message: '起始时间须为 ISO 8601 格式' })
  since?: string;

  @ApiPropertyOptional({ description: '截止时间（不含）' })
  @IsOptional()
  @IsISO8601({}, { message: '截止时间须为 ISO 8601 格式' })
  until?: string;
}
