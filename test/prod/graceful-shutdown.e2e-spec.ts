import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ADMIN_PASSWORD } from '../support/test-app';
import { freePort } from '../support/wait';

const MAIN = path.resolve(__dirname, '../../dist/main.js');

/**
 * SIGTERM to a real `node dist/main.js` (the built api, as production runs it): a request whose body is
 * still arriving when the signal comes is answered in full, new connections are refused, and the
 * process exits 0 — the database is closed only after the requests in flight are done.
 */
describe('graceful shutdown of the api process', () => {
  let dir: string;
  let child: ChildProcess;
  let port: number;
  let log = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-shutdown-'));
    port = await freePort();
    child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
        XS_FILES_DIR: path.join(dir, 'files'),
        XS_ADMIN_PASSWORD: ADMIN_PASSWORD,
        XS_BCRYPT_ROUNDS: '4',
        XS_LOG_JSON: '0',
        REDIS_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (log += d));
    child.stderr!.on('data', (d) => (log += d));
    for (let i = 0; i < 200 && !log.includes('协商平台已启动'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(log).toContain('协商平台已启动');
  });
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers the request in flight, refuses new connections, then exits 0', async () => {
    const body = JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD });
    const half = Math.floor(body.length / 2);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/auth/login',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, half));
      // The first half has reached the server: the request is in flight when SIGTERM arrives.
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(half)), 700);
      }, 300);
    });

    // While it drains, a new connection is refused.
    await new Promise((r) => setTimeout(r, 600));
    const refused = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve('connected')));
      s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');

    const res = await answer;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).accessToken).toEqual(expect.any(String));
    expect(await exited).toBe(0);
    expect(log).toContain('不再接受新请求');
    expect(log).toContain('已停止');
  });
});
