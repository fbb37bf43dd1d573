import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { loadOrganization } from '../../src/config/organization';
import { sampleBriefing } from '../../src/demo/sample-briefing';
import { fontFaceCss } from '../../src/reports/fonts';
import { PdfRenderer, PdfRenderError, RenderResult } from '../../src/reports/pdf-renderer';
import { ReportTemplates } from '../../src/reports/report-templates';
import { expectGbt9704, pdfGeometry } from '../support/pdf-geometry';
import { expectA4, expectSubsetTrueType, pdfFacts } from '../support/pdf-tools';

/** The renderer in real Chromium, checked with poppler. No database: it runs the same on either engine. */
describe('PdfRenderer in Chromium', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-pdf-'));
  const configWith = (env: Record<string, string> = {}): AppConfig => loadConfig(env, dir);
  const config = configWith();
  const templates = new ReportTemplates(config, loadOrganization());
  const renderer = new PdfRenderer(config);
  const others: PdfRenderer[] = [];
  let briefing: RenderResult;
  let briefingFile: string;

  const poppler = (tool: string, file: string, ...args: string[]) =>
    execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  const save = (name: string, pdf: Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, pdf);
    return file;
  };

  jest.setTimeout(30000);

  beforeAll(async () => {
    briefing = await renderer.render(
      templates.render('briefing', sampleBriefing(2, '关于推进城镇老旧小区改造工作的协商要报')),
    );
    briefingFile = save('briefing.pdf', briefing.pdf);
  });

  afterAll(async () => {
    await Promise.all([renderer, ...others].map((r) => r.onApplicationShutdown()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the briefing title, body text, masthead and page numbers "— 1 —" as extractable text', () => {
    const text = poppler('pdftotext', briefingFile, '-layout', '-enc', 'UTF-8');
    const squeezed = text.replace(/\s+/g, '');
    expect(squeezed).toContain('关于推进城镇老旧小区改造工作的协商要报');
    expect(squeezed).toContain('改造项目总体进展顺利');
    expect(squeezed).toContain('政协吴忠市委员会');
    expect(squeezed).toContain('第3期');
    expect(squeezed).toContain('2026年11月26日印发');
    expect(text).toContain('— 1 —');
    expect(text).toContain('— 2 —');
  });

  it('embeds every font as a subset, none of them Type 3', () => {
    expectSubsetTrueType(pdfFacts(briefing.pdf));
  });

  it('makes A4 pages and reports the page count pdfinfo sees', () => {
    const facts = pdfFacts(briefing.pdf);
    expectA4(facts);
    expect(briefing.pages).toBeGreaterThan(1);
    expect(facts.pages).toBe(briefing.pages);
  });

  it('lays a document out with its font subsets exactly as with the whole faces, each face embedded once', async () => {
    const html = templates.render('briefing', sampleBriefing(3, '关于推进城镇老旧小区改造工作的协商要报'));
    // The template's local() rules written apart (blank lines between them) are not the ones the renderer swaps:
    // that document prints with the whole faces, as every report did before the subsets.
    const local = fontFaceCss(config.pdf.fonts);
    const whole = await renderer.render(html.replace(local, local.split('\n').join('\n\n')));
    const subset = await renderer.render(html);
    const lines = (pdf: Buffer) => pdfGeometry(pdf).pages.map((p) => p.lines);
    expect(subset.pages).toBe(whole.pages);
    expect(lines(subset.pdf)).toEqual(lines(whole.pdf));
    const names = (pdf: Buffer) => pdfFacts(pdf).fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    expect(names(subset.pdf).sort()).toEqual(names(whole.pdf).sort());
    expect(new Set(names(subset.pdf)).size).toBe(names(subset.pdf).length);
    expectSubsetTrueType(pdfFacts(subset.pdf));
  });

  it('keeps a 30-page briefing small: subset fonts, well under 1.5 MB', async () => {
    const long = await renderer.render(templates.render('briefing', sampleBriefing(30)));
    expect(long.pages).toBeGreaterThanOrEqual(25);
    expect(long.pdf.length).toBeLessThan(1_500_000);
  });

  it("sets a long briefing's 版记 at the foot of its last page (measured from its last pages), GB/T 9704 throughout", async () => {
    const long = await renderer.render(templates.render('briefing', sampleBriefing(30)));
    const g = expectGbt9704(long.pdf);
    const last = g.pages[g.pages.length - 1].lines;
    const banji = last.filter((l) => /印发/.test(l.text));
    expect(banji).toHaveLength(1);
    // The 版记's last rule sits on the 版心's foot (262 mm); its 印发 line ends a few millimetres above it.
    expect(banji[0].yMax).toBeGreaterThan(250);
    expect(banji[0].yMax).toBeLessThan(262);
    expect(last.find((l) => l.text.trim() === `— ${g.pages.length} —`)).toBeDefined();
    expect(long.pdf.toString('latin1')).not.toContain('xs-banji.invalid');
  });

  it('prints for double-sided offices on an even number of pages, the 版记 at the foot of the last', async () => {
    const duplex = new ReportTemplates(config, { ...loadOrganization(), duplex: true });
    // 1 page: the 版记 leaves the text's page for page 2; 2: single-sided, the 版记 stands alone on page 5, so a
    // blank page 5 comes before it; 10: 11 pages single-sided, 12 here.
    for (const [size, expected] of [
      [1, 2],
      [2, 6],
      [10, 12],
    ]) {
      const { pdf, pages } = await renderer.render(duplex.render('briefing', sampleBriefing(size)));
      expect(pages).toBe(expected);
      const g = pdfGeometry(pdf);
      expect(g.pages).toHaveLength(pages);
      g.pages.forEach((p, i) => expect(p.lines.some((l) => l.text.trim() === `— ${i + 1} —`)).toBe(true));
      const last = g.pages[pages - 1].lines;
      expect(last.some((l) => /印发/.test(l.text) && l.yMax > 250 && l.yMax < 262)).toBe(true);
      expect(g.pages.slice(0, -1).some((p) => p.lines.some((l) => /印发/.test(l.text)))).toBe(false);
    }
  });

  it('prints a <script> in a title as text', async () => {
    const html = templates.render(
      'briefing',
      sampleBriefing(1, '<script>document.title="x"</script>关于安全的协商要报'),
    );
    expect(html).toContain('&lt;script&gt;');
    const file = save('script.pdf', (await renderer.render(html)).pdf);
    expect(poppler('pdftotext', file, '-enc', 'UTF-8').replace(/\s+/g, '')).toContain(
      '<script>document.title="x"</script>关于安全的协商要报',
    );
  });

  it('fetches nothing from the network: images, styles and fonts by URL are refused, the render still completes', async () => {
    const hits: string[] = [];
    const server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="${base}/style.css"></head>
        <body><p>外部资源</p><img src="${base}/logo.png"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>`;
      expect((await renderer.render(html)).pages).toBe(1);
      // A font by URL is refused too, and the render says so instead of printing a fallback face.
      const withFont = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>@font-face { font-family: net; src: url(${base}/font.ttf); } p { font-family: net; }</style></head><body><p>外部字体</p></body></html>`;
      await expect(renderer.render(withFont)).rejects.toMatchObject({
        code: 'PDF_FONT',
        message: expect.stringContaining('字体未能加载'),
      });
      expect(hits).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('relaunches Chromium after it is killed mid-render, and leaves no Chromium process running and no zombie child of ours after close', async () => {
    const r = new PdfRenderer(config);
    others.push(r);
    const html = templates.render('briefing', sampleBriefing(10));
    await r.render(html);
    const first = r.browserPid();
    expect(first).not.toBeNull();
    const inFlight = [r.render(html), r.render(html)];
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.kill(first!, 'SIGKILL');
    for (const outcome of await Promise.allSettled(inFlight)) {
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(PdfRenderError);
    }
    const after = await r.render(html);
    expect(after.pages).toBeGreaterThan(1);
    const second = r.browserPid();
    expect(second).not.toBe(first);
    expect(r.launches).toBe(2);
    await r.onApplicationShutdown();
    // The killed browser's children were re-parented to PID 1 (tini in containers), which reaps them once they are dead.
    const ours = await settled(() =>
      processTable().filter((p) => (p.pgrp === first || p.pgrp === second) && p.state !== 'Z'),
    );
    expect(ours).toEqual([]);
    expect(processTable().filter((p) => p.ppid === process.pid && p.state === 'Z')).toEqual([]);
  }, 60000);

  it('replaces the browser after XS_PDF_RECYCLE_AFTER renders', async () => {
    const r = new PdfRenderer(configWith({ XS_PDF_RECYCLE_AFTER: '2' }));
    others.push(r);
    const html = templates.render('briefing', sampleBriefing(1));
    await r.render(html);
    await r.render(html);
    const first = r.browserPid();
    expect(r.launches).toBe(1);
    expect((await r.render(html)).pages).toBe(1);
    expect(r.launches).toBe(2);
    expect(r.browserPid()).not.toBe(first);
  });

  it('rejects a render past its time-out with a Chinese error and frees its page for the next render', async () => {
    const r = new PdfRenderer(configWith({ XS_PDF_POOL: '1' }));
    others.push(r);
    // Page scripts do not run (a `for (;;) {}` no longer hangs a page), so the render is cut off by a time-out
    // that no render can meet: launching Chromium and printing 30 pages take far longer than 1 ms.
    const long = templates.render('briefing', sampleBriefing(30));
    await expect(r.render(long, { timeoutMs: 1 })).rejects.toMatchObject({
      code: 'PDF_TIMEOUT',
      message: expect.stringMatching(/^生成 PDF 超时/),
    });
    // One page in the pool: this render only runs because the hung one gave its slot back.
    const next = await r.render(templates.render('briefing', sampleBriefing(1)));
    expect(next.pages).toBe(1);
  }, 60000);
});

/** Polls until `look` finds nothing (at most 10 s), then returns what it last found. */
async function settled<T>(look: () => T[]): Promise<T[]> {
  let found = look();
  for (let i = 0; i < 100 && found.length; i++) {
    await new Promise((r) => setTimeout(r, 100));
    found = look();
  }
  return found;
}

interface ProcessRow {
  pid: number;
  state: string;
  ppid: number;
  pgrp: number;
}

/** Every process from /proc: state, parent and process group. */
function processTable(): ProcessRow[] {
  const rows: ProcessRow[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      rows.push({ pid: Number(entry), state, ppid: Number(ppid), pgrp: Number(pgrp) });
    } catch {
      // exited while we looked
    }
  }
  return rows;
}
