import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chainHash, ChainedFields } from '../../src/audit/audit-chain';
import { AuditEntry } from '../../src/audit/audit.entities';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The keyed audit chain against someone with write access to the database but not the key
 * (security review M5): rows rewritten and re-chained, the tail deleted and the head moved back.
 * Each app gets a database of its own (no template: its rows must be keyed with this suite's key).
 */
const KEY = 'e2e-audit-key-0123456789abcdefghijklmnopqrstuvwxyz';
const CLI = path.resolve(__dirname, '../../dist/cli/audit-verify.js');

interface ChainApp {
  t: TestApp;
  env: Record<string, string>;
  dir: string;
  admin: string;
}

async function startChainApp(extra: Record<string, string> = {}): Promise<ChainApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-chain-'));
  const env: Record<string, string> = {
    XS_AUDIT_KEY: KEY,
    // A seed setting: the app migrates a database of its own and never publishes it as the run's template.
    XS_BCRYPT_ROUNDS: '4',
    XS_AUDIT_ANCHOR_FILE: path.join(dir, 'anchors.jsonl'),
    ...(process.env.TEST_DB === 'mariadb' ? {} : { DATABASE_URL: `sqlite:${path.join(dir, 'chain.sqlite')}` }),
    ...extra,
  };
  const t = await startTestApp(env, { template: false });
  const admin = await t.tokenFor('admin');
  for (let i = 0; i < 6; i++)
    await t
      .http()
      .post('/api/v1/committees')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: `链测试委员会${i}` })
      .expect(201);
  const url = t.config.database.type === 'mysql' ? t.config.database.url : `sqlite:${t.config.database.file}`;
  return { t, env: { ...env, DATABASE_URL: url }, dir, admin };
}

async function stopChainApp(c: ChainApp): Promise<void> {
  await c.t.close();
  fs.rmSync(c.dir, { recursive: true, force: true });
}

const verifyApi = async (c: ChainApp) =>
  (await c.t.http().get('/api/v1/audit/verify').set('Authorization', `Bearer ${c.admin}`).expect(200)).body;

/** The built `npm run audit:verify`, with the app's settings. */
function verifyCli(c: ChainApp, env: Record<string, string> = {}) {
  const { XS_AUDIT_KEY: _k, ...rest } = process.env;
  return spawnSync('node', [CLI], { env: { ...rest, ...c.env, ...env }, encoding: 'utf8' });
}

const rows = (c: ChainApp) => c.t.ds.getRepository(AuditEntry).find({ order: { seq: 'ASC' } });

/**
 * What an attacker with database access but without the key does: changes the actor of the row at `seq`,
 * recomputes its hash and every later one with `hashOf`, links them, and moves the head to the new end.
 * Returns a function that puts everything back.
 */
async function rewriteAndRechain(c: ChainApp, seq: number, hashOf: (f: ChainedFields) => string) {
  const all = await rows(c);
  const saved = all.map((r) => ({ ...r }));
  const [head] = await c.t.ds.query('SELECT seq, hash FROM audit_head WHERE id = 1');
  let prev = all[seq - 2]?.hash ?? '0'.repeat(64);
  for (const r of all.filter((x) => x.seq >= seq)) {
    if (r.seq === seq) r.actorName = '冒名';
    r.prevHash = prev;
    r.hash = hashOf(r);
    prev = r.hash;
    await c.t.ds.query('UPDATE audit_entries SET actorName = ?, prevHash = ?, hash = ? WHERE id = ?', [
      r.actorName,
      r.prevHash,
      r.hash,
      r.id,
    ]);
  }
  await c.t.ds.query('UPDATE audit_head SET hash = ? WHERE id = 1', [prev]);
  return async () => {
    for (const r of saved.filter((x) => x.seq >= seq))
      await c.t.ds.query('UPDATE audit_entries SET actorName = ?, prevHash = ?, hash = ? WHERE id = ?', [
        r.actorName,
        r.prevHash,
        r.hash,
        r.id,
      ]);
    await c.t.ds.query('UPDATE audit_head SET hash = ? WHERE id = 1', [head.hash]);
  };
}

/** The keyed hash an attacker would compute with a key of his own (the same canonical form as the app). */
const wrongKeyHash = (f: ChainedFields) =>
  createHmac('sha256', 'attacker-guess-0123456789abcdef0123456789')
    .update(
      JSON.stringify([
        'hmac-sha256',
        f.seq,
        f.at.toISOString(),
        f.actorId,
        f.actorName,
        f.action,
        f.entityType,
        f.entityId,
        f.fromState,
        f.toState,
        f.comment,
        f.requestId,
        f.prevHash,
      ]),
    )
    .digest('hex');

describe('keyed audit chain (HMAC-SHA256)', () => {
  let c: ChainApp;
  beforeAll(async () => {
    c = await startChainApp();
  });
  afterAll(() => stopChainApp(c));

  it('an intact chain verifies by the API and the command', async () => {
    expect(await verifyApi(c)).toMatchObject({ ok: true, keyedFrom: 1, firstBroken: null });
    const cli = verifyCli(c);
    expect(cli.stdout).toMatch(/审计链完整：共核验 \d+ 条记录/);
    expect(cli.status).toBe(0);
  });

  it('detects a row rewritten and re-chained with the unkeyed hash, by the API and the command', async () => {
    const restore = await rewriteAndRechain(c, 3, chainHash);
    try {
      const [victim] = (await rows(c)).filter((r) => r.seq === 3);
      expect(await verifyApi(c)).toMatchObject({
        ok: false,
        checked: 2,
        firstBroken: { seq: 3, id: victim.id, reason: 'hash_mismatch' },
      });
      const cli = verifyCli(c);
      expect(cli.status).toBe(1);
      expect(cli.stdout).toContain(`序号 3，记录编号 ${victim.id}`);
    } finally {
      await restore();
    }
    expect((await verifyApi(c)).ok).toBe(true);
  });

  it('detects a row rewritten and re-chained with a wrong key, by the API and the command', async () => {
    const restore = await rewriteAndRechain(c, 4, wrongKeyHash);
    try {
      expect(await verifyApi(c)).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'hash_mismatch' } });
      const cli = verifyCli(c);
      expect(cli.status).toBe(1);
      expect(cli.stdout).toContain('序号 4');
    } finally {
      await restore();
    }
  });

  it('the command refuses to vouch for the chain with another key', () => {
    const cli = verifyCli(c, { XS_AUDIT_KEY: 'another-key-0123456789abcdefghijklmnopqrstuv' });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain('审计链被破坏');
  });

  it('reports how many rows were verified before a break at the first rows', async () => {
    const [first, second] = await rows(c);
    await c.t.ds.query(`UPDATE audit_entries SET comment = 'x' WHERE id = ?`, [second.id]);
    try {
      expect(await verifyApi(c)).toMatchObject({ ok: false, checked: 1, firstBroken: { seq: 2 } });
      expect(verifyCli(c).stdout).toContain('已核验 1 条');
      await c.t.ds.query(`UPDATE audit_entries SET comment = 'x' WHERE id = ?`, [first.id]);
      expect(await verifyApi(c)).toMatchObject({ ok: false, checked: 0, firstBroken: { seq: 1 } });
    } finally {
      await c.t.ds.query('UPDATE audit_entries SET comment = ? WHERE id IN (?, ?)', [null, first.id, second.id]);
    }
    expect((await verifyApi(c)).ok).toBe(true);
  });

  it('detects the tail deleted and the head moved back through the anchor file', async () => {
    await c.t.jobs.runNow('deadlines', 'sweep');
    const lines = fs.readFileSync(c.env.XS_AUDIT_ANCHOR_FILE, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    const anchor = JSON.parse(lines[0]);
    const all = await rows(c);
    expect(anchor).toMatchObject({ seq: all.length, hash: all[all.length - 1].hash, alg: 'hmac-sha256' });
    expect(await verifyApi(c)).toMatchObject({ ok: true, anchors: 1 });

    // A second sweep the same day anchors nothing more.
    await c.t.jobs.runNow('deadlines', 'sweep');
    expect(fs.readFileSync(c.env.XS_AUDIT_ANCHOR_FILE, 'utf8').trim().split('\n')).toHaveLength(1);

    const keep = all.slice(0, all.length - 2);
    const last = keep[keep.length - 1];
    await c.t.ds.query('DELETE FROM audit_entries WHERE seq > ?', [last.seq]);
    await c.t.ds.query('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1', [last.seq, last.hash]);
    expect(await verifyApi(c)).toMatchObject({
      ok: false,
      checked: last.seq,
      firstBroken: { seq: last.seq + 1, reason: 'anchor_truncated' },
    });
    const cli = verifyCli(c);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(`锚点已到第 ${all.length} 条`);
  });
});

describe('keyed audit chain (HMAC-SM3)', () => {
  let c: ChainApp;
  beforeAll(async () => {
    c = await startChainApp({ XS_AUDIT_HMAC: 'sm3' });
  });
  afterAll(() => stopChainApp(c));

  it('writes and verifies a chain in HMAC-SM3, by the API and the command', async () => {
    expect(new Set((await rows(c)).map((r) => (r as AuditEntry & { alg: string }).alg))).toEqual(new Set(['hmac-sm3']));
    expect(await verifyApi(c)).toMatchObject({ ok: true, keyedFrom: 1 });
    expect(verifyCli(c).status).toBe(0);
  });

  it('detects a row re-chained with a wrong key', async () => {
    const restore = await rewriteAndRechain(c, 2, (f) =>
      createHmac('sm3', 'attacker-guess-0123456789abcdef0123456789').update(JSON.stringify(f)).digest('hex'),
    );
    try {
      expect(await verifyApi(c)).toMatchObject({ ok: false, checked: 1, firstBroken: { seq: 2 } });
      expect(verifyCli(c).status).toBe(1);
    } finally {
      await restore();
    }
  });
});

describe('a chain written before the key', () => {
  it('keeps verifying the old unkeyed rows, keys the new ones, and refuses keyed rows passed off as old', async () => {
    const c = await startChainApp();
    let second: TestApp | null = null;
    try {
      // Turn the database into one of the previous version: unkeyed SHA-256 rows, no sealed first keyed seq.
      let prev = '0'.repeat(64);
      for (const r of await rows(c)) {
        r.prevHash = prev;
        r.hash = chainHash(r);
        prev = r.hash;
        await c.t.ds.query('UPDATE audit_entries SET alg = NULL, prevHash = ?, hash = ? WHERE id = ?', [
          r.prevHash,
          r.hash,
          r.id,
        ]);
      }
      const oldRows = (await rows(c)).length;
      await c.t.ds.query('UPDATE audit_head SET hash = ?, keyedFrom = NULL, seal = NULL WHERE id = 1', [prev]);

      // The upgraded app starts on it: it seals the next seq as the first keyed one.
      second = await startTestApp(c.env, { databaseUrl: c.env.DATABASE_URL });
      const admin = await second.tokenFor('admin');
      await second
        .http()
        .post('/api/v1/committees')
        .set('Authorization', `Bearer ${admin}`)
        .send({ name: '升级后委员会' })
        .expect(201);
      const res = await second.http().get('/api/v1/audit/verify').set('Authorization', `Bearer ${admin}`).expect(200);
      expect(res.body).toMatchObject({ ok: true, keyedFrom: oldRows + 1 });
      expect(res.body.checked).toBeGreaterThan(oldRows);

      // Keyed rows re-chained as old unkeyed ones (their scheme cleared) are refused.
      const after = (await second.ds.getRepository(AuditEntry).find({ order: { seq: 'ASC' } })).filter(
        (r) => r.seq > oldRows,
      );
      let link = (await second.ds.getRepository(AuditEntry).findOneByOrFail({ seq: oldRows })).hash;
      for (const r of after) {
        r.prevHash = link;
        r.hash = chainHash(r);
        link = r.hash;
        await second.ds.query('UPDATE audit_entries SET alg = NULL, prevHash = ?, hash = ? WHERE id = ?', [
          r.prevHash,
          r.hash,
          r.id,
        ]);
      }
      await second.ds.query('UPDATE audit_head SET hash = ? WHERE id = 1', [link]);
      const broken = await second.http().get('/api/v1/audit/verify').set('Authorization', `Bearer ${admin}`);
      expect(broken.body).toMatchObject({ ok: false, firstBroken: { seq: oldRows + 1, reason: 'unkeyed_row' } });
      // … and so is removing the seal as well.
      await second.ds.query('UPDATE audit_head SET keyedFrom = NULL, seal = NULL WHERE id = 1');
      const unsealed = await second.http().get('/api/v1/audit/verify').set('Authorization', `Bearer ${admin}`);
      expect(unsealed.body).toMatchObject({ ok: false, firstBroken: { reason: 'seal_mismatch' } });
      expect(verifyCli(c).status).toBe(1);
    } finally {
      if (second) await second.close();
      await stopChainApp(c);
    }
  });
});
