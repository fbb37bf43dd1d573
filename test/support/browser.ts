/// <reference lib="dom" />
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import puppeteer, { Browser, Page } from 'puppeteer-core';
import { TestApp } from './test-app';

/**
 * How long one journey through the pages may take. Jest's 60 s default was met by a five-page 签发 journey in CI
 * (69 s, two suites and their Chromiums sharing two cores), so every multi-page journey takes this instead.
 * A bound on a hang, not a speed figure: nothing here asserts how fast a page is.
 */
export const JOURNEY_TIMEOUT_MS = 180_000;

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
  // No PDF viewer in the report pages' frames: the journeys read the page around it (the PDFs are checked as files
  // and as pictures elsewhere). In two full runs, under both suites' load, the headless viewer kept the next
  // navigation from a report page from loading — the request was sent, no load in 30 s, on either engine.
  fs.mkdirSync(path.join(profile, 'Default'));
  fs.writeFileSync(
    path.join(profile, 'Default', 'Preferences'),
    JSON.stringify({ plugins: { always_open_pdf_externally: true } }),
  );
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
  apps.set(base, t);
  return {
    browser,
    base,
    problems,
    page: async (who = '') => {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      const label = who ? `${who}: ` : '';
      page.on('console', (m) => {
        // "Framing ''": Chromium's error page for the PDF the profile above does not show in the frame, not ours.
        if (/^Framing '' violates/.test(m.text())) return;
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

/**
 * Clicks what a person can see and waits for the page it leads to. A navigation that never comes fails with where
 * the page is and what it asked the server for, not only "timeout" (so a hang says whether the request was sent).
 */
export async function clickAndWait(page: Page, selector: string): Promise<void> {
  const asked: string[] = [];
  const onRequest = (r: { method: () => string; url: () => string; isNavigationRequest: () => boolean }) => {
    if (r.isNavigationRequest()) asked.push(`${r.method()} ${r.url()}`);
  };
  page.on('request', onRequest);
  try {
    const element = await page.waitForSelector(selector, { visible: true });
    await Promise.all([page.waitForNavigation(), element!.click()]);
  } catch (e) {
    const seen = asked.length ? asked.join(', ') : 'no navigation request';
    throw new Error(`clicking ${selector} on ${page.url()}: ${String(e)} (${seen})`);
  } finally {
    page.off('request', onRequest);
  }
}

/** The app behind each running browser's address: signInPage computes second-factor codes with it. */
const apps = new Map<string, TestApp>();

/**
 * Signs in through the login form; for an account that needs a second factor, types the app's code on the
 * 两步验证 step (an account not yet enrolled is enrolled through the API first, as the person would with a phone).
 */
export async function signInPage(page: Page, base: string, username: string, password: string): Promise<void> {
  const t = apps.get(base);
  for (let attempt = 1; ; attempt++) {
    await page.goto(`${base}/login`);
    await page.type('#f-username', username);
    await page.type('#f-password', password);
    await clickAndWait(page, 'main button[type="submit"]');
    const at = new URL(page.url()).pathname;
    if (t && at === '/account/second-factor' && attempt === 1) {
      await t.login(username, password);
      continue;
    }
    if (t && at === '/login/second-factor') {
      await page.type('#f-code', t.secondFactorCode(username)!);
      await clickAndWait(page, 'main form button[type="submit"]');
    }
    return;
  }
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

/**
 * What Chromium says when a test's navigation meets one the page made itself (a page waiting for a render
 * reloads itself every few seconds): the navigation is aborted, the frame swapped under the call, or the document
 * replaced while it is read. Another try settles it.
 */
const RACING_NAVIGATION =
  /ERR_ABORTED|Not attached to an active page|frame was detached|Execution context was destroyed/;

/**
 * Opens `path` and returns once the page shown no longer reloads itself (no `data-refresh-seconds`): the caller
 * has waited for what the page was waiting for. A navigation racing the page's own reload is made again.
 */
export async function openSettled(run: BrowserRun, page: Page, path: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(`${run.base}${path}`, { waitUntil: 'load' });
      if (!(await page.$('[data-refresh-seconds]'))) return;
      if (attempt >= 8) throw new Error(`${path} still reloads itself after ${attempt} visits`);
    } catch (e) {
      if (attempt >= 8 || !RACING_NAVIGATION.test(String(e))) throw e;
    }
    await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
  }
}
