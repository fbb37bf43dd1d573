import { Column, ColumnOptions, ValueTransformer, VersionColumn } from 'typeorm';

/** Times are stored as UTC with milliseconds on both engines. */
export const timeColumn: ColumnOptions = { type: 'datetime', precision: 3 };

/** mysql2 returns BIGINT/DECIMAL as strings; ids and counts are plain numbers here. */
export const intTransformer: ValueTransformer = {
  to: (v: unknown) => v,
  from: (v: unknown) => (v === null || v === undefined ? v : Number(v)),
};

/** The stamps and version of a record a workflow moves (written `UPDATE … WHERE id = ? AND version = ?`). */
export abstract class VersionedRecord {
  @Column(timeColumn)
  createdAt!: Date;

  @Column(timeColumn)
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}

/** mysql2 (timezone 'Z') hands raw datetimes over as Dates; better-sqlite3 as the stored UTC text `2026-06-18 01:00:00.000`. */
export function rawTime(v: Date | string): Date {
  return v instanceof Date ? v : new Date(`${v.replace(' ', 'T')}Z`);
}
