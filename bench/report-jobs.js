#!/usr/bin/env node
/**
 * bench/report-jobs — the whole report job, from `POST /reports` (ReportsService.request: checks, the
 * record, the queue) to the PDF stored with its checksum (the `reports:render` job), beside the raw
 * Chromium render of the same HTML (a plain launched browser, one reused page) in the same run, for
 * 提案单 of about 1, 10 and 100 pages. In-process jobs on SQLite, and Bull on Redis when BENCH_REDIS_URL
 * (default redis://127.0.0.1:6379) answers. The target ratio is ≤ 1.3 (issue 6).
 *
 *   npm run build && node bench/report-jobs.js
 *   BENCH_ROUNDS=5 BENCH_MODES=in-process node bench/report-jobs.js
 */
'use strict';
require('reflect-metadata');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const puppeteer = require('puppeteer-core');
const { databaseFor } = require('./lib/databases');
const { createApp } = require('../dist/app.factory');
const { loadConfig } = require('../dist/config/app-config');
const { UsersService } = require('../dist/auth/users.service');
const { Sector, Member, CouncilSession } = require('../dist/directory/directory.entities');
const { ProposalsService } = require('../dist/proposals/proposals.service');
const { ReportsService, reportJobId } = require('../dist/reports/reports.service');
const { ReportKinds } = require('../dist/reports/report-kinds');
const { ReportTemplates } = require('../dist/reports/report-templates');
const { Report } = require('../dist/reports/report.entities');
const { JobQueue } = require('../dist/jobs/job-queue');
const { DataSource } = require('typeorm');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 8);
const MODES = (process.env.BENCH_MODES || 'in-process,bull').split(',');
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const PASSWORD = 'Bench2026pass';

/** Suggestions sized so the 提案单 comes out at about `pages` pages (28 × 22 characters a page). */
function proposalOf(sessionId, pages) {
  const sentence = '加快推进老旧小区改造，完善养老托育等配套设施，建立长效管护机制。';
  const chars = Math.max(1, pages - 1) * 560;
  const count = Math.min(30, Math.max(2, Math.ceil(chars / 1900)));
  const each = Math.min(1990, Math.ceil(chars / count));
  return {
    sessionId,
    kind: 'individual',
    title: `关于推进城镇老旧小区改造的建议（约${pages}页）`,
    category: 'society',
    background: pages > 1 ? sentence.repeat(20) : '老旧小区改造关系群众切身利益。',
    suggestions: Array.from({ length: pages > 1 ? count : 2 }, (_, i) =>
      `${i + 1}${sentence.repeat(Math.ceil(each / sentence.length))}`.slice(0, pages > 1 ? each : 40),
    ),
  };
}

async function redisAnswers() {
  try {
    const Redis = require('ioredis');
    const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000 });
    await r.connect();
    await r.ping();
    r.disconnect();
    return true;
  } catch {
    return false;
  }
}

async function runMode(mode, dir, rawPage) {
  const db = await databaseFor('sqlite');
  const env = {
    DATABASE_URL: db.url,
    XS_ADMIN_PASSWORD: PASSWORD,
    XS_LOG_LEVEL: 'error',
    XS_BCRYPT_ROUNDS: '4',
    XS_FILES_DIR: path.join(dir, `files-${mode}`),
    XS_PDF_POOL: '2',
    // Every request must be a job of its own: no recent identical report handed back, no hourly quota in the way.
    XS_REPORT_REUSE_MINUTES: '0',
    XS_REPORT_QUOTA_STAFF_PER_HOUR: '100000',
  };
  if (mode === 'bull')
    Object.assign(env, { REDIS_URL, XS_INLINE_WORKER: '1', XS_QUEUE_PREFIX: `xs-bench-${process.pid}` });
  const { app } = await createApp(loadConfig(env, dir));
  await app.init();
  try {
    const ds = app.get(DataSource);
    const users = app.get(UsersService);
    const sector = await ds.getRepository(Sector).findOneByOrFail({ name: '教育界' });
    const member = await ds
      .getRepository(Member)
      .save({ name: '张明远', sectorId: sector.id, status: 'active', disabled: false });
    const now = new Date();
    const session = await ds.getRepository(CouncilSession).save({
      code: '12-2',
      name: '十二届二次会议',
      opensAt: now,
      closesAt: new Date(now.getTime() + 30 * 86400_000),
      disabled: false,
    });
    const system = { id: null, displayName: '系统' };
    const actorOf = (u, roles, links = {}) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles,
      memberId: null,
      unitId: null,
      pointId: null,
      ...links,
    });
    const staff = actorOf(
      await users.create(system, {
        username: 'bench-staff',
        password: PASSWORD,
        displayName: '工作人员',
        roles: ['staff'],
      }),
      ['staff'],
    );
    const lead = actorOf(
      await users.create(system, {
        username: 'bench-member',
        password: PASSWORD,
        displayName: '张明远',
        roles: ['member'],
        memberId: member.id,
      }),
      ['member'],
      { memberId: member.id },
    );
    const proposals = app.get(ProposalsService);
    const reports = app.get(ReportsService);
    const jobs = app.get(JobQueue);
    const kinds = app.get(ReportKinds);
    const templates = app.get(ReportTemplates);
    const rows = [];
    for (const size of [1, 10, 100]) {
      const filed = await proposals.create(lead, proposalOf(session.id, size));
      await proposals.submit(lead, filed.id, {});
      const body = { kind: 'proposal-sheet', subject: { type: 'proposal', id: filed.id } };
      const job = async () => {
        const t = performance.now();
        const r = await reports.request(staff, body);
        await jobs.finished('reports', reportJobId(r.id));
        return { ms: performance.now() - t, id: r.id };
      };
      const first = await job(); // warm-up: launches the browser
      const report = await ds.getRepository(Report).findOneByOrFail({ id: first.id });
      const html = templates.render('proposal-sheet', await kinds.get('proposal-sheet').context(ds.manager, report));
      await rawPage.setContent(html, { waitUntil: 'load' });
      await rawPage.pdf({ preferCSSPageSize: true, printBackground: true });
      const ours = [];
      const raw = [];
      let last = first;
      for (let i = 0; i < ROUNDS; i++) {
        last = await job();
        ours.push(last.ms);
        const t = performance.now();
        await rawPage.setContent(html, { waitUntil: 'load' });
        await rawPage.pdf({ preferCSSPageSize: true, printBackground: true });
        raw.push(performance.now() - t);
      }
      const done = await ds.getRepository(Report).findOneByOrFail({ id: last.id });
      rows.push({
        size,
        pages: done.pages,
        bytes: done.bytes,
        job: median(ours),
        raw: median(raw),
        renderMs: done.renderMs,
      });
    }
    return rows;
  } finally {
    await app.close();
    await db.drop();
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-bench-jobs-'));
  const raw = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    pipe: true,
    userDataDir: fs.mkdtempSync(path.join(dir, 'raw-')),
    args: ARGS,
  });
  const rawPage = await raw.newPage();
  const results = [];
  for (const mode of MODES) {
    if (mode === 'bull' && !(await redisAnswers())) {
      console.log(`(Redis at ${REDIS_URL} does not answer: Bull mode skipped)`);
      continue;
    }
    results.push([mode, await runMode(mode, dir, rawPage)]);
  }
  await raw.close();
  console.log(
    `\nbench/report-jobs — ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}, 提案单, median of ${ROUNDS} (job and raw alternating)\n`,
  );
  const line = (cells) =>
    console.log(cells.map((c, i) => String(c).padEnd([12, 10, 7, 10, 10, 9, 8][i] ?? 12)).join(''));
  line(['mode', 'size', 'pages', 'job ms', 'raw ms', 'render', 'ratio', 'file']);
  for (const [mode, rows] of results)
    for (const r of rows)
      line([
        mode,
        `~${r.size}-page`,
        r.pages,
        r.job.toFixed(0),
        r.raw.toFixed(0),
        r.renderMs,
        (r.job / r.raw).toFixed(2),
        `${Math.round(r.bytes / 1024)} KB`,
      ]);
  console.log(
    '\njob ms: request (checks, record, audit, enqueue) → render → file written → record done; render: the renderer alone, from the record',
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
