import { DataSource, EntityManager } from 'typeorm';
import type { Tx } from '../database/tx';
import { LoginThrottle } from './login-throttle.entity';

/** A limit on how often something may happen: at most `limit` times per `windowMs`, per key. */
export interface WindowLimit {
  key: string;
  limit: number;
  windowMs: number;
}

/**
 * Counts one use of the key in its window unless it is at its limit; a window that has run out starts again at this
 * use. One conditional UPDATE, so uses arriving together cannot all pass a check made before any of them counted.
 * `lockable` (the sign-in throttle's keys): a key locked until later is not counted, and counting clears a lock that
 * has run out. The assignments read only columns assigned after them, as MySQL applies SET left to right (SQLite
 * reads the old row throughout). True when counted.
 */
export async function takeSlot(
  em: EntityManager,
  { key, limit, windowMs }: WindowLimit,
  now: Date,
  { lockable = false } = {},
): Promise<boolean> {
  const expired = new Date(now.getTime() - windowMs);
  await em
    .createQueryBuilder()
    .insert()
    .into(LoginThrottle)
    .values({ key, failures: 0, windowStartedAt: now, lockedUntil: null })
    .orIgnore()
    .execute();
  const update = em
    .createQueryBuilder()
    .update(LoginThrottle)
    .set({
      ...(lockable ? { lockedUntil: () => 'NULL' } : {}),
      failures: () => 'CASE WHEN windowStartedAt <= :expired THEN 1 ELSE failures + 1 END',
      windowStartedAt: () => 'CASE WHEN windowStartedAt <= :expired THEN :now ELSE windowStartedAt END',
    })
    .where({ key });
  if (lockable) update.andWhere('(lockedUntil IS NULL OR lockedUntil <= :now)');
  const result = await update
    .andWhere('(failures < :limit OR windowStartedAt <= :expired)')
    .setParameters({ now, expired, limit })
    .execute();
  return result.affected === 1;
}

/** Seconds until the key's window ends (for Retry-After). */
export async function secondsLeft(ds: DataSource, { key, windowMs }: WindowLimit, now: Date): Promise<number> {
  const row = await ds.getRepository(LoginThrottle).findOneBy({ key });
  const end = (row?.windowStartedAt.getTime() ?? now.getTime()) + windowMs;
  return Math.max(1, Math.ceil((end - now.getTime()) / 1000));
}

/**
 * One short write outside any other request's transaction: on SQLite every request shares one connection, so it
 * goes through Tx's queue; on MySQL each statement is atomic on its own.
 */
export function atomically<T>(ds: DataSource, tx: Tx, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return ds.options.type === 'mysql' ? work(ds.manager) : tx.run(work);
}
