import { DataSource, DeepPartial, EntityManager, EntityTarget, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { AppError } from '../common/app-error';
import { LIKE_ESCAPE, likeContains } from '../common/pagination';
import { assertUnique, assertVersion, diff, findForUpdate } from '../database/rows';
import { DirectoryQuery } from './directory.dto';

/** The columns every directory table shares (see DirectoryRecord in directory.entities.ts). */
export interface DirectoryRow {
  id: number;
  disabled: boolean;
  version: number;
}

/** What the shared read and write helpers need to know about one kind of directory record. */
export interface RecordKind<T extends DirectoryRow> {
  entity: EntityTarget<T>;
  /** Audit `entityType` and the prefix of its actions: `unit` → `unit.create`, `unit.update`. */
  type: string;
  /** Chinese name of the kind, for 404 and 409 messages. */
  label: string;
  /** Unique columns and how a person calls each in a 409 message. */
  unique: Partial<Record<keyof T & string, string>>;
  /** Columns `q` searches with LIKE. */
  search: (keyof T & string)[];
}

/** 409 NAME_TAKEN for the first unique column of `values` another record already holds. */
export async function assertUniqueFields<T extends DirectoryRow>(
  em: EntityManager,
  kind: RecordKind<T>,
  values: Partial<T>,
  exceptId?: number,
): Promise<void> {
  for (const [field, label] of Object.entries(kind.unique) as [keyof T & string, string][]) {
    if (values[field] !== undefined) await assertUnique(em, kind.entity, field, values[field], label, exceptId);
  }
}

/** A page of records: disabled ones only on request, `q` anywhere in the search columns. */
export function directoryListQuery<T extends DirectoryRow>(
  ds: DataSource,
  kind: RecordKind<T>,
  q: DirectoryQuery,
): SelectQueryBuilder<T> {
  const qb = ds.getRepository(kind.entity).createQueryBuilder('r');
  if (!q.includeDisabled) qb.andWhere('r.disabled = :off', { off: false });
  if (q.q)
    qb.andWhere(`(${kind.search.map((c) => `r.${c} LIKE :q ${LIKE_ESCAPE}`).join(' OR ')})`, { q: likeContains(q.q) });
  return qb;
}

export async function findRecord<T extends DirectoryRow>(
  em: EntityManager,
  kind: RecordKind<T>,
  id: number,
): Promise<T> {
  const row = await em.findOneBy(kind.entity, { id } as never);
  if (!row) throw AppError.notFound(kind.label);
  return row;
}

/** Checks unique columns, inserts and audits the new record (with `related` values kept outside the row) in the caller's transaction. */
export async function insertRecord<T extends DirectoryRow>(
  em: EntityManager,
  audit: AuditService,
  actor: Actor | typeof SYSTEM_ACTOR,
  kind: RecordKind<T>,
  values: Partial<T>,
  related?: Record<string, unknown>,
): Promise<T> {
  await assertUniqueFields(em, kind, values);
  const row = em.create(kind.entity, { ...values, disabled: false } as DeepPartial<T>);
  await em.save(row);
  await audit.record(em, {
    actor,
    action: `${kind.type}.create`,
    entityType: kind.type,
    entityId: row.id,
    to: { ...values, ...related },
  });
  return row;
}

/** Locks the record for change: 404 when absent, 409 when the `version` the editor read is stale. */
export async function loadForChange<T extends DirectoryRow>(
  em: EntityManager,
  kind: RecordKind<T>,
  id: number,
  version: number | undefined,
): Promise<T> {
  const row = await findForUpdate(em, kind.entity, id);
  if (!row) throw AppError.notFound(kind.label);
  assertVersion(row, version);
  return row;
}

/**
 * Saves the fields of `patch` that differ and audits them as from → to, together with
 * `related` changes kept outside the row (a member's committees). Nothing changed, nothing written.
 */
export async function saveChanges<T extends DirectoryRow>(
  em: EntityManager,
  audit: AuditService,
  actor: Actor,
  kind: RecordKind<T>,
  row: T,
  patch: Partial<T>,
  related?: { from: Record<string, unknown>; to: Record<string, unknown> },
): Promise<boolean> {
  const { from, to } = diff(row, patch);
  const rowChanged = Object.keys(to).length > 0;
  if (!rowChanged && !related) return false;
  if (rowChanged) {
    Object.assign(row, to);
    await em.save(row);
  } else {
    // Only related rows changed: the record's version still moves, so a stale editor gets its 409.
    await em.increment(kind.entity, { id: row.id } as never, 'version', 1);
    row.version += 1;
  }
  await audit.record(em, {
    actor,
    action: `${kind.type}.update`,
    entityType: kind.type,
    entityId: row.id,
    from: { ...from, ...related?.from },
    to: { ...to, ...related?.to },
  });
  return true;
}

/** The usual PATCH: lock, version check, unique columns, `check` on the merged values, save what differs, audit. */
export async function updateRecord<T extends DirectoryRow>(
  em: EntityManager,
  audit: AuditService,
  actor: Actor,
  kind: RecordKind<T>,
  id: number,
  version: number | undefined,
  patch: Partial<T>,
  check?: (row: T) => void,
): Promise<T> {
  const row = await loadForChange(em, kind, id, version);
  check?.(row);
  await assertUniqueFields(em, kind, patch, id);
  await saveChanges(em, audit, actor, kind, row, patch);
  return row;
}
