import { ColumnOptions, ValueTransformer } from 'typeorm';

/** Times are stored as UTC with milliseconds on both engines. */
export const timeColumn: ColumnOptions = { type: 'datetime', precision: 3 };

/** mysql2 returns BIGINT/DECIMAL as strings; ids and counts are plain numbers here. */
export const intTransformer: ValueTransformer = {
  to: (v: unknown) => v,
  from: (v: unknown) => (v === null || v === undefined ? v : Number(v)),
};
