/// <reference lib="dom" />
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import puppeteer, { Browser, Page } from 'puppeteer-core';
import { TestApp } from './test-app';

/** The app listening on a free local port, and Debian's Chromium with a throw-away profile. */
export interface BrowserRun {
  browser: Browser;
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** CSP violations and script errors seen on any page opened with `page()`: a test expects it to stay empty. */
  problems: string[];
  /** A page in a fresh browser context (its own cookies), watched for CSP problems; `who` labels what it reports. */
  page: (who?: string) => Promise<Page>;
  close: () => Promise<void>;
}

export async function startBrowser(t: TestApp): Promise<BrowserRun> {
  await t.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    userDataDir: profile,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const problems: string[] = [];
  return {
    browser,
    base,
    problems,
    page: async (who = '') => {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      const label = who ? `${who}: ` : '';
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(label + m.text());
      });
      page.on('pageerror', (e) => problems.push(label + String(e)));
      return page;
    },
    close: async () => {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Clicks and waits for the page it leads to. */
export async function clickAndWait(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

/** Signs in through the login form. */
export async function signInPage(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.type('#f-username', username);
  await page.type('#f-password', password);
  await clickAndWait(page, 'main button[type="submit"]');
}

/** A fresh browser context (its own cookies) at desktop width, signed in as `username`. */
export async function signedInPage(run: BrowserRun, username: string, password: string): Promise<Page> {
  const page = await run.page(username);
  await page.setViewport({ width: 1280, height: 900 });
  await signInPage(page, run.base, username, password);
  return page;
}

/** The visible text of the first element matching `selector`. */
export const textOf = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);

/** The status tag of what a page shows: a proposal's state, a topic's step. */
export const statusOf = (page: Page) => textOf(page, 'main .tags .tag');

/** Submits the form matching `form` with its submit button and waits for the page it leads to. */
export const submitIn = (page: Page, form: string) => clickAndWait(page, `${form} button[type="submit"]`);
