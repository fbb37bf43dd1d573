#!/usr/bin/env node
/**
 * bench/load — the deadline rush: 200 members at once creating and submitting proposals while staff list and
 * search and the workers render PDFs. Run against the production topology (scripts/topology.sh: two api
 * processes and one worker on MariaDB + Redis) and, as the baseline of the same run, against the embedded
 * default (one process, SQLite, jobs in-process) under the same load. Prints throughput, p50/p99 and errors,
 * then checks in the database that every acknowledged submission exists exactly once.
 *
 *   npm run build && node bench/load.js          # BENCH_SECONDS=20 BENCH_MEMBERS=200 BENCH_TARGETS=topology,embedded
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const { createConnection } = require('mysql2/promise');
const Database = require('better-sqlite3');
const { ADMIN_PASSWORD, startApp, stopApp, waitForHealth, login } = require('./lib/app');

const SECONDS = Number(process.env.BENCH_SECONDS || 20);
const MEMBERS = Number(process.env.BENCH_MEMBERS || 200);
const TARGETS = (process.env.BENCH_TARGETS || 'topology,embedded').split(',');
const ROOT = path.resolve(__dirname, '..');
const TOPO_DB = 'xs_bench_load';
const PASSWORD = 'Load2026pw';

async function call(port, token, method, route, body) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A session open now, MEMBERS member accounts and one staff account, through the API; their tokens. */
async function seed(port) {
  const admin = await login(port, 'admin');
  const sectors = (await call(port, admin, 'GET', '/sectors')).items;
  const now = Date.now();
  const session = await call(port, admin, 'POST', '/sessions', {
    code: '9-9',
    name: '压力测试会次',
    opensAt: new Date(now - 86400e3).toISOString(),
    closesAt: new Date(now + 30 * 86400e3).toISOString(),
  });
  await call(port, admin, 'POST', '/users', {
    username: 'load-staff',
    password: PASSWORD,
    displayName: '压力测试工作人员',
    roles: ['staff'],
  });
  const members = [];
  for (let i = 0; i < MEMBERS; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, MEMBERS - i) }, async (_, k) => {
        const n = i + k;
        const m = await call(port, admin, 'POST', '/members', {
          name: `压测委员${String(n).padStart(3, '0')}`,
          sectorId: sectors[n % sectors.length].id,
        });
        await call(port, admin, 'POST', '/users', {
          username: `load-m${n}`,
          password: PASSWORD,
          displayName: m.name,
          roles: ['member'],
          memberId: m.id,
        });
        members[n] = await login(port, `load-m${n}`, PASSWORD);
      }),
    );
  }
  return { sessionId: session.id, members, staff: await login(port, 'load-staff', PASSWORD) };
}

/** Throughput, latency, and what went wrong: connection errors, time-outs (10 s) and answers by status other than 2xx. */
const summary = (r) => ({
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors + r.timeouts + r.non2xx,
  total: r.requests.total,
  detail: {
    errors: r.errors,
    timeouts: r.timeouts,
    ...Object.fromEntries(
      Object.entries(r.statusCodeStats ?? {})
        .filter(([code]) => !code.startsWith('2'))
        .map(([code, v]) => [code, v.count]),
    ),
  },
});

/** The rush against these api ports: members split evenly over them, staff on the first, a report requested every second. */
async function rush(ports, seeded) {
  const acknowledged = [];
  let seq = 0;
  let nextMember = 0;
  const memberRuns = ports.map((port, p) =>
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: Math.ceil(MEMBERS / ports.length),
      duration: SECONDS,
      setupClient: (client) => {
        client.setHeaders({
          'content-type': 'application/json',
          authorization: `Bearer ${seeded.members[nextMember++ % MEMBERS]}`,
        });
      },
      requests: [
        {
          method: 'POST',
          path: '/api/v1/proposals',
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({
              sessionId: seeded.sessionId,
              kind: 'individual',
              title: `关于截止日前第${p}-${++seq}件压力测试提案`,
              category: 'society',
              background: '截止日前的集中提交。',
              suggestions: ['建议'],
            }),
          }),
          onResponse: (status, body, context) => {
            context.id = status === 201 ? JSON.parse(body).id : null;
          },
        },
        {
          method: 'POST',
          setupRequest: (req, context) => ({ ...req, path: `/api/v1/proposals/${context.id ?? 0}/submit`, body: '{}' }),
          onResponse: (status, _body, context) => {
            if (status === 200 && context.id) acknowledged.push(context.id);
          },
        },
      ],
    }),
  );
  const staffRun = autocannon({
    url: `http://127.0.0.1:${ports[0]}`,
    connections: 10,
    duration: SECONDS,
    headers: { authorization: `Bearer ${seeded.staff}` },
    requests: [
      { method: 'GET', path: '/api/v1/proposals?status=submitted&pageSize=20' },
      { method: 'GET', path: `/api/v1/proposals?q=${encodeURIComponent('压力测试')}&pageSize=20` },
    ],
  });
  const reports = [];
  const pending = [];
  const ticker = setInterval(() => {
    const id = acknowledged[acknowledged.length - 1];
    if (id)
      pending.push(
        call(ports[0], seeded.staff, 'POST', '/reports', {
          kind: 'proposal-sheet',
          subject: { type: 'proposal', id },
        }).then(
          (r) => reports.push(r.id),
          (e) => {
            reports.push(null);
            if (process.env.BENCH_DEBUG) console.error(e.message);
          },
        ),
      );
  }, 1000);
  const [members, staff] = [await Promise.all(memberRuns), await staffRun];
  clearInterval(ticker);
  await Promise.all(pending);
  const add = (x, y) =>
    Object.fromEntries([...new Set([...Object.keys(x), ...Object.keys(y)])].map((k) => [k, (x[k] ?? 0) + (y[k] ?? 0)]));
  const merged = members.map(summary).reduce((a, b) => ({
    rps: a.rps + b.rps,
    p50: Math.max(a.p50, b.p50),
    p99: Math.max(a.p99, b.p99),
    errors: a.errors + b.errors,
    total: a.total + b.total,
    detail: add(a.detail, b.detail),
  }));
  return { members: merged, staff: summary(staff), acknowledged, reports };
}

/** Every acknowledged submission exists exactly once, submitted; no title twice. */
function verify(rows, acknowledged) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = acknowledged.filter((id) => byId.get(id)?.status !== 'submitted').length;
  const titles = new Map();
  for (const r of rows) titles.set(r.title, (titles.get(r.title) ?? 0) + 1);
  const duplicated = [...titles.values()].filter((n) => n > 1).length;
  return { acknowledged: acknowledged.length, unique: new Set(acknowledged).size, missing, duplicated };
}

async function waitReports(readStatuses, ids) {
  const wanted = ids.filter(Boolean);
  for (let i = 0; i < 600; i++) {
    const rows = await readStatuses(wanted);
    if (rows.every((r) => r.status === 'done' || r.status === 'failed'))
      return {
        requested: ids.length,
        done: rows.filter((r) => r.status === 'done').length,
        refused: ids.length - wanted.length,
      };
    await new Promise((r) => setTimeout(r, 500));
  }
  return { requested: ids.length, done: 'timed out' };
}

async function topology() {
  const env = {
    ...process.env,
    XS_TOPO_DB: TOPO_DB,
    XS_TOPO_PORTS: '3201 3202',
    XS_TOPO_DIR: path.join(os.tmpdir(), 'xs-bench-load'),
    XS_TOPO_FRESH: '1',
    XS_BCRYPT_ROUNDS: '4',
    XS_ADMIN_PASSWORD: ADMIN_PASSWORD,
  };
  const topo = (cmd) => execFileSync('bash', [path.join(ROOT, 'scripts/topology.sh'), cmd], { env, stdio: 'inherit' });
  topo('start');
  try {
    const seeded = await seed(3201);
    const result = await rush([3201, 3202], seeded);
    const conn = await createConnection(`mysql://root@127.0.0.1:3306/${TOPO_DB}`);
    const [rows] = await conn.query("SELECT id, title, status FROM proposals WHERE title LIKE '关于截止日前%'");
    const reports = await waitReports(
      async (ids) =>
        ids.length ? (await conn.query(`SELECT status FROM reports WHERE id IN (${ids.join(',')})`))[0] : [],
      result.reports,
    );
    await conn.end();
    return { ...result, check: verify(rows, result.acknowledged), pdf: reports };
  } finally {
    topo('stop');
  }
}

async function embedded() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-bench-load-'));
  const file = path.join(dir, 'db.sqlite');
  process.env.XS_BCRYPT_ROUNDS = '4';
  const child = startApp(`sqlite:${file}`, 3203);
  try {
    await waitForHealth(3203);
    const seeded = await seed(3203);
    const result = await rush([3203], seeded);
    const db = new Database(file, { readonly: true });
    const rows = db.prepare("SELECT id, title, status FROM proposals WHERE title LIKE '关于截止日前%'").all();
    const reports = await waitReports(
      async (ids) => (ids.length ? db.prepare(`SELECT status FROM reports WHERE id IN (${ids.join(',')})`).all() : []),
      result.reports,
    );
    db.close();
    return { ...result, check: verify(rows, result.acknowledged), pdf: reports };
  } finally {
    await stopApp(child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

(async () => {
  const results = {};
  for (const target of TARGETS) results[target] = target === 'topology' ? await topology() : await embedded();
  const base = results.embedded;
  console.log(
    `\n截止日前集中提交：${MEMBERS} 名委员并发（新建 + 提交），10 名工作人员列表与检索，每秒一份提案单 PDF；${SECONDS} 秒，${os.cpus().length} 核\n`,
  );
  console.log(
    '| target | member req/s | p50 ms | p99 ms | errors | staff req/s | staff p99 ms | acknowledged | in DB once | duplicated | PDFs done | vs embedded |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [target, r] of Object.entries(results)) {
    const ratio = base ? (r.members.rps / base.members.rps).toFixed(2) : '–';
    console.log(
      `| ${target} | ${r.members.rps.toFixed(0)} | ${r.members.p50} | ${r.members.p99} | ${r.members.errors} | ${r.staff.rps.toFixed(0)} | ${r.staff.p99} | ${r.check.acknowledged} | ${r.check.acknowledged - r.check.missing} | ${r.check.duplicated} | ${r.pdf.done}/${r.pdf.requested} | ${ratio} |`,
    );
  }
  for (const [target, r] of Object.entries(results))
    console.log(
      `${target}: members ${JSON.stringify(r.members.detail)}, staff ${JSON.stringify(r.staff.detail)} (${r.staff.total} answered)`,
    );
  const bad = Object.values(results).some(
    (r) => r.check.missing || r.check.duplicated || r.check.unique !== r.check.acknowledged,
  );
  if (bad) console.log('\n有已确认的提交在数据库中缺失或重复！');
  process.exit(bad ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
