#!/usr/bin/env node
/**
 * bench/api — throughput and latency of `GET /api/v1/members` (10,000 members, page of 20,
 * authenticated) beside `GET /health` (one trivial query) in the same run, on SQLite and MariaDB.
 * The app runs as its own process (`node dist/main.js`) so the load generator does not share its event loop.
 *
 *   npm run build && node bench/api.js            # both engines, 10 s per endpoint
 *   BENCH_SECONDS=5 BENCH_ENGINES=sqlite node bench/api.js
 */
'use strict';
const { databaseFor } = require('./lib/databases');
const { ADMIN_PASSWORD, login, startApp, stopApp, waitForHealth } = require('./lib/app');
require('reflect-metadata');
const os = require('node:os');
const autocannon = require('autocannon');
const { DataSource } = require('typeorm');
const { loadConfig } = require('../dist/config/app-config');
const { appDataSourceOptions } = require('../dist/app.entities');

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10);
const MEMBERS = Number(process.env.BENCH_MEMBERS || 10000);
const ENGINES = (process.env.BENCH_ENGINES || 'sqlite,mariadb').split(',');

/** 10,000 members across the shipped sectors, each on one committee: bulk inserts, not the API. */
async function seedMembers(url) {
  const ds = new DataSource(appDataSourceOptions(loadConfig({ DATABASE_URL: url })));
  await ds.initialize();
  const sectors = (await ds.query('SELECT id FROM sectors')).map((r) => r.id);
  const committees = (await ds.query('SELECT id FROM committees')).map((r) => r.id);
  const now = new Date();
  for (let start = 0; start < MEMBERS; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(start + 500, MEMBERS); i++) {
      rows.push({
        name: `测试委员${String(i).padStart(5, '0')}`,
        sectorId: sectors[i % sectors.length],
        status: 'active',
        disabled: false,
        term: '五届',
        phone: `1390000${String(i).padStart(4, '0')}`,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
    }
    await ds.createQueryBuilder().insert().into('members').values(rows).execute();
  }
  const ids = (await ds.query('SELECT id FROM members')).map((r) => r.id);
  for (let start = 0; start < ids.length; start += 1000) {
    const rows = ids
      .slice(start, start + 1000)
      .map((id, k) => ({ memberId: id, committeeId: committees[(start + k) % committees.length] }));
    await ds.createQueryBuilder().insert().into('member_committees').values(rows).execute();
  }
  await ds.destroy();
}

async function run(url, title, headers) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  return {
    title,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
  };
}

async function benchEngine(engine, port) {
  const db = await databaseFor(engine, 'bench');
  const app = startApp(db.url, port);
  try {
    await waitForHealth(port);
    await seedMembers(db.url);
    const accessToken = await login(port, 'admin', ADMIN_PASSWORD);
    const auth = { authorization: `Bearer ${accessToken}` };
    const list = await (
      await fetch(`http://127.0.0.1:${port}/api/v1/members?page=250&pageSize=20`, { headers: auth })
    ).json();
    if (list.total !== MEMBERS || list.items.length !== 20) throw new Error(`unexpected list: total ${list.total}`);
    await autocannon({
      url: `http://127.0.0.1:${port}/api/v1/members?pageSize=20`,
      connections: CONNECTIONS,
      duration: 2,
      headers: auth,
    }); // warm-up
    const health = await run(`http://127.0.0.1:${port}/health`, 'GET /health', {});
    const members = await run(
      `http://127.0.0.1:${port}/api/v1/members?page=250&pageSize=20`,
      `GET /api/v1/members (${MEMBERS} rows)`,
      auth,
    );
    const search = await run(
      `http://127.0.0.1:${port}/api/v1/members?q=${encodeURIComponent('委员0999')}`,
      'GET /api/v1/members?q=… (name search)',
      auth,
    );
    return { engine, rows: [health, members, search] };
  } finally {
    await stopApp(app);
    await db.drop();
  }
}

(async () => {
  const results = [];
  for (const [i, engine] of ENGINES.entries()) results.push(await benchEngine(engine, 3900 + i));
  const pad = (s, n) => String(s).padEnd(n);
  console.log(
    `\nbench/api — ${os.cpus().length} cores, ${CONNECTIONS} connections, ${SECONDS} s per endpoint, node ${process.version}`,
  );
  console.log(
    pad('engine', 9) +
      pad('endpoint', 42) +
      pad('req/s', 10) +
      pad('p50 ms', 9) +
      pad('p99 ms', 9) +
      pad('errors', 8) +
      'vs /health',
  );
  for (const { engine, rows } of results) {
    const base = rows[0].rps;
    for (const r of rows) {
      console.log(
        pad(engine, 9) +
          pad(r.title, 42) +
          pad(r.rps.toFixed(0), 10) +
          pad(r.p50, 9) +
          pad(r.p99, 9) +
          pad(r.errors, 8) +
          (r.rps / base).toFixed(2),
      );
    }
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
