import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Type } from '@nestjs/common';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import {
  copyMariadbTemplate,
  mariadbTemplate,
  MYSQL_DATABASE_OPTIONS,
  MYSQL_ROOT,
  publishMariadbTemplate,
  publishSqliteTemplate,
  sqliteTemplate,
  sqliteTemplateModule,
} from './db-template';

export type TestEngine = 'mariadb' | 'sqlite';

/** Which engine this run of the e2e suites uses: `TEST_DB=mariadb|sqlite` (the test command runs both). */
export function testEngine(): TestEngine {
  const engine = process.env.TEST_DB ?? 'sqlite';
  if (engine !== 'mariadb' && engine !== 'sqlite') throw new Error(`TEST_DB must be mariadb or sqlite, got ${engine}`);
  return engine;
}

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

/** A suite's database: `fromTemplate` when it starts as a copy of the run's migrated template (see db-template.ts). */
export interface SuiteDatabase extends TestDatabase {
  fromTemplate: boolean;
  /** Test modules the app needs to fill it (SQLite in memory: the template is copied in while the app starts). */
  imports: Type[];
}

const mariadbName = () => `xs_t_${process.pid}_${randomBytes(4).toString('hex')}`;

function mariadbDatabase(name: string): TestDatabase {
  return {
    url: `${MYSQL_ROOT}/${name}`,
    drop: async () => {
      const c = await createConnection(MYSQL_ROOT);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/** A fresh, empty database for one suite, and the function that drops it. */
export async function freshDatabase(engine: TestEngine = testEngine()): Promise<TestDatabase> {
  if (engine === 'sqlite') return { url: 'sqlite::memory:', drop: async () => undefined };
  const name = mariadbName();
  const conn = await createConnection(MYSQL_ROOT);
  await conn.query(`CREATE DATABASE \`${name}\` ${MYSQL_DATABASE_OPTIONS}`);
  await conn.end();
  return mariadbDatabase(name);
}

/**
 * A suite's database: a copy of the run's migrated and seeded template when there is one yet and
 * `useTemplate`, else a fresh empty one the app migrates (and may then publish, see `publishTemplate`).
 */
export async function suiteDatabase(useTemplate = true, engine: TestEngine = testEngine()): Promise<SuiteDatabase> {
  if (useTemplate && engine === 'sqlite') {
    const file = sqliteTemplate();
    if (file)
      return {
        url: 'sqlite::memory:',
        drop: async () => undefined,
        fromTemplate: true,
        imports: [sqliteTemplateModule(file)],
      };
  }
  if (useTemplate && engine === 'mariadb') {
    const template = mariadbTemplate();
    if (template) {
      const name = mariadbName();
      if (await copyMariadbTemplate(template, name))
        return { ...mariadbDatabase(name), fromTemplate: true, imports: [] };
    }
  }
  return { ...(await freshDatabase(engine)), fromTemplate: false, imports: [] };
}

/**
 * Makes a just-started app's freshly migrated and seeded database the run's template, if there is none
 * yet. Best effort: the suite has its database either way, so a failure is reported, not thrown
 * (the suites after it then migrate their own, as before, until one publishes).
 */
export async function publishTemplate(ds: DataSource, engine: TestEngine = testEngine()): Promise<void> {
  try {
    if (engine === 'sqlite') await publishSqliteTemplate(ds);
    else await publishMariadbTemplate((await ds.query('SELECT DATABASE() AS db'))[0].db);
  } catch (e) {
    console.warn(`Could not publish the template database; suites migrate their own: ${(e as Error).message}`);
  }
}

/**
 * A database two processes can open at once (an api and a worker): a file for SQLite. The caller drops it.
 * A copy of the run's template when there is one; else empty, and the api migrates it.
 */
export async function sharedDatabase(): Promise<TestDatabase> {
  if (testEngine() !== 'sqlite') {
    const { url, drop } = await suiteDatabase();
    return { url, drop };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-db-'));
  const file = path.join(dir, 'xieshang.sqlite');
  const template = sqliteTemplate();
  if (template) fs.copyFileSync(template, file);
  return { url: `sqlite:${file}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}
