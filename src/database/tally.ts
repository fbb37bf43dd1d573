import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { rawTime } from './columns';

/** How many rows wait, and the earliest of a time column among them (null: none, or no column asked for). */
export interface Tally {
  count: number;
  oldest: Date | null;
}

export const NO_TALLY: Tally = { count: 0, oldest: null };

/**
 * COUNT(*) and MIN(`oldestColumn`) of what `qb` matches (its paging and ordering dropped), in one query:
 * the 待办 counts are the lists' own queries, aggregated. `count` may be an expression (`COUNT(DISTINCT x.id)`).
 */
export async function tallyOf<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  oldestColumn: string | null,
  count = 'COUNT(*)',
): Promise<Tally> {
  const q = qb.clone().orderBy().offset(undefined).limit(undefined).select(count, 'n');
  if (oldestColumn) q.addSelect(`MIN(${oldestColumn})`, 'oldest');
  const row = await q.getRawOne<{ n: number | string; oldest?: Date | string | null }>();
  const n = Number(row?.n ?? 0);
  return { count: n, oldest: n && row?.oldest ? rawTime(row.oldest) : null };
}
