import { ChildProcess, execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { deleteQueueKeys, TEST_REDIS_URL } from '../support/redis-keys';
import { signInOverHttp } from '../support/second-factor-http';
import { ADMIN_PASSWORD } from '../support/test-app';
import { freePort, until } from '../support/wait';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
/** What docker/Dockerfile puts in the image beside node_modules: the built code and what it reads at run time. */
const SHIPPED = ['package.json', 'package-lock.json', 'dist', 'config', 'templates', 'public', 'scripts'];
const MINUTE = 60_000;

/**
 * The production install, as the image makes it: the built project copied alone into an empty folder,
 * `npm ci --omit=dev` there (dev dependencies absent, better-sqlite3 compiled for this Node), then the
 * api and a worker started from that copy on a fresh MariaDB database and Redis — one PDF requested
 * through the API and rendered by the worker — and both stopped with SIGTERM. A run-time module left
 * among the dev dependencies (puppeteer-core once was) fails here; the other suites, which run in the
 * development tree, cannot see it.
 */
describe('production install (npm ci --omit=dev) starts and renders a PDF', () => {
  const db = `xs_t_smoke_${process.pid}`;
  const prefix = db;
  let dir: string;
  let port: number;
  let api: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  const logs: Record<string, string> = { api: '', worker: '' };

  /** Node and npm of this run: the same node binary (its ABI is the one better-sqlite3 is built for). */
  const nodeBin = path.dirname(process.execPath);
  const nodeDir =
    process.env.npm_config_nodedir ??
    (fs.existsSync(path.join(nodeBin, '..', 'include', 'node')) ? path.resolve(nodeBin, '..') : undefined);
  const baseEnv = (): NodeJS.ProcessEnv => ({
    PATH: `${nodeBin}:${process.env.PATH}`,
    HOME: process.env.HOME,
    LANG: process.env.LANG ?? 'C.UTF-8',
    // npm reaches the registry as this machine does (a proxy's certificate authority): a dependency not yet in
    // npm's cache is fetched, as it would be on a fresh machine.
    ...(process.env.NODE_EXTRA_CA_CERTS ? { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS } : {}),
  });
  const appEnv = (): NodeJS.ProcessEnv => ({
    ...baseEnv(),
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: `mysql://root@127.0.0.1:3306/${db}`,
    REDIS_URL: TEST_REDIS_URL,
    XS_QUEUE_PREFIX: prefix,
    XS_FILES_DIR: path.join(dir, 'data', 'files'),
    XS_ADMIN_PASSWORD: ADMIN_PASSWORD,
    XS_BCRYPT_ROUNDS: '4',
    // A render that cannot work fails in seconds, not after the production backoff of minutes.
    XS_JOB_BACKOFF_MS: '200',
    XS_LOG_JSON: '1',
  });
  const start = (name: 'api' | 'worker', script: string) => {
    const child = spawn(process.execPath, [script], { cwd: dir, env: appEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (logs[name] += d));
    child.stderr!.on('data', (d) => (logs[name] += d));
    return child;
  };
  const exitOf = (child: ChildProcess) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.exitCode !== null || child.signalCode !== null
        ? resolve({ code: child.exitCode, signal: child.signalCode })
        : child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  const call = async (method: string, route: string, token?: string, body?: unknown) => {
    const r = await fetch(`http://127.0.0.1:${port}${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: r.headers.get('content-type')?.includes('json') ? await r.json() : null };
  };
  const expectStatus = async (res: Promise<{ status: number; body: any }>, status: number) => {
    const r = await res;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'main.js'))) throw new Error('dist/ is missing: build first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-smoke-'));
    for (const item of SHIPPED) fs.cpSync(path.join(ROOT, item), path.join(dir, item), { recursive: true });
    await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
      env: {
        ...baseEnv(),
        PUPPETEER_SKIP_DOWNLOAD: '1',
        ...(nodeDir ? { npm_config_nodedir: nodeDir } : {}),
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    const conn = await createConnection('mysql://root@127.0.0.1:3306');
    await conn.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci`);
    await conn.end();
    port = await freePort();
  }, 20 * MINUTE);

  afterAll(async () => {
    for (const child of [api, worker])
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const conn = await createConnection('mysql://root@127.0.0.1:3306');
    await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await conn.end();
    await deleteQueueKeys(TEST_REDIS_URL, prefix);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has no development dependency installed', () => {
    expect(fs.existsSync(path.join(dir, 'node_modules', 'typescript'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'node_modules', 'jest'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release'))).toBe(true);
  });

  it(
    'api and worker start from the copy, the worker renders a PDF requested through the API, both exit 0 on SIGTERM',
    async () => {
      api = start('api', 'dist/main.js');
      await until(
        async () => {
          if (api!.exitCode !== null) throw new Error(`api exited ${api!.exitCode}:\n${logs.api}`);
          return (await call('GET', '/health')).status === 200;
        },
        'the api to be healthy',
        2 * MINUTE,
      ).catch((e) => {
        throw new Error(`${(e as Error).message}\n${logs.api}`);
      });
      worker = start('worker', 'dist/worker.js');

      // The least a report needs: a session, and staff to ask for its 提案办理情况报告 (ECharts and Chromium).
      // The administrator enrols the second factor on first sign-in, as in production.
      const admin = await signInOverHttp(`http://127.0.0.1:${port}`, 'admin', ADMIN_PASSWORD);
      const day = 86_400_000;
      const session = await expectStatus(
        call('POST', '/api/v1/sessions', admin, {
          code: '1-1',
          name: '安装冒烟测试会次',
          opensAt: new Date(Date.now() - day).toISOString(),
          closesAt: new Date(Date.now() + 30 * day).toISOString(),
        }),
        201,
      );
      await expectStatus(
        call('POST', '/api/v1/users', admin, {
          username: 'smoke-staff',
          password: 'Smoke2026pw',
          displayName: '冒烟测试工作人员',
          roles: ['staff'],
        }),
        201,
      );
      // Staff enrol the second factor at first sign-in, then change the password an administrator set.
      const staff = await signInOverHttp(`http://127.0.0.1:${port}`, 'smoke-staff', 'Smoke2026pw');
      await expectStatus(
        call('POST', '/api/v1/users/me/password', staff, {
          currentPassword: 'Smoke2026pw',
          newPassword: 'Smoke2026own',
        }),
        204,
      );
      const report = await expectStatus(
        call('POST', '/api/v1/reports', staff, {
          kind: 'proposal-annual',
          subject: { type: 'session', id: session.id },
        }),
        202,
      );
      const done = await until(
        async () => {
          const r = await call('GET', `/api/v1/reports/${report.id}`, staff);
          if (r.body?.status === 'failed') throw new Error(`report failed: ${r.body.error}`);
          return r.body?.status === 'done' ? r.body : undefined;
        },
        'the worker to render the report',
        3 * MINUTE,
      ).catch(async (e) => {
        const r = await call('GET', `/api/v1/reports/${report.id}`, staff);
        throw new Error(`${(e as Error).message}: ${JSON.stringify(r.body)}\nworker log:\n${logs.worker}`);
      });
      expect(done.status).toBe('done');
      const file = await fetch(`http://127.0.0.1:${port}/api/v1/reports/${report.id}/file`, {
        headers: { authorization: `Bearer ${staff}` },
      });
      expect(file.status).toBe(200);
      const pdf = Buffer.from(await file.arrayBuffer());
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const apiExit = exitOf(api);
      const workerExit = exitOf(worker);
      api.kill('SIGTERM');
      worker.kill('SIGTERM');
      expect(await apiExit).toEqual({ code: 0, signal: null });
      expect(await workerExit).toEqual({ code: 0, signal: null });
      expect(logs.api).toContain('已停止');
      expect(logs.worker).toContain('已停止');
    },
    10 * MINUTE,
  );
});
