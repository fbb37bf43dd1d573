/// <reference lib="dom" />
// (DOM types: the functions given to $eval and evaluate run in the page.)
import { Page } from 'puppeteer-core';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { BrowserRun, JOURNEY_TIMEOUT_MS, signInPage, startBrowser, textOf } from '../support/browser';
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
    const member = await t.signIn('browsermember', ['member'], { memberId: (await t.make.member()).id });
    await t.ds.transaction((em) =>
      t.app.get(NotificationsService).notify(em, [member.userId], {
        kind: 'test.unread',
        title: '附议邀请',
        body: '测试消息',
        dedupeKey: 'browser:unread',
      }),
    );
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

  it(
    'staff sign in through the form, add a 委员 through the form and see it listed',
    async () => {
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
    },
    JOURNEY_TIMEOUT_MS,
  );

  it("staff read the menu by work: each group a list named by its label, a group's one entry alone", async () => {
    const page = await newPage();
    await page.setViewport({ width: 1366, height: 900 });
    await signIn(page, 'browserstaff');
    const groups = await page.$$eval('nav[aria-label="主菜单"] ul[aria-labelledby]', (lists) =>
      lists.map((ul) => {
        const label = document.getElementById(ul.getAttribute('aria-labelledby') ?? '')?.textContent ?? '';
        return `${label}：${Array.from(ul.querySelectorAll('a'), (a) => a.textContent).join(' ')}`;
      }),
    );
    expect(groups).toEqual([
      '提案：提案审查 全部提案 超期提案 回头看 办理统计',
      '社情民意：信息审核 信息统计 信息员',
      '协商：协商议题 批示交办 征求意见 协商计划',
      '报告：年度概览 报告',
      '系统：名录 修改密码',
    ]);
    // The groups sit on one or two rows at a laptop's width, not one entry a row.
    const rows = await page.$$eval(
      '.service-nav__link',
      (as) => new Set(as.map((a) => a.getBoundingClientRect().top)).size,
    );
    expect(rows).toBeLessThanOrEqual(2);
    expect(problems).toEqual([]);
  });

  it('a member is refused the staff form with a 403 page and has no staff menu, also on a phone', async () => {
    const page = await newPage();
    await page.setViewport({ width: 390, height: 844 });
    await signIn(page, 'browsermember');
    const links = await page.$$eval('.service-nav__link', (as) => as.map((a) => a.textContent));
    expect(links).toEqual([
      '首页',
      '消息 1 条未读',
      '我的提案',
      '我的社情民意',
      '协商议题',
      '我的日程',
      '履职档案',
      '报告',
      '修改密码',
    ]);
    // On a phone the menu folds behind 菜单 and opens on a tap; the unread count shows on 菜单 while it is folded.
    expect(await page.$eval('#service-nav-list', (ul) => getComputedStyle(ul).display)).toBe('none');
    expect(await page.$eval('.service-nav__toggle', (b) => (b as HTMLElement).innerText.replace(/\s+/g, ''))).toBe(
      '菜单1条未读消息',
    );
    expect(await page.$eval('.service-nav__toggle .count-badge', (el) => (el as HTMLElement).offsetWidth > 0)).toBe(
      true,
    );
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
