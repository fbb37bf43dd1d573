#!/usr/bin/env node
/**
 * bench/pdf-soak — 1,000 renders through one PdfRenderer (pool 2, two at a time, the configured recycling),
 * then: memory of this process and of Chromium's processes beside where they were after the warm-up,
 * zombie processes left, browsers launched, failures. Issue 6: no zombies, memory back within 100 MB.
 *
 *   npm run build && node bench/pdf-soak.js
 *   SOAK_RENDERS=200 node bench/pdf-soak.js
 */
'use strict';
require('reflect-metadata');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { loadConfig } = require('../dist/config/app-config');
const { sampleBriefing } = require('../dist/demo/sample-briefing');
const { PdfRenderer } = require('../dist/reports/pdf-renderer');
const { ReportTemplates } = require('../dist/reports/report-templates');
const { loadOrganization } = require('../dist/config/organization');

const RENDERS = Number(process.env.SOAK_RENDERS || 1000);
const MB = 1048576;

/** Processes of ours: this one's descendants, by walking /proc parent links; PSS summed, zombies counted. */
function processes() {
  const rows = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      rows.push({ pid: Number(entry), ppid: Number(ppid), state });
    } catch {
      /* exited */
    }
  }
  const mine = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows)
      if (!mine.has(r.pid) && mine.has(r.ppid)) {
        mine.add(r.pid);
        grew = true;
      }
  }
  let pss = 0;
  for (const pid of mine) {
    if (pid === process.pid) continue;
    try {
      const m = /Pss:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m) pss += Number(m[1]) * 1024;
    } catch {
      /* exited */
    }
  }
  return {
    chromiumPss: pss,
    zombies: rows.filter((r) => mine.has(r.pid) && r.state === 'Z').length,
    children: mine.size - 1,
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-soak-'));
  const config = loadConfig({ XS_PDF_POOL: '2' }, dir);
  const templates = new ReportTemplates(config, loadOrganization());
  const renderer = new PdfRenderer(config);
  const html = [1, 3, 10].map((n) => templates.render('briefing', sampleBriefing(n)));
  for (let i = 0; i < 6; i++) await renderer.render(html[i % 3]);
  global.gc?.();
  const start = { rss: process.memoryUsage().rss, ...processes() };
  let done = 0;
  let failed = 0;
  const t0 = performance.now();
  let peak = start.chromiumPss;
  await Promise.all(
    [0, 1].map(async (lane) => {
      while (done + failed < RENDERS) {
        const i = done + failed;
        try {
          await renderer.render(html[(i + lane) % 3]);
          done++;
        } catch (e) {
          failed++;
          console.error(`render ${i}: ${e.message}`);
        }
        if (i % 50 === 0) peak = Math.max(peak, processes().chromiumPss);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  global.gc?.();
  await new Promise((r) => setTimeout(r, 1000));
  const end = { rss: process.memoryUsage().rss, ...processes() };
  const launches = renderer.launches;
  await renderer.onApplicationShutdown();
  await new Promise((r) => setTimeout(r, 1000));
  const after = processes();
  console.log(
    `\nbench/pdf-soak — ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}: ${done} renders (1-, 3- and 10-page briefings, 2 at a time) in ${seconds.toFixed(0)} s, ${failed} failed, ${launches} browser launches (recycled every ${config.pdf.recycleAfter})`,
  );
  console.log(
    `node RSS:        ${(start.rss / MB).toFixed(0)} MB after warm-up → ${(end.rss / MB).toFixed(0)} MB after the soak (${((end.rss - start.rss) / MB).toFixed(0)} MB)`,
  );
  console.log(
    `Chromium PSS:    ${(start.chromiumPss / MB).toFixed(0)} MB after warm-up → ${(end.chromiumPss / MB).toFixed(0)} MB after the soak (${((end.chromiumPss - start.chromiumPss) / MB).toFixed(0)} MB; peak sampled ${(peak / MB).toFixed(0)} MB)`,
  );
  console.log(
    `zombies:         ${end.zombies} during, ${after.zombies} after close; child processes after close: ${after.children}`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
