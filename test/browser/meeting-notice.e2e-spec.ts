/// <reference lib="dom" />
// (DOM types: the functions given to $eval and evaluate run in the page.)
import { accountOf } from '../support/accounts';
import { BrowserRun, JOURNEY_TIMEOUT_MS, signedInPage, startBrowser, submitIn, textOf } from '../support/browser';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { createVisit, visitBody } from '../support/visits';

/** 会议通知 of a visit in Chromium on a phone (390 px): the form posts, the 通知回执 table stacks its rows. */
describe('会议通知 on a phone', () => {
  let t: TestApp;
  let run: BrowserRun;

  beforeAll(async () => {
    t = await startTestApp();
    run = await startBrowser(t);
  });
  afterAll(async () => {
    await run?.close();
    await t?.close();
  });

  it(
    'staff send it from the visit page; the receipts read row by row, each cell with its heading, nothing sideways',
    async () => {
      const staff = await accountOf(t, (await t.signIn('noticestaff', ['staff'])).token);
      const memberId = (await t.make.member({ name: '王建国' })).id;
      await t.signIn('noticemember', ['member'], { memberId });
      const body = visitBody((await t.make.committee()).id, {
        startsAt: '2030-03-18T09:00:00+08:00',
        endsAt: '2030-03-18T11:30:00+08:00',
        stops: [{ at: '2030-03-18T09:00:00+08:00', place: '市政府东门' }],
        participantMemberIds: [memberId],
      });
      const v = await createVisit(t, staff, body);

      const page = await signedInPage(run, 'noticestaff', TEST_PASSWORD);
      await page.setViewport({ width: 390, height: 844 });
      await page.goto(`${run.base}/visits/${v.id}`);
      await page.type('#f-note', '请着正装');
      await page.click('#f-urgent');
      await submitIn(page, `form[action="/visits/${v.id}/notice"]`);
      expect(new URL(page.url()).search).toBe('?done=notice');
      expect(await textOf(page, '.notification__heading')).toBe('会议通知已发送');

      const row = await page.$eval('#notice tbody tr', (tr) => ({
        direction: getComputedStyle(tr).flexDirection,
        cells: Array.from(tr.children, (td) => (td as HTMLElement).innerText),
        labels: Array.from(tr.children, (td) => getComputedStyle(td, '::before').content),
      }));
      expect(row.direction).toBe('column');
      expect(row.cells.slice(0, 3)).toEqual(['王建国', '待答复', '未读']);
      expect(row.labels).toEqual(['none', '"回复："', '"站内已读："', '"邮件："', '"短信："']);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(run.problems).toEqual([]);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
