import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { loadConfig } from '../../src/config/app-config';
import { lockDownPage, PdfRenderer, withContentPolicy } from '../../src/reports/pdf-renderer';

/**
 * What untrusted markup can do in the report renderer's Chromium (security review L1, L2): no script runs, no
 * request leaves — WebSockets included, which the request interception does not see —, the browser holds
 * none of our environment, and a photo over the pixel budget is never decoded. Real Chromium, no database.
 */
describe('PdfRenderer hardening', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-pdf-hard-'));
  const config = loadConfig({}, dir);
  const renderers: PdfRenderer[] = [];
  const renderer = () => {
    const r = new PdfRenderer(config);
    renderers.push(r);
    return r;
  };
  const text = (pdf: Buffer) => {
    const file = path.join(dir, `${renderers.length}-${Date.now()}.pdf`);
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  };

  /** A local HTTP server that notes every request and every WebSocket handshake it gets. */
  let server: http.Server;
  let port: number;
  const hits: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(`http ${req.url}`);
      res.end('');
    });
    server.on('upgrade', (req, socket) => {
      hits.push(`ws ${req.url}`);
      socket.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  beforeEach(() => {
    hits.length = 0;
  });

  afterAll(async () => {
    await Promise.all(renderers.map((r) => r.onApplicationShutdown()));
    await new Promise((r) => server.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  jest.setTimeout(60000);

  it('runs no script of the markup: a <script> that rewrites the body leaves the printed text as written', async () => {
    const r = renderer();
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>原文照印</p>
      <script>document.body.innerHTML = '<p>脚本改写</p>';</script></body></html>`;
    const printed = text((await r.render(html)).pdf);
    expect(printed).toContain('原文照印');
    expect(printed).not.toContain('脚本改写');
  });

  it('lets no WebSocket, fetch or image of the markup reach a local server', async () => {
    const r = renderer();
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>外连</p>
      <img src="http://127.0.0.1:${port}/img">
      <script>new WebSocket('ws://127.0.0.1:${port}/ws'); fetch('http://127.0.0.1:${port}/fetch');</script></body></html>`;
    expect((await r.render(html)).pages).toBe(1);
    // A second render on the same browser gives any handshake the first one started time to arrive.
    expect((await r.render(html)).pages).toBe(1);
    expect(hits).toEqual([]);
  });

  it('blocks WebSockets by the document policy even with JavaScript turned back on (the second layer)', async () => {
    const { default: puppeteer } = await import('puppeteer-core');
    const browser: Browser = await puppeteer.launch({
      executablePath: config.chromiumPath,
      headless: true,
      pipe: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      userDataDir: fs.mkdtempSync(path.join(dir, 'profile-')),
    });
    try {
      /** Opens a WebSocket from a locked-down page with JavaScript on and says how it ended. */
      const tryWebSocket = async (withPolicy: boolean, name: string) => {
        const page = await browser.newPage();
        await lockDownPage(page);
        await page.setJavaScriptEnabled(true);
        const html =
          '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head><body><p>ws</p></body></html>';
        await page.setContent(withPolicy ? withContentPolicy(html) : html);
        // The policy sits in the head and leaves the document in standards mode with its own attributes.
        if (withPolicy)
          expect(
            await page.evaluate(() => [
              document.compatMode,
              document.documentElement.lang,
              document.head.firstElementChild?.getAttribute('http-equiv'),
            ]),
          ).toEqual(['CSS1Compat', 'zh-CN', 'Content-Security-Policy']);
        return page.evaluate(
          (url) =>
            new Promise<string>((resolve) => {
              const ws = new WebSocket(url);
              ws.onopen = () => resolve('open');
              ws.onerror = () => resolve('error');
              ws.onclose = () => resolve('closed');
            }),
          `ws://127.0.0.1:${port}/${name}`,
        );
      };
      expect(await tryWebSocket(true, 'locked')).toBe('error');
      expect(hits).toEqual([]);
      // Without the policy the request interception alone lets it through: the test sees a handshake when there is one.
      await tryWebSocket(false, 'no-policy');
      expect(hits).toEqual(['ws /no-policy']);
    } finally {
      await browser.close();
    }
  });

  it('starts Chromium with a minimal environment: none of our variables, its own HOME', async () => {
    process.env.XS_TEST_SECRET = 'geheim-9f2c';
    process.env.DATABASE_URL ??= 'mysql://root:pw@127.0.0.1:3306/xs';
    try {
      const r = renderer();
      await r.render('<!DOCTYPE html><html><body><p>环境</p></body></html>');
      const pid = r.browserPid()!;
      const env = new Map(
        fs
          .readFileSync(`/proc/${pid}/environ`, 'utf8')
          .split('\0')
          .filter(Boolean)
          .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as const),
      );
      expect(env.get('HOME')).toBe(path.join(dir, 'data', 'chromium', 'home'));
      expect(env.has('PATH')).toBe(true);
      expect(env.has('XS_TEST_SECRET')).toBe(false);
      expect(env.has('DATABASE_URL')).toBe(false);
      expect([...env.keys()].filter((k) => k.startsWith('XS_'))).toEqual([]);
      expect([...env.values()].filter((v) => v.includes('geheim-9f2c'))).toEqual([]);
    } finally {
      delete process.env.XS_TEST_SECRET;
    }
  });

  it('refuses to decode a photo whose header declares more pixels than XS_IMAGE_MAX_PIXELS, and one it cannot read', async () => {
    const r = renderer();
    await expect(r.shrinkImage(pngHeader(20000, 20000), 'image/png', 1000)).rejects.toMatchObject({
      code: 'PDF_IMAGE',
      message: '图片像素过大（20000×20000），超过 5000万 像素，未解码',
    });
    const cut = pngHeader(100, 100).subarray(0, 20);
    await expect(r.shrinkImage(cut, 'image/png', 1000)).rejects.toMatchObject({ code: 'PDF_IMAGE' });
    // Nothing was decoded, so no browser was even started.
    expect(r.browserPid()).toBeNull();
  });
});

/** The signature and IHDR chunk of a PNG of `width`×`height` (no image data: enough for a header check). */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.set([8, 6, 0, 0, 0], 16);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr]);
}
