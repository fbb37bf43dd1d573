#!/usr/bin/env node
/**
 * bench/pdf — 1-, 10- and 100-page 协商要报 rendered by our PdfRenderer beside, in the same run and
 * alternating so all see the same machine load: the raw puppeteer render of the same HTML (a plain launched
 * browser, one reused page, setContent + pdf) and the bare page (the same HTML already set in another page of
 * that browser, its faces loaded and warmed by a print: one `page.pdf` alone); throughput with the pool at 2 in
 * parallel; a cold launch per PDF; file sizes; peak memory of node and of Chromium's processes.
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
const { Worker } = require('node:worker_threads');
const puppeteer = require('puppeteer-core');
const { loadConfig } = require('../dist/config/app-config');
const { sampleBriefing } = require('../dist/demo/sample-briefing');
const { fontconfigXml } = require('../dist/reports/fonts');
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

/**
 * Memory of Chromium's process groups (PSS) and of this process (RSS), sampled every 100 ms in a worker thread:
 * reading /proc on the main thread blocked its event loop for tens of ms a sample on a busy machine, which
 * delayed our renderer's CDP round trips (several per render) more than the raw render's two and skewed the ratios.
 */
function memoryWatch() {
  const peak = { node: 0, chromium: 0 };
  const worker = new Worker(
    `
    const fs = require('node:fs');
    const { parentPort } = require('node:worker_threads');
    const groups = new Set();
    const peak = { node: 0, chromium: 0 };
    const pssOfGroups = () => {
      let total = 0;
      for (const entry of fs.readdirSync('/proc')) {
        if (!/^\\d+$/.test(entry)) continue;
        try {
          const stat = fs.readFileSync('/proc/' + entry + '/stat', 'utf8');
          const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
          if (!groups.has(pgrp)) continue;
          // PSS: shared pages split between the processes that share them, so the sum is not inflated.
          const m = /Pss:\\s+(\\d+) kB/.exec(fs.readFileSync('/proc/' + entry + '/smaps_rollup', 'utf8'));
          if (m) total += Number(m[1]) * 1024;
        } catch {
          /* exited */
        }
      }
      return total;
    };
    const timer = setInterval(() => {
      peak.node = Math.max(peak.node, process.memoryUsage().rss);
      peak.chromium = Math.max(peak.chromium, pssOfGroups());
    }, 100);
    parentPort.on('message', (m) => {
      if (m === 'stop') {
        clearInterval(timer);
        parentPort.postMessage(peak);
      } else groups.add(m);
    });
    `,
    { eval: true },
  );
  return {
    peak,
    watch: (pid) => pid && worker.postMessage(pid),
    stop: () =>
      new Promise((resolve) => {
        worker.once('message', (m) => {
          Object.assign(peak, m);
          void worker.terminate().then(resolve);
        });
        worker.postMessage('stop');
      }),
  };
}

/** The raw browser finds our faces as ours does: the title face lives in node_modules, outside the system's fonts. */
async function rawBrowser(dir) {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    pipe: true,
    userDataDir: fs.mkdtempSync(path.join(dir, 'raw-')),
    args: ARGS,
    env: { ...process.env, FONTCONFIG_FILE: path.join(dir, 'raw-fonts.conf') },
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
  fs.writeFileSync(path.join(dir, 'raw-fonts.conf'), fontconfigXml(config.pdf.fonts, path.join(dir, 'raw-fontconfig')));
  const mem = memoryWatch();
  const raw = await rawBrowser(dir);
  mem.watch(raw.process().pid);
  const rawPage = await raw.newPage();
  const barePage = await raw.newPage();
  const rows = [];

  for (const size of [1, 10, 100]) {
    const html = templates.render('briefing', sampleBriefing(size));
    const ours = [];
    const theirs = [];
    const bare = [];
    await rawRender(barePage, html); // the bare page: set once, faces loaded, warmed by this print
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
      t = performance.now();
      await barePage.pdf({ preferCSSPageSize: true, printBackground: true });
      bare.push(performance.now() - t);
    }
    rows.push({
      size,
      pages: result.pages,
      ours: median(ours),
      raw: median(theirs),
      bare: median(bare),
      bytes: result.pdf.length,
      rawBytes,
    });
  }
  // Throughput: ten-page briefings, two at a time, through the pool and through two raw pages of the raw
  // browser, in alternating slices of a second or more so that both see the same load.
  const ten = templates.render('briefing', sampleBriefing(10));
  const rawPages = [rawPage, await raw.newPage()];
  const rendered = { ours: 0, raw: 0 };
  const spent = { ours: 0, raw: 0 };
  const slice = async (side, ms) => {
    const started = performance.now();
    const until = started + ms;
    await Promise.all(
      [0, 1].map(async (i) => {
        while (performance.now() < until) {
          if (side === 'ours') await renderer.render(ten);
          else await rawRender(rawPages[i], ten);
          rendered[side]++;
        }
      }),
    );
    spent[side] += performance.now() - started;
  };
  const slices = Math.max(1, Math.round(THROUGHPUT_SECONDS / 2));
  for (let i = 0; i < slices; i++) {
    await slice('ours', (THROUGHPUT_SECONDS * 1000) / slices);
    await slice('raw', (THROUGHPUT_SECONDS * 1000) / slices);
  }
  const perSecond = rendered.ours / (spent.ours / 1000);
  const rawPerSecond = rendered.raw / (spent.raw / 1000);
  const done = rendered.ours;
  await raw.close();
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
  await mem.stop();

  const line = (cells) =>
    console.log(cells.map((c, i) => String(c).padEnd([22, 7, 11, 11, 7, 11, 11][i] ?? 12)).join(''));
  console.log(
    `\nbench/pdf — ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}, median of ${ROUNDS} renders each (ours, raw and bare alternating)\n`,
  );
  line(['briefing', 'pages', 'ours ms', 'raw ms', 'ratio', 'bare ms', 'ratio', 'anchor ms', 'size']);
  for (const r of rows)
    line([
      `${r.size}-page`,
      r.pages,
      r.ours.toFixed(0),
      r.raw.toFixed(0),
      (r.ours / r.raw).toFixed(2),
      r.bare.toFixed(0),
      (r.ours / r.bare).toFixed(2),
      ANCHORS[r.size],
      `${kb(r.bytes)} (raw ${kb(r.rawBytes)})`,
    ]);
  console.log(
    `\nthroughput, 10-page, pool 2 in parallel: ${perSecond.toFixed(1)} PDFs/s (${done} in ${THROUGHPUT_SECONDS} s; anchor ≈${ANCHORS.throughput10}/s); raw, 2 pages in parallel, same slices: ${rawPerSecond.toFixed(1)}/s, ratio ${(perSecond / rawPerSecond).toFixed(2)}`,
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
