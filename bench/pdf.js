#!/usr/bin/env node
/**
 * bench/pdf — 1-, 10- and 100-page 协商要报 rendered by our PdfRenderer beside the raw puppeteer render of
 * the same HTML (a plain launched browser, one reused page, setContent + pdf) in the same run, alternating
 * so both see the same machine load; throughput with the pool at 2 in parallel; a cold launch per PDF;
 * file sizes; peak memory of node and of Chromium's processes.
 *
 *   npm run build && node bench/pdf.js
 *   BENCH_ROUNDS=5 BENCH_THROUGHPUT_SECONDS=5 node bench/pdf.js
 */
'use strict';
require('reflect-metadata');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const puppeteer = require('puppeteer-core');
const { loadConfig } = require('../dist/config/app-config');
const { sampleBriefing } = require('../dist/demo/sample-briefing');
const { PdfRenderer } = require('../dist/reports/pdf-renderer');
const { ReportTemplates } = require('../dist/reports/report-templates');
const { loadOrganization } = require('../dist/config/organization');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 10);
const THROUGHPUT_SECONDS = Number(process.env.BENCH_THROUGHPUT_SECONDS || 10);
const COLD_ROUNDS = Number(process.env.BENCH_COLD_ROUNDS || 5);
/** Measured on this kind of machine, TrueType fonts, a reused page (issue 6). */
const ANCHORS = { 1: 107, 10: 257, 100: 465, throughput10: 7, cold: 800 };
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
const kb = (n) => `${Math.round(n / 1024)} KB`;

/** Memory of Chromium's process groups (PSS) and of this process (RSS), sampled every 100 ms. */
function memoryWatch() {
  const peak = { node: 0, chromium: 0 };
  const groups = new Set();
  const rssOfGroups = () => {
    let total = 0;
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
        if (!groups.has(pgrp)) continue;
        // PSS: shared pages split between the processes that share them, so the sum is not inflated.
        const m = /Pss:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${entry}/smaps_rollup`, 'utf8'));
        if (m) total += Number(m[1]) * 1024;
      } catch {
        /* exited */
      }
    }
    return total;
  };
  const timer = setInterval(() => {
    peak.node = Math.max(peak.node, process.memoryUsage().rss);
    peak.chromium = Math.max(peak.chromium, rssOfGroups());
  }, 100);
  return { peak, watch: (pid) => pid && groups.add(pid), stop: () => clearInterval(timer) };
}

async function rawBrowser(dir) {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    pipe: true,
    userDataDir: fs.mkdtempSync(path.join(dir, 'raw-')),
    args: ARGS,
  });
}

async function rawRender(page, html) {
  await page.setContent(html, { waitUntil: 'load' });
  return page.pdf({ preferCSSPageSize: true, printBackground: true });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-bench-pdf-'));
  const config = loadConfig({ XS_PDF_POOL: '2' }, dir);
  const templates = new ReportTemplates(config, loadOrganization());
  const renderer = new PdfRenderer(config);
  const mem = memoryWatch();
  const raw = await rawBrowser(dir);
  mem.watch(raw.process().pid);
  const rawPage = await raw.newPage();
  const rows = [];

  for (const size of [1, 10, 100]) {
    const html = templates.render('briefing', sampleBriefing(size));
    const ours = [];
    const theirs = [];
    let result;
    let rawBytes = 0;
    for (let i = 0; i < 2; i++) {
      result = await renderer.render(html); // warm-up, also launches the browser
      mem.watch(renderer.browserPid());
      await rawRender(rawPage, html);
    }
    for (let i = 0; i < ROUNDS; i++) {
      let t = performance.now();
      result = await renderer.render(html);
      ours.push(performance.now() - t);
      t = performance.now();
      rawBytes = (await rawRender(rawPage, html)).length;
      theirs.push(performance.now() - t);
    }
    rows.push({
      size,
      pages: result.pages,
      ours: median(ours),
      raw: median(theirs),
      bytes: result.pdf.length,
      rawBytes,
    });
  }
  await raw.close();

  // Throughput: ten-page briefings, two at a time through the pool, for a fixed time.
  const ten = templates.render('briefing', sampleBriefing(10));
  let done = 0;
  const until = performance.now() + THROUGHPUT_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    [0, 1].map(async () => {
      while (performance.now() < until) {
        await renderer.render(ten);
        done++;
      }
    }),
  );
  const perSecond = done / ((performance.now() - started) / 1000);
  await renderer.onApplicationShutdown();

  // Cold: a browser launched, one PDF, the browser closed — what rendering without a pool costs.
  const one = templates.render('briefing', sampleBriefing(1));
  const cold = [];
  for (let i = 0; i < COLD_ROUNDS; i++) {
    const t = performance.now();
    const b = await rawBrowser(dir);
    mem.watch(b.process().pid);
    await rawRender(await b.newPage(), one);
    await b.close();
    cold.push(performance.now() - t);
  }
  mem.stop();

  const line = (cells) =>
    console.log(cells.map((c, i) => String(c).padEnd([22, 7, 11, 11, 7, 11, 11][i] ?? 12)).join(''));
  console.log(
    `\nbench/pdf — ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}, median of ${ROUNDS} renders each (ours and raw alternating)\n`,
  );
  line(['briefing', 'pages', 'ours ms', 'raw ms', 'ratio', 'anchor ms', 'size']);
  for (const r of rows)
    line([
      `${r.size}-page`,
      r.pages,
      r.ours.toFixed(0),
      r.raw.toFixed(0),
      (r.ours / r.raw).toFixed(2),
      ANCHORS[r.size],
      `${kb(r.bytes)} (raw ${kb(r.rawBytes)})`,
    ]);
  console.log(
    `\nthroughput, 10-page, pool 2 in parallel: ${perSecond.toFixed(1)} PDFs/s (${done} in ${THROUGHPUT_SECONDS} s; anchor ≈${ANCHORS.throughput10}/s)`,
  );
  console.log(
    `cold launch + 1-page PDF + close:      ${median(cold).toFixed(0)} ms median of ${COLD_ROUNDS} (anchor ≈${ANCHORS.cold} ms)`,
  );
  console.log(
    `peak memory: node ${Math.round(mem.peak.node / 1048576)} MB RSS, Chromium ${Math.round(mem.peak.chromium / 1048576)} MB PSS (all its processes, ours and the raw browser together)`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
