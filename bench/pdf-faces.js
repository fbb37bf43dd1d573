#!/usr/bin/env node
/**
 * bench/pdf-faces — what the faces of issue 16 (Noto Serif SC Bold for titles, LXGW WenKai for 楷体) cost
 * against the old ones (AR PL UMing for titles, AR PL UKai for 楷体), every other face the same:
 *   1. every report kind: the geometry suite (test/reports/geometry.e2e-spec.ts, SQLite) run once with the old
 *      faces (XS_FONT_TITLE, XS_FONT_KAI) and once with the defaults, each PDF kept (PDF_DUMP_DIR): pages, bytes;
 *   2. render time: bench/pdf's 1-, 10- and 100-page 协商要报 through two PdfRenderers, old faces and new,
 *      alternating so both see the same machine load, median of BENCH_ROUNDS each: the old faces are the
 *      baseline of the same run.
 *
 *   npm run build && node bench/pdf-faces.js
 *   BENCH_ROUNDS=5 BENCH_SKIP_KINDS=1 node bench/pdf-faces.js
 * The old faces need Debian's fonts-arphic-uming and fonts-arphic-ukai.
 */
'use strict';
require('reflect-metadata');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { loadConfig } = require('../dist/config/app-config');
const { sampleBriefing } = require('../dist/demo/sample-briefing');
const { PdfRenderer } = require('../dist/reports/pdf-renderer');
const { ReportTemplates } = require('../dist/reports/report-templates');
const { loadOrganization } = require('../dist/config/organization');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 10);
const OLD_FACES = {
  XS_FONT_TITLE: '/usr/share/fonts/truetype/arphic/uming.ttc',
  XS_FONT_KAI: '/usr/share/fonts/truetype/arphic/ukai.ttc',
};
/** The geometry suite's kinds, in the order its tests render them. */
const KINDS = ['提案单', '答复函', '提案办理情况报告', '协商要报（议题）', '视察调研报告', '委员履职档案'];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const line = (cells, widths) => console.log(cells.map((c, i) => String(c).padEnd(widths[i] ?? 12)).join(''));
const pagesOf = (file) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);

/** The geometry suite with the given faces; its PDFs in the order written. */
function kindPdfs(dir, faces) {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync(
    'npx',
    ['jest', '--selectProjects', 'e2e-sqlite', '--maxWorkers=1', 'test/reports/geometry.e2e-spec.ts'],
    { cwd: path.join(__dirname, '..'), env: { ...process.env, ...faces, PDF_DUMP_DIR: dir }, stdio: 'ignore' },
  );
  const n = (f) => Number(/-(\d+)\.pdf$/.exec(f)[1]);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .sort((a, b) => n(a) - n(b));
  if (files.length !== KINDS.length) throw new Error(`${dir}: ${files.length} PDFs, expected ${KINDS.length}`);
  return files.map((f) => path.join(dir, f));
}

function kinds(dir) {
  const before = kindPdfs(path.join(dir, 'old'), OLD_FACES);
  const after = kindPdfs(path.join(dir, 'new'), {});
  console.log(
    '\nevery kind (geometry suite, SQLite): old faces UMing/UKai, new faces Noto Serif SC Bold/LXGW WenKai\n',
  );
  const widths = [20, 7, 12, 12, 7];
  line(['kind', 'pages', 'old bytes', 'new bytes', 'ratio'], widths);
  KINDS.forEach((kind, i) => {
    const [a, b] = [fs.statSync(before[i]).size, fs.statSync(after[i]).size];
    const pages =
      pagesOf(after[i]) === pagesOf(before[i]) ? pagesOf(after[i]) : `${pagesOf(before[i])}→${pagesOf(after[i])}`;
    line([kind, pages, a, b, (b / a).toFixed(2)], widths);
  });
}

async function renderTimes(dir) {
  const setups = [OLD_FACES, {}].map((faces, i) => {
    const config = loadConfig({ XS_PDF_POOL: '1', ...faces }, path.join(dir, `r${i}`));
    return { templates: new ReportTemplates(config, loadOrganization()), renderer: new PdfRenderer(config) };
  });
  console.log(`\n协商要报 render time, median of ${ROUNDS} each (old and new faces alternating; ratio new/old)\n`);
  const widths = [12, 7, 10, 10, 7, 12, 12];
  line(['briefing', 'pages', 'old ms', 'new ms', 'ratio', 'old bytes', 'new bytes'], widths);
  for (const size of [1, 10, 100]) {
    const runs = setups.map(({ templates }) => ({ html: templates.render('briefing', sampleBriefing(size)), ms: [] }));
    let results = [];
    for (let round = -2; round < ROUNDS; round++) {
      results = [];
      for (const [i, { renderer }] of setups.entries()) {
        const t = performance.now();
        results.push(await renderer.render(runs[i].html));
        if (round >= 0) runs[i].ms.push(performance.now() - t); // rounds -2 and -1 warm up (and launch)
      }
    }
    const [oldMs, newMs] = runs.map((r) => median(r.ms));
    line(
      [`${size}-page`, results[1].pages, oldMs.toFixed(0), newMs.toFixed(0), (newMs / oldMs).toFixed(2)].concat(
        results.map((r) => r.pdf.length),
      ),
      widths,
    );
  }
  for (const { renderer } of setups) await renderer.onApplicationShutdown();
}

async function main() {
  for (const file of Object.values(OLD_FACES))
    if (!fs.existsSync(file))
      throw new Error(`${file} is missing: apt-get install fonts-arphic-uming fonts-arphic-ukai`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-bench-faces-'));
  console.log(`bench/pdf-faces — ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}`);
  try {
    if (!process.env.BENCH_SKIP_KINDS) kinds(dir);
    await renderTimes(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
