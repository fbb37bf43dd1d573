/// <reference lib="dom" />
// (DOM types: the functions given to $eval and evaluate run in the page.)
import { Page } from 'puppeteer-core';
import { UsersService } from '../../src/auth/users.service';
import { BrowserRun, clickAndWait, JOURNEY_TIMEOUT_MS, startBrowser, textOf } from '../support/browser';
import { startSmsGateway, SmsPeer, smsEnv } from '../support/notice-peers';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

const SHOTS = process.env.XS_SCREENSHOT_DIR;

/**
 * 短信验证码登录 and 重置密码 in Chromium: a member with a mobile on record follows the links on the sign-in page, the
 * code is read from the text the SMS gateway received and typed as the person would type it off their phone.
 */
describe('SMS sign-in in Chromium', () => {
  let t: TestApp;
  let sms: SmsPeer;
  let run: BrowserRun;
  let n = 0;

  beforeAll(async () => {
    sms = await startSmsGateway();
    t = await startTestApp({
      ...smsEnv(sms),
    });
    run = await startBrowser(t);
  });

  afterAll(async () => {
    await run?.close();
    await t?.close();
    await sms?.close();
  });

  /** A member account with a mobile on record, made as an administrator would (no password change pending). */
  const member = async (displayName: string) => {
    const username = `sms-${process.pid}-${++n}`;
    const mobile = `137${String(process.pid % 10000).padStart(4, '0')}${String(n).padStart(4, '0')}`;
    await t.app.get(UsersService).create(
      { id: null, displayName: '测试' },
      {
        username,
        password: TEST_PASSWORD,
        displayName,
        roles: ['member'],
        memberId: (await t.make.member()).id,
        mobile,
      },
    );
    return { username, mobile, masked: `${mobile.slice(0, 3)}****${mobile.slice(7)}` };
  };

  /** The code in the latest text sent to `mobile`, as the person reads it on their phone. */
  const codeSentTo = (mobile: string): string => {
    const text = sms.texts.filter((s) => s.mobile === mobile).at(-1)?.content ?? '';
    const code = /验证码：?\s*(\d{6})/.exec(text)?.[1];
    if (!code) throw new Error(`no code in the text sent to ${mobile}: ${JSON.stringify(text)}`);
    return code;
  };

  const pathOf = (page: Page) => new URL(page.url()).pathname;
  const main = (page: Page) => textOf(page, 'main');
  const askForCode = (page: Page) => clickAndWait(page, 'main form button[value="send"]');
  const submit = (page: Page) => clickAndWait(page, 'main form .button-group button[type="submit"]');

  async function shoot(page: Page, name: string): Promise<void> {
    if (!SHOTS) return;
    for (const width of [1366, 390]) {
      await page.setViewport({ width, height: 900 });
      await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    }
    await page.setViewport({ width: 1366, height: 900 });
  }

  it(
    'follows the link on the sign-in page, asks for a code, types it off the text and lands signed in',
    async () => {
      const m = await member('马晓兰');
      const page = await run.page('member');
      await page.setViewport({ width: 1366, height: 900 });
      await page.goto(`${run.base}/login`);
      await clickAndWait(page, 'main a[href^="/login/sms"]');
      expect(pathOf(page)).toBe('/login/sms');
      expect(await textOf(page, 'h1')).toBe('短信验证码登录');
      await shoot(page, 'sms-sign-in');

      await page.type('#f-mobile', m.mobile);
      await askForCode(page);
      expect(await textOf(page, '[role="status"]')).toContain(`验证码已发送至 ${m.masked}`);
      expect(await textOf(page, '[role="status"]')).toContain('请在下方填写短信中的 6 位验证码，点“登录”');
      // The number stays in its field; the button now offers to send again.
      expect(await page.$eval('#f-mobile', (el) => (el as HTMLInputElement).value)).toBe(m.mobile);
      expect(await textOf(page, 'main form button[value="send"]')).toBe('重新获取验证码');
      expect(sms.texts.filter((s) => s.mobile === m.mobile)).toHaveLength(1);
      await shoot(page, 'sms-sign-in-sent');

      await page.type('#f-code', codeSentTo(m.mobile));
      await submit(page);
      expect(pathOf(page)).toBe('/');
      expect(await textOf(page, 'h1')).toBe('您好，马晓兰');
      expect(run.problems).toEqual([]);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'a wrong code is refused on the page in Chinese, and the right one still signs in',
    async () => {
      const m = await member('周建平');
      const page = await run.page('wrong code');
      await page.setViewport({ width: 1366, height: 900 });
      await page.goto(`${run.base}/login/sms`);
      await page.type('#f-mobile', m.mobile);
      await askForCode(page);
      const right = codeSentTo(m.mobile);
      const wrong = right === '000000' ? '111111' : '000000';

      await page.type('#f-code', wrong);
      await submit(page);
      expect(pathOf(page)).toBe('/login/sms');
      expect(await textOf(page, '.error-summary')).toContain('验证码错误或已失效，请核对短信中的验证码，或重新获取');
      // The message leads to the code field.
      expect(await page.$eval('.error-summary a', (a) => a.getAttribute('href'))).toBe('#f-code');
      // Still on the form, not signed in; the number kept for the next try.
      expect(await page.$eval('#f-mobile', (el) => (el as HTMLInputElement).value)).toBe(m.mobile);
      await shoot(page, 'sms-sign-in-wrong');

      await page.$eval('#f-code', (el) => ((el as HTMLInputElement).value = ''));
      await page.type('#f-code', right);
      await submit(page);
      expect(await textOf(page, 'h1')).toBe('您好，周建平');
      expect(run.problems).toEqual([]);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'resets a forgotten password by SMS code, then signs in with the new password on the sign-in page',
    async () => {
      const m = await member('李文静');
      const page = await run.page('reset');
      await page.setViewport({ width: 1366, height: 900 });
      await page.goto(`${run.base}/login`);
      await clickAndWait(page, 'main a[href="/login/reset"]');
      expect(await textOf(page, 'h1')).toBe('重置密码');
      await page.type('#f-mobile', m.mobile);
      await askForCode(page);
      expect(await textOf(page, '[role="status"]')).toContain(`验证码已发送至 ${m.masked}`);
      await page.type('#f-code', codeSentTo(m.mobile));
      await page.type('#f-newPassword', 'Renewed-2026y');
      await shoot(page, 'sms-reset');
      await submit(page);

      expect(pathOf(page)).toBe('/login');
      expect(await main(page)).toContain('密码已重置，请用新密码登录');
      // The old password no longer opens the account.
      await page.type('#f-username', m.username);
      await page.type('#f-password', TEST_PASSWORD);
      await clickAndWait(page, 'main button[type="submit"]');
      expect(pathOf(page)).toBe('/login');
      expect(await textOf(page, '.error-summary')).toContain('用户名或密码错误');

      await page.goto(`${run.base}/login`);
      await page.type('#f-username', m.username);
      await page.type('#f-password', 'Renewed-2026y');
      await clickAndWait(page, 'main button[type="submit"]');
      expect(await textOf(page, 'h1')).toBe('您好，李文静');
      expect(run.problems).toEqual([]);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
