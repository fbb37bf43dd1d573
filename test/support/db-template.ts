import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Module, Type } from '@nestjs/common';
import { Connection, createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';

/*
 * The migrated, seeded database of a test run, made once and copied for each suite (architecture
 * review, change 9): 13 migrations per suite cost a MariaDB suite about a second.
 *
 * No separate boot makes the template. The first plain suite of the run migrates and seeds a fresh
 * database as before; right after start-up (before its tests run) it publishes that state here,
 * and the suites after it start from a copy:
 *   - SQLite: `VACUUM INTO` a template file; each suite's in-memory database gets the template's
 *     schema (the exact `CREATE` statements in sqlite_master) and rows through ATTACH, before the
 *     Bootstrapper runs (a provider of a test module, resolved while Nest builds the app).
 *   - MariaDB: a template schema `xs_t_tmpl_<run>` and its `SHOW CREATE TABLE` statements (columns,
 *     indexes, foreign keys, AUTO_INCREMENT counters); each suite's database replays them and copies
 *     the seeded tables' rows, in one round trip.
 * The Bootstrapper still runs on the copy and finds nothing to do, as on a restarted install.
 * test/integration/database-template.int-spec.ts checks a copy against a freshly migrated database.
 *
 * The run directory comes from the e2e project's globalSetup (global-setup.js, XS_TEST_TEMPLATES);
 * without it (the prod project, a script) every suite migrates its own database as before.
 * globalTeardown drops the template schema; scripts/test.sh drops leftovers of an interrupted run (`xs_t_%`).
 */

export const TEMPLATES_ENV = 'XS_TEST_TEMPLATES';
export const MYSQL_ROOT = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
export const MYSQL_DATABASE_OPTIONS = 'CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci';

/** This run's template directory, if the run has one. */
export function templateDir(): string | null {
  const dir = process.env[TEMPLATES_ENV];
  return dir && fs.existsSync(dir) ? dir : null;
}

/** The template schema of the run whose directory is `dir` (xs-jest-<hex>). */
export function templateSchemaName(dir: string): string {
  return `xs_t_tmpl_${path.basename(dir).replace(/^xs-jest-/, '')}`;
}

const sqliteFile = (dir: string) => path.join(dir, 'template.sqlite');
const mariadbFile = (dir: string) => path.join(dir, 'template-mariadb.json');
const tmpName = (file: string) => `${file}.${process.pid}-${randomBytes(4).toString('hex')}`;

/** Writes via a temporary name: readers see the whole file or none. */
function publishFile(file: string, write: (tmp: string) => void | Promise<void>): Promise<void> {
  const tmp = tmpName(file);
  return Promise.resolve(write(tmp)).then(() => fs.renameSync(tmp, file));
}

// ---------------------------------------------------------------- SQLite

/** The SQLite template file, once a suite of this run has published it. */
export function sqliteTemplate(): string | null {
  const dir = templateDir();
  return dir && fs.existsSync(sqliteFile(dir)) ? sqliteFile(dir) : null;
}

/** Publishes a just-started app's database as the run's SQLite template (first one wins; the others are the same). */
export async function publishSqliteTemplate(ds: DataSource): Promise<void> {
  const dir = templateDir();
  if (!dir || fs.existsSync(sqliteFile(dir))) return;
  await publishFile(sqliteFile(dir), (tmp) => ds.query('VACUUM INTO ?', [tmp]));
}

/** The better-sqlite3 connection under a TypeORM DataSource (one per SQLite DataSource). */
interface RawSqlite {
  exec(sql: string): void;
  readonly inTransaction: boolean;
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
}
const rawSqlite = (ds: DataSource) => (ds.driver as unknown as { databaseConnection: RawSqlite }).databaseConnection;
const quoteSqlite = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literalSqlite = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Makes `ds`'s empty database a copy of the template file: the same schema objects (their exact
 * CREATE statements), rows and AUTOINCREMENT counters. One script on the raw connection.
 */
export function copySqliteTemplate(ds: DataSource, file: string): void {
  const db = rawSqlite(ds);
  db.exec(`ATTACH DATABASE ${literalSqlite(file)} AS tmpl`);
  try {
    const objects = db
      .prepare(
        "SELECT type, name, sql FROM tmpl.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
      )
      .all() as { type: string; name: string; sql: string }[];
    const hasSequence = db.prepare("SELECT 1 FROM tmpl.sqlite_master WHERE name = 'sqlite_sequence'").all().length > 0;
    const tables = objects.filter((o) => o.type === 'table');
    // Foreign keys are switched off while copying (the template is consistent) and checked afterwards.
    db.exec(
      [
        'PRAGMA foreign_keys = OFF',
        'BEGIN',
        ...tables.map((o) => o.sql),
        ...tables.map((o) => `INSERT INTO main.${quoteSqlite(o.name)} SELECT * FROM tmpl.${quoteSqlite(o.name)}`),
        ...(hasSequence
          ? ['DELETE FROM main.sqlite_sequence', 'INSERT INTO main.sqlite_sequence SELECT * FROM tmpl.sqlite_sequence']
          : []),
        ...objects.filter((o) => o.type !== 'table').map((o) => o.sql),
        'COMMIT',
        'PRAGMA foreign_keys = ON',
      ].join(';\n'),
    );
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.exec('PRAGMA foreign_keys = ON');
    throw e;
  } finally {
    db.exec('DETACH DATABASE tmpl');
  }
  const broken = db.prepare('PRAGMA foreign_key_check').all();
  if (broken.length) throw new Error(`SQLite template copy breaks foreign keys: ${JSON.stringify(broken.slice(0, 3))}`);
}

const COPIED = Symbol('sqlite template copied');

/**
 * A test module whose provider fills the app's in-memory database from the template while Nest
 * builds the app: after TypeORM connects, before createApp runs the Bootstrapper.
 */
export function sqliteTemplateModule(file: string): Type {
  @Module({
    providers: [
      { provide: COPIED, useFactory: (ds: DataSource) => (copySqliteTemplate(ds, file), true), inject: [DataSource] },
    ],
  })
  class SqliteTemplateModule {}
  return SqliteTemplateModule;
}

// ---------------------------------------------------------------- MariaDB

export interface MariadbTemplate {
  /** The template schema, read by `INSERT … SELECT`. */
  schema: string;
  /** `SHOW CREATE TABLE` of every table, foreign keys and AUTO_INCREMENT included. */
  tables: { name: string; ddl: string; rows: number }[];
}

/** The MariaDB template, once a suite of this run has published it. */
export function mariadbTemplate(): MariadbTemplate | null {
  const dir = templateDir();
  if (!dir || !fs.existsSync(mariadbFile(dir))) return null;
  return JSON.parse(fs.readFileSync(mariadbFile(dir), 'utf8')) as MariadbTemplate;
}

const root = () => createConnection({ uri: MYSQL_ROOT, multipleStatements: true });
const q = (name: string) => `\`${name.replace(/`/g, '``')}\``;

/** The schema of `database` as statements that rebuild it, and how many rows each table holds. */
async function describeSchema(conn: Connection, database: string): Promise<MariadbTemplate['tables']> {
  const [other] = (await conn.query(
    `SELECT (SELECT COUNT(*) FROM information_schema.views WHERE table_schema = ?) + (SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = ?) + (SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = ?) AS n`,
    [database, database, database],
  )) as unknown as [{ n: number | string }[]];
  // Views, triggers and routines are not copied: a migration adding one needs the copy extended.
  if (Number(other[0].n) > 0)
    throw new Error(`${database} has views, triggers or routines: the template copy does not handle them yet`);
  const [names] = (await conn.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name`,
    [database],
  )) as unknown as [{ name: string }[]];
  if (!names.length) return [];
  // One round trip: SHOW CREATE TABLE and COUNT(*) of each table, in turn.
  const [results] = (await conn.query(
    names
      .map(
        ({ name }) =>
          `SHOW CREATE TABLE ${q(database)}.${q(name)}; SELECT COUNT(*) AS n FROM ${q(database)}.${q(name)}`,
      )
      .join(';\n'),
  )) as unknown as [Record<string, unknown>[][]];
  const tables = names.map(({ name }, i) => ({
    name,
    ddl: String(results[2 * i][0]['Create Table']),
    rows: Number(results[2 * i + 1][0].n),
  }));
  return tables;
}

/** Creates `target` as a copy of `source` in one round trip (the rows come from a consistent database, so foreign keys are not checked while copying). */
async function copySchema(
  conn: Connection,
  tables: MariadbTemplate['tables'],
  source: string,
  target: string,
): Promise<void> {
  const statements = [
    `CREATE DATABASE ${q(target)} ${MYSQL_DATABASE_OPTIONS}`,
    `USE ${q(target)}`,
    'SET FOREIGN_KEY_CHECKS = 0',
    ...tables.map((t) => t.ddl),
    ...tables
      .filter((t) => t.rows > 0)
      .map((t) => `INSERT INTO ${q(target)}.${q(t.name)} SELECT * FROM ${q(source)}.${q(t.name)}`),
    'SET FOREIGN_KEY_CHECKS = 1',
  ];
  await conn.query(statements.join(';\n'));
}

/**
 * A new database `name` holding a copy of the template. False when the template schema is gone
 * (another run's scripts/test.sh drops every `xs_t_%` schema when it starts): then the template is
 * withdrawn, the caller migrates a database of its own, and the next plain suite publishes again.
 */
export async function copyMariadbTemplate(template: MariadbTemplate, name: string): Promise<boolean> {
  const conn = await root();
  try {
    await copySchema(conn, template.tables, template.schema, name);
    return true;
  } catch (e) {
    await conn.query(`DROP DATABASE IF EXISTS ${q(name)}`).catch(() => undefined);
    const code = (e as { code?: string }).code;
    if (code !== 'ER_BAD_DB_ERROR' && code !== 'ER_NO_SUCH_TABLE') throw e;
    const dir = templateDir();
    if (dir) fs.rmSync(mariadbFile(dir), { force: true });
    return false;
  } finally {
    await conn.end();
  }
}

/**
 * Publishes a just-started app's database (`database`) as the run's MariaDB template. The first
 * suite to create the template schema publishes it; one racing it leaves it alone.
 */
export async function publishMariadbTemplate(database: string): Promise<void> {
  const dir = templateDir();
  if (!dir || fs.existsSync(mariadbFile(dir))) return;
  const schema = templateSchemaName(dir);
  const conn = await root();
  try {
    const tables = await describeSchema(conn, database);
    try {
      await copySchema(conn, tables, database, schema);
    } catch (e) {
      if ((e as { code?: string }).code === 'ER_DB_CREATE_EXISTS') return;
      await conn.query(`DROP DATABASE IF EXISTS ${q(schema)}`).catch(() => undefined);
      throw e;
    }
    const template: MariadbTemplate = { schema, tables };
    await publishFile(mariadbFile(dir), (tmp) => fs.writeFileSync(tmp, JSON.stringify(template)));
  } finally {
    await conn.end();
  }
}

/** Schema descriptions for the template check: `SHOW CREATE TABLE` of every table of `database`. */
export async function mariadbSchemaOf(database: string): Promise<MariadbTemplate['tables']> {
  const conn = await root();
  try {
    return await describeSchema(conn, database);
  } finally {
    await conn.end();
  }
}
