import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AppError } from '../common/app-error';

/**
 * `UPDATE … SET …, version = version + 1 WHERE id = ? AND version = ?` for a row read in this
 * transaction (typeorm#2848: a versioned save() does not refuse a stale row). Zero rows changed
 * is a 409 STALE_VERSION; otherwise `row` takes the new values.
 */
export async function updateVersioned<T extends ObjectLiteral & { id: number; version: number }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  row: T,
  set: Partial<T>,
): Promise<void> {
  const next = { ...set, version: row.version + 1 };
  const result = await em
    .createQueryBuilder()
    .update(entity)
    .set(next as never)
    .where('id = :id AND version = :version', { id: row.id, version: row.version })
    .execute();
  if (result.affected !== 1) throw AppError.stale();
  Object.assign(row, next);
}
