import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createConnection } from 'mysql2/promise';

export type TestEngine = 'mariadb' | 'sqlite';

/** Which engine this run of the e2e suites uses: `TEST_DB=mariadb|sqlite` (the test command runs both). */
export function testEngine(): TestEngine {
  const engine = process.env.TEST_DB ?? 'sqlite';
  if (engine !== 'mariadb' && engine !== 'sqlite') throw new Error(`TEST_DB must be mariadb or sqlite, got ${engine}`);
  return engine;
}

const MYSQL_ROOT = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

/** A fresh, empty database for one suite, and the function that drops it. */
export async function freshDatabase(
  engine: TestEngine = testEngine(),
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (engine === 'sqlite') return { url: 'sqlite::memory:', drop: async () => undefined };
  const name = `xs_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const conn = await createConnection(MYSQL_ROOT);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci`);
  await conn.end();
  return {
    url: `${MYSQL_ROOT}/${name}`,
    drop: async () => {
      const c = await createConnection(MYSQL_ROOT);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/** A database two processes can open at once (an api and a worker): a file for SQLite. The caller drops it. */
export async function sharedDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (testEngine() !== 'sqlite') return freshDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-db-'));
  return {
    url: `sqlite:${path.join(dir, 'xieshang.sqlite')}`,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
