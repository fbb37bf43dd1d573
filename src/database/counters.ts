import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { lockForUpdate } from './rows';

/** Makes sure the counter row of `key` exists (at 0), so a later `nextCount` only locks and bumps it. */
export async function ensureCounterRow<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  key: Partial<T>,
  column: keyof T & string,
): Promise<void> {
  if (await em.existsBy(entity, key as never)) return;
  await em
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values({ ...key, [column]: 0 } as never)
    .orIgnore()
    .execute();
}

/**
 * The next number of a counter row (第N号 of a session, 第N期 of a publication's year) inside the
 * caller's transaction. The row is locked until commit (see lockForUpdate), so concurrent callers
 * queue here and a rolled-back transaction gives its number back: no gaps, no duplicates.
 */
export async function nextCount<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  key: Partial<T>,
  column: keyof T & string,
): Promise<number> {
  const locked = () => lockForUpdate(em.createQueryBuilder(entity, 'c').where(key)).getOne();
  let counter = await locked();
  if (!counter) {
    await ensureCounterRow(em, entity, key, column);
    counter = await locked();
  }
  const next = Number(counter![column]) + 1;
  await em.update(entity, key as never, { [column]: next } as never);
  return next;
}
