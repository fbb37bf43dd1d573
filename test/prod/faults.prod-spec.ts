import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { signInOverHttp } from '../support/second-factor-http';
import { ADMIN_PASSWORD } from '../support/test-app';
import { freePort, sleep, until as untilWithin } from '../support/wait';

const until = <T>(check: () => Promise<T | undefined | false>, what: string, ms = 120_000) =>
  untilWithin(check, what, ms);

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

/**
 * Faults in the production topology, with real processes: scripts/topology.sh starts two `api` and one
 * `worker` (the built dist/) on MariaDB and on a Redis of this suite's own with AOF, so it can be
 * restarted without touching the Redis other suites use. kill -9 a worker in the middle of a render,
 * restart Redis during a burst of jobs, kill -9 an api during a burst of submissions — and then count
 * what is in the database and on disk.
 */
describe('faults in the production topology (kill -9, Redis restart)', () => {
  const db = `xs_t_fault_${process.pid}`;
  let dir: string;
  let redis: ChildProcess;
  let redisPort: number;
  let ports: number[];
  let env: NodeJS.ProcessEnv;
  let staff: string;
  let member: string;
  let sessionId: number;

  const topology = (...args: string[]) =>
    run('bash', [path.join(ROOT, 'scripts/topology.sh'), ...args], { env, cwd: ROOT });
  const api = (port: number, method: string, route: string, token?: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${port}/api/v1${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const json = async (res: Promise<Response>, expected: number) => {
    const r = await res;
    const body = await r.json();
    if (r.status !== expected) throw new Error(`${r.url}: ${r.status} ${JSON.stringify(body)}`);
    return body;
  };
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const conn = await createConnection(`mysql://root@127.0.0.1:3306/${db}`);
    try {
      return (await conn.query(sql, params))[0] as T[];
    } finally {
      await conn.end();
    }
  };
  const startRedis = async () => {
    redis = spawn(
      'redis-server',
      [
        '--port',
        String(redisPort),
        '--bind',
        '127.0.0.1',
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--save',
        '',
        '--dir',
        dir,
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      if (
        await run('redis-cli', ['-p', String(redisPort), 'ping']).then(
          (r) => r.stdout.includes('PONG'),
          () => false,
        )
      )
        return;
      await sleep(100);
    }
    throw new Error('redis did not start');
  };
  const reportRow = async (id: number) =>
    (
      await query<{
        status: string;
        attempts: number;
        filePath: string | null;
        sha256: string | null;
        pages: number | null;
      }>('SELECT status, attempts, filePath, sha256, pages FROM reports WHERE id = ?', [id])
    )[0];
  const requestReport = async (proposalId: number) =>
    (
      await json(
        api(ports[1], 'POST', '/reports', staff, {
          kind: 'proposal-sheet',
          subject: { type: 'proposal', id: proposalId },
        }),
        202,
      )
    ).id as number;
  const submitted = async (title: string) => {
    const draft = await json(
      api(ports[1], 'POST', '/proposals', member, {
        sessionId,
        kind: 'individual',
        title,
        category: 'society',
        background: '故障测试的提案背景。',
        suggestions: ['建议一'],
      }),
      201,
    );
    await json(api(ports[1], 'POST', `/proposals/${draft.id}/submit`, member, {}), 200);
    return draft.id as number;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-faults-'));
    redisPort = await freePort();
    ports = [await freePort(), await freePort()];
    await startRedis();
    env = {
      ...process.env,
      XS_TOPO_DB: db,
      XS_TOPO_PORTS: ports.join(' '),
      XS_TOPO_DIR: path.join(dir, 'topology'),
      XS_TOPO_FRESH: '1',
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      XS_ADMIN_PASSWORD: ADMIN_PASSWORD,
      XS_BCRYPT_ROUNDS: '4',
      // Every request here must be a render of its own: no rendered report is handed back for an identical one.
      XS_REPORT_REUSE_MINUTES: '0',
      XS_JOB_LOCK_MS: '3000',
      XS_JOB_BACKOFF_MS: '200',
    };
    await topology('start');
    // The administrator enrols the second factor on first sign-in, as in production.
    const admin = await signInOverHttp(`http://127.0.0.1:${ports[0]}`, 'admin', ADMIN_PASSWORD);
    const sector = (await json(api(ports[0], 'GET', '/sectors', admin), 200)).items[0].id;
    const m = await json(api(ports[0], 'POST', '/members', admin, { name: '故障测试委员', sectorId: sector }), 201);
    const opensAt = new Date(Date.now() - 86400_000).toISOString();
    const closesAt = new Date(Date.now() + 30 * 86400_000).toISOString();
    sessionId = (
      await json(
        api(ports[0], 'POST', '/sessions', admin, { code: '1-1', name: '故障测试会次', opensAt, closesAt }),
        201,
      )
    ).id;
    for (const [username, roles, extra] of [
      ['fault-staff', ['staff'], {}],
      ['fault-member', ['member'], { memberId: m.id }],
    ] as const) {
      await json(
        api(ports[0], 'POST', '/users', admin, {
          username,
          password: 'Fault2026pw',
          displayName: username,
          roles,
          ...extra,
        }),
        201,
      );
    }
    // Accounts an admin creates change their password at first sign-in before they may do anything else (staff
    // enrol their second factor first).
    const firstSignIn = async (username: string) => {
      const token = await signInOverHttp(`http://127.0.0.1:${ports[0]}`, username, 'Fault2026pw');
      const changed = await api(ports[0], 'POST', '/users/me/password', token, {
        currentPassword: 'Fault2026pw',
        newPassword: 'Fault2026own',
      });
      if (changed.status !== 204) throw new Error(`${username}: password change ${changed.status}`);
      return token;
    };
    staff = await firstSignIn('fault-staff');
    member = await firstSignIn('fault-member');
  });

  afterAll(async () => {
    await topology('stop').catch(() => undefined);
    redis?.kill('SIGKILL');
    const conn = await createConnection('mysql://root@127.0.0.1:3306');
    await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await conn.end();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('kill -9 of the worker in the middle of a render: after it restarts the report is done, with one file matching its checksum', async () => {
    const proposalId = await submitted('关于故障恢复测试的提案（渲染中断）');
    let killed: number | undefined;
    for (let tries = 0; tries < 8 && killed === undefined; tries++) {
      const id = await requestReport(proposalId);
      const rendering = await until(async () => {
        const row = await reportRow(id);
        return row.status === 'rendering' || row.status === 'done' ? row.status : undefined;
      }, 'the render to start');
      if (rendering !== 'rendering') continue;
      await topology('kill-worker');
      if ((await reportRow(id)).status === 'rendering') killed = id;
      else await topology('restart-worker');
    }
    expect(killed).toBeDefined();
    await topology('restart-worker');
    const done = await until(async () => {
      const row = await reportRow(killed!);
      return row.status === 'done' ? row : undefined;
    }, 'the report to be rendered after the restart');
    expect(done.attempts).toBe(2);
    expect(done.pages).toBeGreaterThan(0);
    const file = fs.readFileSync(path.join(dir, 'topology', 'files', done.filePath!));
    expect(createHash('sha256').update(file).digest('hex')).toBe(done.sha256);
    const folder = path.dirname(path.join(dir, 'topology', 'files', done.filePath!));
    expect(fs.readdirSync(folder).filter((f) => f.startsWith(`${killed}.`))).toEqual([`${killed}.pdf`]);
  });

  it('Redis restarted (AOF) during a burst of report jobs: every report is rendered, none lost, none twice', async () => {
    // Twelve proposals: an identical request while the first is queued would get that report back (200), not a job.
    const ids: number[] = [];
    for (let i = 0; i < 12; i++)
      ids.push(await requestReport(await submitted(`关于故障恢复测试的第${i + 1}件提案（队列重启）`)));
    await run('redis-cli', ['-p', String(redisPort), 'shutdown']);
    await until(async () => redis.exitCode !== null, 'redis to stop', 10_000);
    await sleep(1000);
    await startRedis();
    const rows = await until(async () => {
      const r = await query<{ id: number; status: string }>(
        `SELECT id, status FROM reports WHERE id IN (${ids.join(',')})`,
      );
      return r.every((x) => x.status === 'done') ? r : undefined;
    }, 'every report of the burst to be rendered');
    expect(rows).toHaveLength(12);
    const files = await query<{ filePath: string }>(`SELECT filePath FROM reports WHERE id IN (${ids.join(',')})`);
    expect(new Set(files.map((f) => f.filePath)).size).toBe(12);
  });

  it('kill -9 of an api during a burst of submissions: every acknowledged proposal is in the database once and submitted; the rest are whole or absent', async () => {
    const titles = Array.from({ length: 40 }, (_, i) => `关于进程中断测试的第${i + 1}件提案`);
    let answered = 0;
    const flows = titles.map(async (title) => {
      try {
        const draft = await api(ports[0], 'POST', '/proposals', member, {
          sessionId,
          kind: 'individual',
          title,
          category: 'economy',
          background: '进程中断测试的背景。',
          suggestions: ['建议'],
        });
        if (draft.status !== 201) return { title, created: null, submitted: false };
        const id = (await draft.json()).id as number;
        const sub = await api(ports[0], 'POST', `/proposals/${id}/submit`, member, {});
        answered++;
        return { title, created: id, submitted: sub.status === 200 };
      } catch {
        return { title, created: null, submitted: false };
      }
    });
    await until(async () => answered >= 8, 'the first submissions', 60_000);
    await topology('kill-api', String(ports[0]));
    const outcomes = await Promise.all(flows);
    const acknowledged = outcomes.filter((o) => o.submitted);
    expect(acknowledged.length).toBeGreaterThanOrEqual(8);
    expect(outcomes.some((o) => !o.submitted)).toBe(true); // the kill did cut some flows

    const rows = await query<{ id: number; title: string; status: string; background: string }>(
      `SELECT id, title, status, background FROM proposals WHERE title IN (${titles.map(() => '?').join(',')})`,
      titles,
    );
    for (const o of outcomes) {
      const mine = rows.filter((r) => r.title === o.title);
      expect(mine.length).toBeLessThanOrEqual(1);
      if (o.created) expect(mine.map((r) => r.id)).toEqual([o.created]);
      if (o.submitted) expect(mine[0].status).toBe('submitted');
      // Whatever was written is whole: a draft or a submission with its text, never a bare row.
      for (const r of mine) expect(r.background).toBe('进程中断测试的背景。');
    }
    // The other api served on, and the killed one comes back.
    expect((await api(ports[1], 'GET', '/proposals?pageSize=1', member)).status).toBe(200);
    await topology('start-api', String(ports[0]));
    expect((await api(ports[0], 'GET', '/proposals?pageSize=1', member)).status).toBe(200);
  });
});
