/// <reference lib="dom" />
// (DOM types: the functions given to $eval and evaluate run in the page.)
import { Page } from 'puppeteer-core';
import { BrowserRun, signInPage, startBrowser, textOf } from '../support/browser';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/** The journeys in real Chromium: the CSP-clean CSS and script load, forms post, roles are enforced. */
describe('web pages in Chromium', () => {
  let t: TestApp;
  let run: BrowserRun;
  let base: string;
  let problems: string[];

  beforeAll(async () => {
    t = await startTestApp();
    await t.signIn('browserstaff', ['staff']);
    await t.signIn('browsermember', ['member'], { memberId: (await t.make.member()).id });
    run = await startBrowser(t);
    ({ base, problems } = run);
  });

  afterAll(async () => {
    await run?.close();
    await t?.close();
  });

  /** A fresh cookie jar per person; CSP violations and script errors are collected and must stay empty. */
  const newPage = (): Promise<Page> => run.page();
  const signIn = (page: Page, username: string) => signInPage(page, base, username, TEST_PASSWORD);
  const text = textOf;

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
    await page.select(
      '#f-sectorId',
      await page.$eval('#f-sectorId option:nth-child(3)', (o) => (o as HTMLOptionElement).value),
    );
    const sectorName = await page.$eval('#f-sectorId', (s) => (s as HTMLSelectElement).selectedOptions[0].text);
    await page.click('label[for="f-committeeIds"]');
    const committeeName = await text(page, 'label[for="f-committeeIds"]');
    await page.click('label[for="f-gender-female"]');
    await page.type('#f-term', '十二届');
    await page.type('#f-phone', '138 0000 0000');
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);

    expect(page.url()).toBe(`${base}/directory/members?done=created`);
    expect(await text(page, '.notification')).toBe('委员已新增');
    const row = await page.$$eval(
      'tbody tr',
      (rows) => rows.map((r) => (r as HTMLElement).innerText).find((t) => t.includes('王小红')) ?? '',
    );
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
    expect(links).toEqual(['首页', '我的提案', '协商议题', '履职档案', '我的日程', '报告', '消息', '修改密码']);
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
