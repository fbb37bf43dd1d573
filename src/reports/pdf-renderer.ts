import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { FONT_LABELS, FONT_ROLES } from '../config/fonts';
import { imageSize, overPixelBudget, pixelBudgetLabel } from '../files/image-size';
import { loadFaces, withSubsetFonts } from './font-subset';
import { fontconfigXml, fontFaceCss, fontFamily, fontProblems } from './fonts';
import { FOOT_MARK, footBoxMm, footPlan, footSpacer } from './pdf-foot';
import { withPdfInfo } from './pdf-info';

export interface RenderOptions {
  /** Overrides XS_PDF_TIMEOUT_MS for this render (from taking a page to the finished PDF). */
  timeoutMs?: number;
}

export interface RenderResult {
  pdf: Buffer;
  pages: number;
  /** The whole call, waiting for a free page included. */
  ms: number;
}

/** A photo as it goes into a report. */
export interface ShrunkImage {
  bytes: Buffer;
  mime: string;
  width: number;
  height: number;
}

export type PdfRenderErrorCode = 'PDF_TIMEOUT' | 'PDF_FONT' | 'PDF_BROWSER' | 'PDF_CLOSED' | 'PDF_IMAGE';

/** A failed render; `message` is Chinese and is what a report record shows. */
export class PdfRenderError extends Error {
  constructor(
    readonly code: PdfRenderErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** One launched Chromium and the pages it keeps for reuse. */
interface Instance {
  browser: Browser;
  pid: number | null;
  profileDir: string;
  renders: number;
  active: number;
  idle: Page[];
  retired: boolean;
  closing: Promise<void> | null;
}

interface Lease {
  instance: Instance;
  page: Page;
}

/** `document.fonts.ready` settles at once for local fonts; the cap only stops a broken face from holding a page. */
const FONTS_READY_CAP_MS = 5000;
/** A page or browser that does not close within this is killed. */
const CLOSE_CAP_MS = 5000;

/** `--no-sandbox` is added unless XS_CHROMIUM_SANDBOX=1 (docs/design/pdf-and-fonts.md says why). */
const ARGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--mute-audio',
];

/**
 * The variables Chromium inherits from our environment; HOME, TMPDIR, FONTCONFIG_FILE and the XDG folders are
 * set to the renderer's own. Nothing else: not DATABASE_URL, REDIS_URL, XS_ADMIN_PASSWORD or any other secret.
 */
const INHERITED_ENV = ['PATH', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'TZ'];

/**
 * The Content-Security-Policy every rendered document carries: nothing but inline styles and `data:` images
 * and fonts (the fonts themselves are `local()` faces). It is what stops a WebSocket: the request interception
 * never sees one, and neither does CDP's `Network.setBlockedURLs` in Chromium 156 (tried, the handshake still
 * reached a local server); `connect-src` (here through `default-src`) does.
 */
export const CONTENT_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

/**
 * `html` with CONTENT_POLICY as its first element: right after the doctype (so the document stays in standards
 * mode), where the parser opens the head for it; the template's own `<html>` and `<head>` tags then merge into
 * those. A policy in the markup can only narrow it further.
 */
export function withContentPolicy(html: string): string {
  const at = /^\uFEFF?\s*<!doctype[^>]*>/i.exec(html)?.[0].length ?? 0;
  return `${html.slice(0, at)}<meta http-equiv="Content-Security-Policy" content="${CONTENT_POLICY}">${html.slice(at)}`;
}

/**
 * Locks a page down for untrusted markup: no JavaScript (charts are server-side SVG; `page.evaluate` still runs
 * ours) and every request but `data:` refused by the request interception. WebSockets, which the interception
 * does not see, are refused by the document's CONTENT_POLICY (`print` adds it). Exported for the test that
 * opens a WebSocket from a page of this kind with JavaScript turned back on.
 */
export async function lockDownPage(page: Page): Promise<void> {
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (req: HTTPRequest) => {
    if (req.isInterceptResolutionHandled()) return;
    // Templates are self-contained: fonts are local, images are data: URLs.
    (req.url().startsWith('data:') ? req.continue() : req.abort('blockedbyclient')).catch(() => undefined);
  });
}

/** Chromium's environment: the few variables it needs, nothing of ours. */
export function chromiumEnv(
  from: NodeJS.ProcessEnv,
  own: { home: string; tmp: string; fontsConf: string },
): Record<string, string> {
  const env: Record<string, string> = { PATH: '/usr/local/bin:/usr/bin:/bin' };
  for (const name of INHERITED_ENV) if (from[name]) env[name] = from[name]!;
  return {
    ...env,
    HOME: own.home,
    TMPDIR: own.tmp,
    XDG_CONFIG_HOME: path.join(own.home, '.config'),
    XDG_CACHE_HOME: path.join(own.home, '.cache'),
    FONTCONFIG_FILE: own.fontsConf,
  };
}

/** Runs in the page: waits (capped) for the fonts and names the faces that failed to load. */
const FONTS_SCRIPT = `(async () => {
  const ready = await Promise.race([document.fonts.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), ${FONTS_READY_CAP_MS}))]);
  return { ready, failed: [...document.fonts].filter((f) => f.status === 'error').map((f) => f.family) };
})()`;

/** Runs in the page: decodes an image and, when it is larger than `max` (or not a JPEG), redraws it as a JPEG within `max`. */
const SHRINK_SCRIPT = `async (src, max, quality) => {
  const img = new Image();
  img.src = src;
  await img.decode();
  const w = img.naturalWidth, h = img.naturalHeight;
  const scale = Math.min(1, max / Math.max(w, h));
  if (scale === 1 && src.startsWith('data:image/jpeg')) return { width: w, height: h, dataUrl: null };
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(w * scale));
  canvas.height = Math.max(1, Math.round(h * scale));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return { width: canvas.width, height: canvas.height, dataUrl: canvas.toDataURL('image/jpeg', quality) };
}`;

/** Runs in the page: the document's title and issuing organ (`<title>`, `<meta name="author">`). */
const INFO_SCRIPT = `({ title: document.title, author: document.querySelector('meta[name="author"]')?.content ?? '' })`;

/** The application, as every report's PDF names it in Creator (Chromium would write its user agent). */
export const PDF_CREATOR = '协商';

function within<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** Pages in a Skia PDF: each page object is written once, uncompressed. */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

function killGroup(pid: number | null): void {
  if (!pid) return;
  try {
    // Chromium is started as a process group leader: this also ends the zygote and renderers a crash left behind.
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function exited(instance: Instance): Promise<void> {
  const proc = instance.browser.process();
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => proc.once('exit', () => resolve()));
}

/**
 * HTML → PDF in Debian's Chromium. One browser per process, launched on the first render and reused;
 * at most `poolSize` renders at once, each on a reused page; a crashed browser is replaced on the next
 * render; the browser is replaced after `recycleAfter` renders; a render past its time-out rejects and its
 * page is closed (a hung renderer process goes with it). No network: every request but `data:` is refused.
 */
@Injectable()
export class PdfRenderer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PdfRenderer.name);
  private readonly root: string;
  private current: Instance | null = null;
  private launching: Promise<Instance> | null = null;
  private readonly instances = new Set<Instance>();
  private free: number;
  private readonly waiters: Array<() => void> = [];
  private closed = false;
  /** The `local()` font rules the report templates write, which `print` swaps for the document's subsets. */
  private readonly localFontCss: string;
  private readonly subsetWarned = new Set<string>();
  /** Browsers launched so far (relaunches and recycling included). */
  launches = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.free = config.pdf.poolSize;
    this.root = path.join(config.dataDir, 'chromium');
    this.localFontCss = fontFaceCss(config.pdf.fonts);
  }

  onModuleInit(): void {
    for (const p of fontProblems(this.config.pdf.fonts)) this.logger.warn(`${p.message}：PDF 报告将无法生成`);
    if (this.config.pdf.sandbox && process.getuid?.() === 0)
      this.logger.warn('XS_CHROMIUM_SANDBOX=1 但进程以 root 运行：Chromium 不会以沙箱方式启动，PDF 报告将无法生成');
  }

  /** The running browser's process id, or null when none runs (for tests that kill it). */
  browserPid(): number | null {
    return this.current?.pid ?? null;
  }

  /** Renders holding a page of a browser right now (for tests that kill Chromium mid-render). */
  activeRenders(): number {
    return [...this.instances].reduce((n, i) => n + i.active, 0);
  }

  async render(html: string, opts: RenderOptions = {}): Promise<RenderResult> {
    const { value: pdf, ms } = await this.withPage(
      (page) => this.print(page, html),
      opts.timeoutMs ?? this.config.pdf.timeoutMs,
      (limit) => `生成 PDF 超时（超过 ${limit} 毫秒），已中止`,
    );
    return { pdf, pages: countPdfPages(pdf), ms };
  }

  /**
   * A photo made small enough to print: decoded by Chromium (EXIF orientation applied) and drawn on a canvas
   * at most `maxPx` on its longer side, as a JPEG of `quality`. A JPEG already within `maxPx` comes back as
   * it was. Chromium embeds images in a PDF at their own resolution, so a report of camera photos would
   * otherwise carry every full-size file. Rejects when the bytes are no image Chromium can decode, and before
   * decoding anything when the header declares more pixels than XS_IMAGE_MAX_PIXELS (a 20000×20000 PNG of
   * 1 MB took Chromium 8 GB) or cannot be read. Takes a pooled page like a render (and counts towards `recycleAfter`).
   */
  async shrinkImage(image: Buffer, mime: string, maxPx: number, quality = 0.8): Promise<ShrunkImage> {
    const size = imageSize(image);
    if (!size) throw new PdfRenderError('PDF_IMAGE', '无法读取图片的尺寸，未解码');
    if (overPixelBudget(size, this.config.imageMaxPixels))
      throw new PdfRenderError(
        'PDF_IMAGE',
        `图片像素过大（${size.width}×${size.height}），超过 ${pixelBudgetLabel(this.config.imageMaxPixels)} 像素，未解码`,
      );
    const { value } = await this.withPage(
      async (page) => {
        // The script is text (a string given to evaluate takes no arguments): made a function in the page, then called with the image.
        const shrink = await page.evaluateHandle(SHRINK_SCRIPT);
        try {
          return (await page.evaluate(
            (fn, src, max, q) => (fn as unknown as (...a: unknown[]) => unknown)(src, max, q),
            shrink,
            `data:${mime};base64,${image.toString('base64')}`,
            maxPx,
            quality,
          )) as { width: number; height: number; dataUrl: string | null };
        } finally {
          await shrink.dispose();
        }
      },
      this.config.pdf.timeoutMs,
      (limit) => `缩小照片超时（超过 ${limit} 毫秒），已中止`,
    );
    if (!value.dataUrl) return { bytes: image, mime, width: value.width, height: value.height };
    return {
      bytes: Buffer.from(value.dataUrl.slice(value.dataUrl.indexOf(',') + 1), 'base64'),
      mime: 'image/jpeg',
      width: value.width,
      height: value.height,
    };
  }

  /** Runs `work` on a pooled page within `timeoutMs`: the slot, the page's return (or closing on failure) and the time-out in one place. */
  private async withPage<T>(
    work: (page: Page) => Promise<T>,
    timeoutMs: number,
    timeoutMessage: (limit: number) => string,
  ): Promise<{ value: T; ms: number }> {
    const started = performance.now();
    await this.takeSlot();
    let lease: Lease | null = null;
    let abandoned = false;
    const running = (async () => {
      lease = await this.checkout();
      if (abandoned) throw new PdfRenderError('PDF_TIMEOUT', '已超时');
      return work(lease.page);
    })();
    running.catch(() => undefined); // after a time-out its rejection is expected and handled below
    try {
      const value = await within(
        running,
        timeoutMs,
        () => new PdfRenderError('PDF_TIMEOUT', timeoutMessage(timeoutMs)),
      );
      this.checkin(lease!, true);
      return { value, ms: Math.round(performance.now() - started) };
    } catch (e) {
      abandoned = true;
      if (lease) this.checkin(lease, false);
      else
        void running
          .then(
            () => undefined,
            () => undefined,
          )
          .finally(() => lease && this.checkin(lease, false));
      throw this.translate(e);
    } finally {
      this.giveSlot();
    }
  }

  /**
   * After JobQueue's beforeApplicationShutdown has let the running renders finish (Nest runs every module's
   * onModuleDestroy first, which would pull the browser from under a render still in progress).
   */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.launching?.catch(() => undefined);
    await Promise.all([...this.instances].map((i) => this.closeInstance(i)));
  }

  private translate(e: unknown): PdfRenderError {
    if (e instanceof PdfRenderError) return e;
    return new PdfRenderError('PDF_BROWSER', `Chromium 渲染失败：${(e as Error).message}`);
  }

  private takeSlot(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private giveSlot(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.free++;
  }

  private async print(page: Page, html: string): Promise<Buffer> {
    const subset = withSubsetFonts(html, this.config.pdf.fonts, this.localFontCss);
    for (const { role, reason } of subset.failed) {
      if (this.subsetWarned.has(role)) continue;
      this.subsetWarned.add(role);
      this.logger.warn(`${FONT_LABELS[role]}字体无法取子集，改用整个字体（PDF 生成较慢）：${reason}`);
    }
    await page.setContent(withContentPolicy(subset.html), { waitUntil: 'load', timeout: 0 });
    const fonts = (await page.evaluate(FONTS_SCRIPT)) as { ready: boolean; failed: string[] };
    if (!fonts.ready) throw new PdfRenderError('PDF_FONT', `等待字体加载超过 ${FONTS_READY_CAP_MS} 毫秒`);
    if (fonts.failed.length) {
      const labels = fonts.failed
        .map((f) => FONT_ROLES.find((r) => fontFamily(r) === f))
        .map((r, i) => (r ? FONT_LABELS[r] : fonts.failed[i]));
      throw new PdfRenderError('PDF_FONT', `字体未能加载：${labels.join('、')}。请检查 XS_FONT_* 配置的字体文件`);
    }
    const info = (await page.evaluate(INFO_SCRIPT)) as { title: string; author: string };
    const foot = (await page.evaluate(FOOT_MARK)) as { duplex: boolean; from: number } | null;
    const print = async (pageRanges = '') =>
      Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: 0, pageRanges }));
    const printed = async () => withPdfInfo(await print(), { ...info, creator: PDF_CREATOR });
    if (!foot) return printed();
    // The 版记 at the foot of the last page (GB/T 9704 §7.4): printed once to see where it ends, then again
    // with that much space before it; on an even last page when the office prints double-sided. The measuring
    // print makes only the pages from `foot.from` on (all of them when the page count matters, for duplex): a
    // page's place is the same whichever pages are printed, and an estimate past the end fails and prints all.
    let first = !foot.duplex && foot.from > 1 ? await print(`${foot.from}-`).catch(() => null) : null;
    let box = first && footBoxMm(first);
    if (!first || !box) {
      first = await print();
      box = footBoxMm(first);
    }
    if (!box) {
      await page.evaluate(footSpacer({ mm: 0, newPage: false, blankPage: false }));
      return printed();
    }
    await page.evaluate(footSpacer(footPlan(box, foot.duplex, countPdfPages(first))));
    return printed();
  }

  private async checkout(): Promise<Lease> {
    let instance = await this.instance();
    if (instance.renders >= this.config.pdf.recycleAfter) {
      this.retire(instance);
      instance = await this.instance();
    }
    instance.renders++;
    instance.active++;
    try {
      return { instance, page: instance.idle.pop() ?? (await this.newPage(instance.browser)) };
    } catch (e) {
      instance.active--;
      this.closeIfDone(instance);
      throw e;
    }
  }

  /** A page that printed goes back to its browser's idle list; any other is closed, or its browser killed if it will not close. */
  private checkin({ instance, page }: Lease, ok: boolean): void {
    instance.active--;
    if (ok && !instance.retired && !page.isClosed() && instance.idle.length < this.config.pdf.poolSize) {
      instance.idle.push(page);
      return;
    }
    if (!page.isClosed() && instance.browser.connected) {
      within(page.close(), CLOSE_CAP_MS, () => new Error('页面无法关闭')).catch(() => {
        this.logger.warn('Chromium 页面无法关闭，结束整个浏览器');
        this.retire(instance);
        killGroup(instance.pid);
      });
    }
    this.closeIfDone(instance);
  }

  private async newPage(browser: Browser): Promise<Page> {
    const page = await browser.newPage();
    await lockDownPage(page);
    return page;
  }

  private instance(): Promise<Instance> {
    if (this.closed) return Promise.reject(new PdfRenderError('PDF_CLOSED', 'PDF 渲染器已关闭'));
    if (this.current) return Promise.resolve(this.current);
    if (!this.launching) {
      this.launching = this.launch().finally(() => {
        this.launching = null;
      });
    }
    return this.launching;
  }

  private async launch(): Promise<Instance> {
    const home = path.join(this.root, 'home');
    const tmp = path.join(this.root, 'tmp');
    for (const dir of [home, tmp]) fs.mkdirSync(dir, { recursive: true });
    const fontsConf = path.join(this.root, 'fonts.conf');
    fs.writeFileSync(fontsConf, fontconfigXml(this.config.pdf.fonts, path.join(this.root, 'fontconfig')));
    const profileDir = fs.mkdtempSync(path.join(this.root, 'profile-'));
    let browser: Browser;
    try {
      // Loaded with the first browser, not at start-up: an api process that renders nothing never needs it.
      const faces = loadFaces(this.config.pdf.fonts);
      const { default: puppeteer } = await import('puppeteer-core');
      browser = await puppeteer.launch({
        executablePath: this.config.chromiumPath,
        headless: true,
        pipe: true,
        userDataDir: profileDir,
        args: this.config.pdf.sandbox ? ARGS : ['--no-sandbox', ...ARGS],
        env: chromiumEnv(process.env, { home, tmp, fontsConf }),
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      await faces;
    } catch (e) {
      fs.rmSync(profileDir, { recursive: true, force: true });
      throw new PdfRenderError(
        'PDF_BROWSER',
        `Chromium 无法启动（${this.config.chromiumPath}）：${(e as Error).message}`,
      );
    }
    this.launches++;
    const instance: Instance = {
      browser,
      pid: browser.process()?.pid ?? null,
      profileDir,
      renders: 0,
      active: 0,
      idle: [],
      retired: false,
      closing: null,
    };
    this.instances.add(instance);
    browser.on('disconnected', () => this.onDisconnected(instance));
    if (this.closed) {
      await this.closeInstance(instance);
      throw new PdfRenderError('PDF_CLOSED', 'PDF 渲染器已关闭');
    }
    this.current = instance;
    return instance;
  }

  private onDisconnected(instance: Instance): void {
    if (!instance.retired && !this.closed)
      this.logger.warn(`Chromium（进程 ${instance.pid}）意外退出，下次渲染时重新启动`);
    instance.retired = true;
    if (this.current === instance) this.current = null;
    killGroup(instance.pid);
    this.instances.delete(instance);
    fs.rmSync(instance.profileDir, { recursive: true, force: true });
  }

  private retire(instance: Instance): void {
    instance.retired = true;
    if (this.current === instance) this.current = null;
    this.closeIfDone(instance);
  }

  private closeIfDone(instance: Instance): void {
    if (instance.retired && instance.active === 0) void this.closeInstance(instance);
  }

  private closeInstance(instance: Instance): Promise<void> {
    instance.retired = true;
    if (this.current === instance) this.current = null;
    const close = instance.browser.connected ? instance.browser.close() : Promise.resolve();
    instance.closing ??= within(close, CLOSE_CAP_MS, () => new Error('浏览器无法关闭'))
      .catch(() => undefined)
      .then(() => {
        killGroup(instance.pid);
        // Wait for the main process to be reaped, so that no zombie is left behind.
        return within(exited(instance), CLOSE_CAP_MS, () => new Error('浏览器进程未退出')).catch(() => undefined);
      })
      .finally(() => {
        this.instances.delete(instance);
        fs.rmSync(instance.profileDir, { recursive: true, force: true });
      });
    return instance.closing;
  }
}
