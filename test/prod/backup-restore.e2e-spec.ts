import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { cast, Cast } from '../support/accounts';
import { tinyPdf } from '../support/file-fixtures';
import { binary } from '../support/http';
import { proposalAt } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';
import { sharedDatabase, testEngine } from '../support/test-db';

/**
 * The notice dispatch stamps `dispatchedAt` on new inbox rows in the background (every 15 s): here it would change
 * rows between the snapshot and the restore, so it waits an hour. What is compared is what the backup holds.
 */
const QUIET_OUTBOX = { XS_NOTICE_DISPATCH_SECONDS: '3600' };

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

/** Every row of every table, in a stable order: what "byte for byte" means for the database. */
async function snapshot(ds: DataSource): Promise<Record<string, unknown[]>> {
  const tables = ds.entityMetadatas.map((m) => m.tableName).sort();
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rows: Record<string, unknown>[] = await ds.query(`SELECT * FROM ${ds.driver.escape(table)}`);
    out[table] = rows
      .map((r) =>
        JSON.stringify(r, (_k, v) =>
          v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? v.toString('hex') : v,
        ),
      )
      .sort();
  }
  return out;
}

function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/**
 * scripts/backup.sh and scripts/restore.sh as a round trip on the engine under test: proposals with a
 * reply and an attachment and a rendered PDF are backed up while the app runs, the database and the
 * files folder are wiped, the backup is restored, and every row and every file is back byte for byte.
 */
describe('backup and restore (scripts/backup.sh, scripts/restore.sh)', () => {
  const db = { url: '', drop: async () => undefined as void };
  let filesDir: string;
  let backups: string;
  let env: NodeJS.ProcessEnv;
  let t: TestApp | undefined;
  let c: Cast;
  let before: Record<string, unknown[]>;
  let beforeFiles: Record<string, string>;
  let pdf: { id: number; sha256: string };
  let completed: number;

  beforeAll(async () => {
    Object.assign(db, await sharedDatabase());
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-backup-files-'));
    backups = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-backups-'));
    env = { ...process.env, DATABASE_URL: db.url, XS_FILES_DIR: filesDir };
    t = await startTestApp({ XS_FILES_DIR: filesDir, ...QUIET_OUTBOX }, { databaseUrl: db.url });
    c = await cast(t);
    completed = await proposalAt(t, c, 'completed', {
      whileDraft: (id) =>
        t!
          .http()
          .post(`/api/v1/proposals/${id}/attachments`)
          .set(c.lead.auth)
          .attach('file', tinyPdf(), '调研材料.pdf')
          .expect(201),
    });
    await proposalAt(t, c, 'submitted');
    const requested = await t
      .http()
      .post('/api/v1/reports')
      .set(c.staff.auth)
      .send({ kind: 'reply-letter', subject: { type: 'proposal', id: completed } })
      .expect(202);
    await t.jobs.finished('reports', `report:${requested.body.id}`);
    const file = await t
      .http()
      .get(`/api/v1/reports/${requested.body.id}/file`)
      .set(c.staff.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    pdf = {
      id: requested.body.id,
      sha256: createHash('sha256')
        .update(file.body as Buffer)
        .digest('hex'),
    };
  });

  afterAll(async () => {
    await t?.close();
    await db.drop();
    fs.rmSync(filesDir, { recursive: true, force: true });
    fs.rmSync(backups, { recursive: true, force: true });
  });

  it('backs up while the app runs: a dump, the files and a manifest whose checksums match', async () => {
    before = await snapshot(t!.ds);
    beforeFiles = filesOf(filesDir);
    expect(before.proposals).toHaveLength(2);
    expect(before.reports).toHaveLength(1);
    expect(Object.keys(beforeFiles).length).toBeGreaterThanOrEqual(2); // the attachment and the PDF
    const { stdout } = await run('bash', [path.join(ROOT, 'scripts/backup.sh'), backups], { env });
    expect(stdout).toContain('备份完成');
    const [dir] = fs.readdirSync(backups);
    const listed = fs.readdirSync(path.join(backups, dir)).sort();
    expect(listed).toEqual(
      [
        'MANIFEST.sha256',
        testEngine() === 'sqlite' ? 'database.sqlite' : 'database.sql.gz',
        'files.sha256',
        'files.tar.gz',
      ].sort(),
    );
    const manifest = fs.readFileSync(path.join(backups, dir, 'MANIFEST.sha256'), 'utf8');
    const tarSum = createHash('sha256')
      .update(fs.readFileSync(path.join(backups, dir, 'files.tar.gz')))
      .digest('hex');
    expect(manifest).toContain(`${tarSum}  files.tar.gz`);
    expect(
      fs
        .readFileSync(path.join(backups, dir, 'files.sha256'), 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(Object.keys(beforeFiles).length);
  });

  it('refuses a backup that does not match its manifest and changes nothing', async () => {
    const [dir] = fs.readdirSync(backups);
    const bad = path.join(os.tmpdir(), `xs-bad-backup-${process.pid}`);
    fs.cpSync(path.join(backups, dir), bad, { recursive: true });
    const tar = path.join(bad, 'files.tar.gz');
    const bytes = fs.readFileSync(tar);
    bytes[bytes.length - 20] ^= 0xff;
    fs.writeFileSync(tar, bytes);
    const failed = await run('bash', [path.join(ROOT, 'scripts/restore.sh'), bad, '--yes'], { env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    fs.rmSync(bad, { recursive: true, force: true });
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain('校验和不符');
    expect(filesOf(filesDir)).toEqual(beforeFiles);
    expect(await snapshot(t!.ds)).toEqual(before);
  });

  it('after wiping the database and the files, restores every row, file and PDF byte for byte', async () => {
    await t!.close();
    t = undefined;
    if (testEngine() === 'sqlite') fs.rmSync(db.url.slice('sqlite:'.length));
    else await db.drop();
    fs.rmSync(filesDir, { recursive: true, force: true });

    const [dir] = fs.readdirSync(backups);
    const { stdout } = await run('bash', [path.join(ROOT, 'scripts/restore.sh'), path.join(backups, dir), '--yes'], {
      env,
    });
    expect(stdout).toContain('恢复完成');

    t = await startTestApp({ XS_FILES_DIR: filesDir, ...QUIET_OUTBOX }, { databaseUrl: db.url });
    expect(await snapshot(t.ds)).toEqual(before);
    expect(filesOf(filesDir)).toEqual(beforeFiles);
    const proposal = await t.http().get(`/api/v1/proposals/${completed}`).set(c.lead.auth).expect(200);
    expect(proposal.body.status).toBe('completed');
    const file = await t
      .http()
      .get(`/api/v1/reports/${pdf.id}/file`)
      .set(c.staff.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(
      createHash('sha256')
        .update(file.body as Buffer)
        .digest('hex'),
    ).toBe(pdf.sha256);
  });
});
