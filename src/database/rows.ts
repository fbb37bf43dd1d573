import { EntityManager, EntityTarget, In, Not, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppError } from '../common/app-error';
import { RefView } from '../common/dto-fields';
import { Page, pageOf, PageQuery } from '../common/pagination';

/**
 * Takes the rows a query reads as locked until commit: `FOR UPDATE` on MySQL; SQLite transactions
 * already run one at a time (see Tx), so there it changes nothing. The one engine check for row locks.
 */
export function lockForUpdate<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  if (qb.connection.options.type === 'mysql') qb.setLock('pessimistic_write');
  return qb;
}

/** Loads a record for change; on MySQL the row stays locked until commit so version checks cannot race. */
export function findForUpdate<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  id: number,
): Promise<T | null> {
  return lockForUpdate(em.createQueryBuilder(entity, 'r').where('r.id = :id', { id })).getOne();
}

/** A stale `version` in a PATCH is a 409, so two editors never overwrite each other silently. */
export function assertVersion(current: { version: number }, sent: number | undefined): void {
  if (sent !== undefined && sent !== current.version) throw AppError.stale();
}

/** 409 when another record of the kind already has this value in a unique column. */
export async function assertUnique<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  field: keyof T & string,
  value: unknown,
  label: string,
  exceptId?: number,
): Promise<void> {
  const where = { [field]: value, ...(exceptId ? { id: Not(exceptId) } : {}) } as never;
  if (await em.existsBy(entity, where)) {
    throw AppError.conflict('NAME_TAKEN', `${label}“${String(value)}”已存在`, { field });
  }
}

/** The fields of `patch` whose values differ from `record`: what the audit entry records as from → to. */
export function diff<T extends object>(record: T, patch: Partial<T>): { from: Partial<T>; to: Partial<T> } {
  const from: Partial<T> = {};
  const to: Partial<T> = {};
  for (const key of Object.keys(patch) as (keyof T)[]) {
    const next = patch[key];
    if (next === undefined) continue;
    const prev = record[key];
    const same = prev instanceof Date && next instanceof Date ? prev.getTime() === next.getTime() : prev === next;
    if (!same) {
      from[key] = prev;
      to[key] = next;
    }
  }
  return { from, to };
}

/** Counts, then reads one ordered page. Only for queries without joins: skip/take with joins pages the joined rows. */
export async function pageOfRows<T extends ObjectLiteral, V>(
  qb: SelectQueryBuilder<T>,
  q: PageQuery,
  toView: (row: T) => V,
): Promise<Page<V>> {
  const [rows, total] = await qb
    .skip((q.page - 1) * q.pageSize)
    .take(q.pageSize)
    .getManyAndCount();
  return pageOf(rows.map(toView), total, q);
}

/** `{id, name}` of the wanted rows of a named table (committees, sectors, points, members, units …) by id, in one query; nulls and repeats skipped. */
export async function namesOf(
  em: EntityManager,
  entity: new () => { id: number; name: string },
  wanted: (number | null)[],
): Promise<Map<number, RefView>> {
  const list = [...new Set(wanted.filter((v): v is number => v !== null))];
  const rows = list.length ? await em.find(entity, { where: { id: In(list) }, select: { id: true, name: true } }) : [];
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name }]));
}
