import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `?page=&pageSize=` (max 100), as every list takes them. */
export class PagingQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '页码须为整数' })
  @Min(1, { message: '页码最小为 1' })
  page = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '每页条数须为整数' })
  @Min(1, { message: '每页条数最小为 1' })
  @Max(100, { message: '每页条数最多 100' })
  pageSize = 20;
}

/** Paging plus `q`, the name search of the directory lists. */
export class PageQuery extends PagingQuery {
  @ApiPropertyOptional({ description: '按名称搜索' })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: '搜索词最多 100 个字' })
  q?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageOf<T>(items: T[], total: number, query: PageQuery): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/**
 * A LIKE pattern that matches `text` anywhere, its `%` and `_` taken literally.
 * Use with `LIKE :q ESCAPE '!'`: `!` means the same on MySQL and SQLite, a backslash does not.
 */
export function likeContains(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

export const LIKE_ESCAPE = "ESCAPE '!'";
