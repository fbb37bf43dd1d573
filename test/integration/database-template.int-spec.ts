import { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service';
import { MIGRATIONS } from '../../src/database/migrations';
import { mariadbSchemaOf } from '../support/db-template';
import { ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { testEngine } from '../support/test-db';

/*
 * Suites start from a copy of the run's template database instead of migrating their own
 * (test/support/db-template.ts). The copy must be what start-up makes of an empty database:
 * compared here with one migrated and seeded the way a first install is.
 */

/** Every schema object: SHOW CREATE TABLE (columns, indexes, foreign keys, AUTO_INCREMENT) or sqlite_master. */
async function schemaOf(ds: DataSource): Promise<unknown[]> {
  if (testEngine() === 'mariadb') return mariadbSchemaOf((await ds.query('SELECT DATABASE() AS db'))[0].db);
  return ds.query('SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master ORDER BY type, name');
}

async function tablesOf(ds: DataSource): Promise<string[]> {
  if (testEngine() === 'mariadb')
    return (
      await ds.query(
        'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name',
      )
    ).map((r: { name: string }) => r.name);
  return (await ds.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).map(
    (r: { name: string }) => r.name,
  );
}

const STAMP = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d/;
/** Written at start-up with the time or a random salt, so they differ between any two installs. */
const PER_INSTALL = new Set(['passwordHash', 'hash', 'prevHash']);

/** Every row of every table, with the values that differ between any two installs masked. */
async function rowsOf(ds: DataSource): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await tablesOf(ds)) {
    const q = testEngine() === 'mariadb' ? `\`${table}\`` : `"${table}"`;
    const rows: Record<string, unknown>[] = await ds.query(`SELECT * FROM ${q}`);
    out[table] = rows
      .map((row) =>
        JSON.stringify(
          Object.fromEntries(
            Object.entries(row).map(([k, v]) => [
              k,
              PER_INSTALL.has(k)
                ? '<per install>'
                : v instanceof Date || (typeof v === 'string' && STAMP.test(v))
                  ? '<time>'
                  : v,
            ]),
          ),
        ),
      )
      .sort();
  }
  return out;
}

describe('the template database a suite starts from', () => {
  let fresh: TestApp;
  let copy: TestApp;

  beforeAll(async () => {
    fresh = await startTestApp({}, { template: false });
    copy = await startTestApp();
  });
  afterAll(async () => {
    await copy?.close();
    await fresh?.close();
  });

  it('is used: the second app starts from a copy, the first migrated its own', () => {
    expect(fresh.fromTemplate).toBe(false);
    expect(copy.fromTemplate).toBe(true);
  });

  it('has the schema of a freshly migrated database: tables, columns, indexes, foreign keys, counters', async () => {
    const [a, b] = [await schemaOf(fresh.ds), await schemaOf(copy.ds)];
    expect(a.length).toBeGreaterThan(40);
    expect(b).toEqual(a);
  });

  it('has its rows: migrations, reference lists, the first admin and the audit of their creation', async () => {
    const [a, b] = [await rowsOf(fresh.ds), await rowsOf(copy.ds)];
    expect(b.migrations).toHaveLength(MIGRATIONS.length);
    expect(b.sectors.length).toBeGreaterThan(10);
    expect(b.users).toHaveLength(1);
    expect(b).toEqual(a);
  });

  it('keeps an intact audit chain and the admin password', async () => {
    expect(await copy.app.get(AuditService).verify()).toMatchObject({
      ok: true,
      checked: (await fresh.app.get(AuditService).verify()).checked,
    });
    expect(await copy.login('admin', ADMIN_PASSWORD)).toMatch(/^[\w-]{43}$/);
  });

  it('gives new rows the ids a fresh database gives them', async () => {
    const [a, b] = [await fresh.make.sector(), await copy.make.sector()];
    expect(b.id).toBe(a.id);
    const [m, n] = [await fresh.make.unit(), await copy.make.unit()];
    expect(n.id).toBe(m.id);
  });
});
