import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { SelectQueryBuilder } from 'typeorm';
import type { YearRange } from '../common/time-zone';
import { CouncilSession } from './directory.entities';

/** `?year=2026`: a whole number from 1949 to 9999. */
export const YearQuery = () =>
  applyDecorators(
    IsOptional(),
    Type(() => Number),
    IsInt({ message: '年度须为整数，如 2026' }),
    Min(1949, { message: '年度须在 1949 到 9999 之间' }),
    Max(9999, { message: '年度须在 1949 到 9999 之间' }),
  );

/**
 * A proposal's year is its session's: the year of the session's 大会提案截止 (`closesAt`, during the plenary)
 * on the display clock, so 平时提案 filed in December for next year's plenary count to that year.
 * Adds `<column> IN (the ids of that year's sessions)` to `qb`.
 */
export function whereSessionInYear<T extends object>(
  qb: SelectQueryBuilder<T>,
  column: string,
  range: YearRange,
  param = 'sessionYear',
): SelectQueryBuilder<T> {
  const ids = qb
    .subQuery()
    .select(`${param}s.id`)
    .from(CouncilSession, `${param}s`)
    .where(`${param}s.closesAt >= :${param}From AND ${param}s.closesAt < :${param}To`)
    .getQuery();
  return qb.andWhere(`${column} IN ${ids}`, { [`${param}From`]: range.from, [`${param}To`]: range.to });
}
