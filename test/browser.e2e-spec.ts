/// <reference lib="dom" />
// (DOM types: the functions given to $eval and evaluate run in the page.)
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import puppeteer, { Browser, Page } from 'puppeteer-core';
import { startTestApp, TEST_PASSWORD, TestApp } from './support/test-app';

/** The journeys in real Chromium: the CSP-clean CSS and script load, forms post, roles are enforced. */
describe('web pages in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let profile: string;
  const problems: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await t.signIn('browserstaff', ['staff']);
    await t.signIn('browsermember', ['member'], { memberId: (await t.make.member()).id });
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-chromium-'));
    browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      userDataDir: profile,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  /** A fresh cookie jar per person; CSP violations and script errors are collected and must stay empty. */
  async function newPage(): Promise<Page> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    return page;
  }

  async function signIn(page: Page, username: string): Promise<void> {
    await page.goto(`${base}/login`);
    await page.type('#f-username', username);
    await page.type('#f-password', TEST_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
  }

  const text = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);

  it('staff sign in through the form, add a 委员 through the form and see it listed', async () => {
    const page = await newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await signIn(page, 'browserstaff');
    expect(await text(page, 'h1')).toBe('您好，browserstaff');
    // The stylesheet applied under the CSP: the red header band.
    expect(await page.$eval('.header', (el) => getComputedStyle(el).backgroundColor)).toBe('rgb(140, 28, 19)');
    // The first Tab lands on the skip link.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文');

    await Promise.all([page.waitForNavigation(), page.click('a.service-nav__link[href="/directory"]')]);
    await Promise.all([page.waitForNavigation(), page.click('main a[href="/directory/members"]')]);
    await Promise.all([page.waitForNavigation(), page.click('main a[href="/directory/members/new"]')]);
    expect(await page.title()).toMatch(/^新增委员 - /);

    // Submitted empty first: the error summary takes focus and links to the fields.
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await text(page, '.error-summary')).toContain('请填写姓名');

    await page.type('#f-name', '王小红');
    await page.select('#f-sectorId', await page.$eval('#f-sectorId option:nth-child(3)', (o) => (o as HTMLOptionElement).value));
    const sectorName = await page.$eval('#f-sectorId', (s) => (s as HTMLSelectElement).selectedOptions[0].text);
    await page.click('label[for="f-committeeIds"]');
    const committeeName = await text(page, 'label[for="f-committeeIds"]');
    await page.click('label[for="f-gender-female"]');
    await page.type('#f-term', '十二届');
    await page.type('#f-phone', '138 0000 0000');
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);

    expect(page.url()).toBe(`${base}/directory/members?done=created`);
    expect(await text(page, '.notification')).toBe('委员已新增');
    const row = await page.$$eval('tbody tr', (rows) => rows.map((r) => (r as HTMLElement).innerText).find((t) => t.includes('王小红')) ?? '');
    expect(row).toContain(sectorName);
    expect(row).toContain(committeeName);
    expect(row).toContain('女');
    expect(problems).toEqual([]);
  });

  it('a member is refused the staff form with a 403 page and has no staff menu, also on a phone', async () => {
    const page = await newPage();
    await page.setViewport({ width: 390, height: 844 });
    await signIn(page, 'browsermember');
    const links = await page.$$eval('.service-nav__link', (as) => as.map((a) => a.textContent));
    expect(links).toEqual(['首页', '我的提案', '消息', '修改密码']);
    // On a phone the menu folds behind 菜单 and opens on a tap.
    expect(await page.$eval('#service-nav-list', (ul) => getComputedStyle(ul).display)).toBe('none');
    await page.click('.service-nav__toggle');
    expect(await page.$eval('#service-nav-list', (ul) => getComputedStyle(ul).display)).toBe('flex');

    const res = await page.goto(`${base}/directory/members/new`);
    expect(res?.status()).toBe(403);
    expect(await text(page, 'h1')).toBe('无权访问此页面');
    expect(await page.$$eval('.service-nav__link', (as) => as.map((a) => a.textContent))).not.toContain('名录');
    expect(await page.$('form[action="/directory/members/new"]')).toBeNull();
    expect(problems).toEqual([]);
  });
});
