/// <reference lib="dom" />
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import puppeteer from 'puppeteer-core';

/**
 * Camera-sized JPEGs drawn by Chromium (gradients, shapes and sensor-like noise, each different), so a test
 * can upload photos as heavy as a phone's without binary fixtures in the repository.
 */
export async function cameraPhotos(count: number, width = 2400, height = 1800, quality = 0.92): Promise<Buffer[]> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-photos-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    userDataDir: profile,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    const out: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      const url = await page.evaluate(
        (seed: number, w: number, h: number, q: number) => {
          let s = seed * 9973 + 1;
          const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
          const canvas = document.createElement('canvas');
          canvas.width = w;
          canvas.height = h;
          const ctx = canvas.getContext('2d')!;
          const g = ctx.createLinearGradient(0, 0, w, h);
          g.addColorStop(0, `hsl(${(seed * 37) % 360} 60% 70%)`);
          g.addColorStop(1, `hsl(${(seed * 37 + 120) % 360} 50% 30%)`);
          ctx.fillStyle = g;
          ctx.fillRect(0, 0, w, h);
          for (let k = 0; k < 60; k++) {
            ctx.fillStyle = `hsla(${rand() * 360} 70% ${30 + rand() * 50}% / 0.6)`;
            ctx.fillRect(rand() * w, rand() * h, rand() * w * 0.3, rand() * h * 0.3);
          }
          const img = ctx.getImageData(0, 0, w, h);
          for (let p = 0; p < img.data.length; p += 4) {
            const n = (rand() - 0.5) * 40;
            img.data[p] += n;
            img.data[p + 1] += n;
            img.data[p + 2] += n;
          }
          ctx.putImageData(img, 0, 0);
          return canvas.toDataURL('image/jpeg', q);
        },
        i + 1,
        width,
        height,
        quality,
      );
      out.push(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
    }
    return out;
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
