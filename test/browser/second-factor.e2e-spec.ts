/// <reference lib="dom" />
// (DOM types: the functions given to $eval and evaluate run in the page.)
import jsQR from 'jsqr';
import { generateSync } from 'otplib';
import { Page } from 'puppeteer-core';
import { stepAt } from '../../src/auth/second-factor.crypto';
import { UsersService } from '../../src/auth/users.service';
import { BrowserRun, clickAndWait, JOURNEY_TIMEOUT_MS, startBrowser, textOf } from '../support/browser';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

const SHOTS = process.env.XS_SCREENSHOT_DIR;

/** A staff member's first sign-in in Chromium: the QR code read off the page, the code typed, the recovery codes. */
describe('second factor in Chromium', () => {
  let t: TestApp;
  let run: BrowserRun;

  beforeAll(async () => {
    t = await startTestApp();
    // Made directly, not through the test support's sign-in: the person enrols on the pages.
    await t.app
      .get(UsersService)
      .create(
        { id: null, displayName: '测试' },
        { username: 'qrstaff', password: TEST_PASSWORD, displayName: '扫码人员', roles: ['staff'] },
      );
    run = await startBrowser(t);
  });

  afterAll(async () => {
    await run?.close();
    await t?.close();
  });

  /** The otpauth:// URI in the page's QR code, decoded from its pixels with jsQR. */
  async function qrText(page: Page): Promise<string | null> {
    const pixels = await page.$eval('img[data-otpauth]', (img) => {
      const image = img as HTMLImageElement;
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const g = canvas.getContext('2d')!;
      g.drawImage(image, 0, 0);
      const data = g.getImageData(0, 0, canvas.width, canvas.height);
      return { width: data.width, height: data.height, data: Array.from(data.data) };
    });
    return jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)?.data ?? null;
  }

  async function shoot(page: Page, name: string): Promise<void> {
    if (!SHOTS) return;
    for (const width of [1366, 390]) {
      await page.setViewport({ width, height: 900 });
      await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    }
    await page.setViewport({ width: 1366, height: 900 });
  }

  const signInForm = async (page: Page) => {
    await page.goto(`${run.base}/login`);
    await page.type('#f-username', 'qrstaff');
    await page.type('#f-password', TEST_PASSWORD);
    await clickAndWait(page, 'main button[type="submit"]');
  };

  it(
    'enrols on the first sign-in, shows the recovery codes once, then signs in again with a code',
    async () => {
      const page = await run.page('qrstaff');
      await page.setViewport({ width: 1366, height: 900 });
      await signInForm(page);
      expect(new URL(page.url()).pathname).toBe('/account/second-factor');
      expect(await textOf(page, 'h1')).toBe('两步验证');
      // Nothing else opens before the factor is on.
      await page.goto(`${run.base}/directory`);
      expect(new URL(page.url()).pathname).toBe('/account/second-factor');
      await shoot(page, 'second-factor-setup');

      const uri = await qrText(page);
      expect(uri).toMatch(/^otpauth:\/\/totp\//);
      const secret = new URL(uri!).searchParams.get('secret')!;
      expect(await textOf(page, '#secondFactorSecret')).toBe(secret);
      const step = stepAt(t.clock.now());
      await page.type('#f-code', generateSync({ secret, epoch: step * 30 }));
      await clickAndWait(page, 'main form button[type="submit"]');
      const codes = await page.$$eval('#recoveryCodes li', (lis) => lis.map((li) => li.textContent!.trim()));
      expect(codes).toHaveLength(10);
      expect(await textOf(page, 'main')).toContain('只显示这一次');
      await shoot(page, 'second-factor-codes');

      await page.goto(`${run.base}/`);
      expect(await textOf(page, 'h1')).toBe('您好，扫码人员');
      await clickAndWait(page, 'form[action="/logout"] button[type="submit"]');

      await signInForm(page);
      expect(new URL(page.url()).pathname).toBe('/login/second-factor');
      await shoot(page, 'second-factor-verify');
      // The code of the confirming step is used; the next step's code is still within the window.
      await page.type('#f-code', generateSync({ secret, epoch: (step + 1) * 30 }));
      await clickAndWait(page, 'main form button[type="submit"]');
      expect(await textOf(page, 'h1')).toBe('您好，扫码人员');
      expect(run.problems).toEqual([]);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
