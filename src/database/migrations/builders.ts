import { TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

/* Dialect-neutral column builders shared by the migrations: the same code runs on MySQL/MariaDB and SQLite. */
export const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
export const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  ...extra,
});
export const optStr = (name: string, length: number): TableColumnOptions => str(name, length, { isNullable: true });
export const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'int',
  ...extra,
});
export const optInt = (name: string): TableColumnOptions => int(name, { isNullable: true });
export const time = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  ...extra,
});
export const optTime = (name: string): TableColumnOptions => time(name, { isNullable: true });
export const text = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: nullable,
});
export const bool = (name: string, value = false): TableColumnOptions => ({ name, type: 'boolean', default: value });
export const fk = (column: string, table: string): TableForeignKey =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'] });
export const index = (...columnNames: string[]) => new TableIndex({ columnNames });
export const unique = (...columnNames: string[]) => new TableIndex({ columnNames, isUnique: true });
