import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PagingQuery } from '../common/pagination';
import { SECURITY_EVENT_TYPES, SecurityEventType } from '../common/security-event';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `GET /api/v1/security-events`: newest first, filtered by type, user name, address and whole days (display zone). */
export class SecurityEventQuery extends PagingQuery {
  @ApiPropertyOptional({ enum: SECURITY_EVENT_TYPES })
  @IsOptional()
  @IsIn(SECURITY_EVENT_TYPES, { message: '事件类型不正确' })
  type?: SecurityEventType;

  @ApiPropertyOptional({ description: '用户名（所用或尝试的，完全一致）' })
  @IsOptional()
  @IsString({ message: '用户名须为文字' })
  @MaxLength(100, { message: '用户名最多 100 个字符' })
  username?: string;

  @ApiPropertyOptional({ description: '来源地址（完全一致）', example: '192.0.2.10' })
  @IsOptional()
  @IsString({ message: '来源地址须为文字' })
  @MaxLength(64, { message: '来源地址最多 64 个字符' })
  ip?: string;

  @ApiPropertyOptional({ example: '2026-06-01', description: '起始日期（含当天，北京时间）' })
  @IsOptional()
  @Matches(DATE, { message: '起始日期须为 YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: '截止日期（含当天，北京时间）' })
  @IsOptional()
  @Matches(DATE, { message: '截止日期须为 YYYY-MM-DD' })
  to?: string;
}

export interface SecurityEventView {
  id: number;
  occurredAt: string;
  type: string;
  typeLabel: string;
  userId: number | null;
  username: string | null;
  ip: string;
  userAgent: string | null;
  detail: Record<string, unknown> | null;
  requestId: string | null;
}
