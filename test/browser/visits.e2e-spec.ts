/// <reference lib="dom" />
// (DOM types: the functions given to $eval and evaluate run in the page.)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Page } from 'puppeteer-core';
import { Committee } from '../../src/directory/directory.entities';
import {
  BrowserRun,
  JOURNEY_TIMEOUT_MS,
  clickAndWait,
  startBrowser,
  textOf as text,
  signedInPage,
} from '../support/browser';
import { tinyPng } from '../support/file-fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/** The 家政 visit carried through the pages in real Chromium: planned, answered, recorded and completed, with the script's conflict check and a clean CSP. */
describe('视察调研 pages in Chromium', () => {
  let t: TestApp;
  let run: BrowserRun;
  let photoFile: string;
  const memberIds: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set(new Date('2026-06-01T09:00:00+08:00'));
    for (const [username, name] of [
      ['wang', '王建军'],
      ['lin', '林志强'],
    ]) {
      memberIds[username] = (await t.make.member({ name })).id;
      await t.signIn(username, ['member'], { memberId: memberIds[username] });
    }
    await t.signIn('office', ['staff']);
    photoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xs-visit-')), '培训基地.png');
    fs.writeFileSync(photoFile, tinyPng());
    run = await startBrowser(t);
  });

  afterAll(async () => {
    await run?.close();
    await t?.close();
    if (photoFile) fs.rmSync(path.dirname(photoFile), { recursive: true, force: true });
  });

  const signedIn = (username: string): Promise<Page> => signedInPage(run, username, TEST_PASSWORD);

  /** Sets a `datetime-local` (or any) field as a person picking it would, firing its change event. */
  const setValue = (page: Page, selector: string, value: string) =>
    page.$eval(
      selector,
      (el, v) => {
        (el as HTMLInputElement).value = v as string;
        el.dispatchEvent(new Event('change', { bubbles: true }));
      },
      value,
    );

  /** Ticks a member's box in the picker, opening their committee's group first. */
  async function tick(page: Page, memberId: number): Promise<void> {
    await page.$eval(`[data-member-id="${memberId}"]`, (el) => {
      (el.closest('details') as HTMLDetailsElement).open = true;
    });
    await page.click(`#f-participantMemberIds-${memberId}`);
  }

  it(
    'staff plan it, two members answer, staff record a finding and a photo and complete it',
    async () => {
      const committeeId = (await t.ds.getRepository(Committee).findOneByOrFail({ name: '经济和资源环境委员会' })).id;

      // 1. Staff plan the visit: two stops (the second typed first: saved in time order) and two members.
      const staff = await signedIn('office');
      await clickAndWait(staff, 'a.service-nav__link[href="/visits"]');
      await clickAndWait(staff, 'main a[href="/visits/new"]');
      await staff.click('#f-kind-research');
      await staff.type('#f-title', '家政服务业发展情况专题调研');
      await staff.type(
        '#f-purpose',
        '了解我市家政服务业发展现状、培训和诚信体系建设情况，提出推动提质扩容的意见建议。',
      );
      await staff.select('#f-organizer', `committee:${committeeId}`);
      await setValue(staff, '#f-startsAt', '2026-06-18T08:30');
      await setValue(staff, '#f-endsAt', '2026-06-18T12:00');
      await setValue(staff, '#f-stopAt-1', '2026-06-18T10:30');
      await staff.type('#f-stopPlace-1', '石嘴山市家政服务行业协会');
      await staff.type('#f-stopContact-1', '李会长');
      await staff.type('#f-stopPurpose-1', '座谈：行业标准与诚信体系建设');
      await setValue(staff, '#f-stopAt-2', '2026-06-18T08:30');
      await staff.type('#f-stopPlace-2', '大武口区家政龙头企业');
      await staff.type('#f-stopPurpose-2', '了解家政服务员培训和持证上岗情况');
      await tick(staff, memberIds.wang);
      await tick(staff, memberIds.lin);
      // The script keeps the free/busy link on the members ticked.
      await staff.waitForFunction(() =>
        /memberIds=\d+,\d+/.test((document.querySelector('[data-free-busy-link]') as HTMLAnchorElement).href),
      );
      await clickAndWait(staff, 'form[data-visit-planner] .button-group button[type="submit"]');
      expect(await text(staff, '.notification--success')).toContain('视察调研已安排');
      const visitPath = new URL(staff.url()).pathname;
      const places = await staff.$$eval('.itinerary-list__place', (els) =>
        els.map((e) => (e as HTMLElement).innerText),
      );
      expect(places).toEqual(['第1站　大武口区家政龙头企业', '第2站　石嘴山市家政服务行业协会']);

      // 2. A second visit at the same time: the script warns beside 王建军 as his box is ticked.
      await staff.goto(`${run.base}/visits/new`);
      await setValue(staff, '#f-startsAt', '2026-06-18T11:00');
      await setValue(staff, '#f-endsAt', '2026-06-18T15:00');
      await tick(staff, memberIds.wang);
      await staff.waitForSelector(`[data-member-id="${memberIds.wang}"] .conflict`);
      expect(await text(staff, `[data-member-id="${memberIds.wang}"] .conflict`)).toContain(
        '与视察调研“家政服务业发展情况专题调研”',
      );

      // 3. 王建军 accepts on the visit's page; 林志强 declines on 我的日程 with a reason.
      const wang = await signedIn('wang');
      await wang.goto(`${run.base}${visitPath}`);
      await wang.click('#f-answer');
      await clickAndWait(wang, '.rsvp-box button[type="submit"]');
      expect(await text(wang, '.notification--success')).toContain('已答复：参加');
      const lin = await signedIn('lin');
      await clickAndWait(lin, 'a.service-nav__link[href="/schedule"]');
      expect(await text(lin, 'main')).toContain('1 项邀请待答复');
      await lin.click('.rsvp-inline input[value="decline"]');
      await lin.type('.rsvp-inline input[name="reason"]', '当天在外地出差');
      await clickAndWait(lin, '.rsvp-inline button[type="submit"]');
      expect(await text(lin, '.notification--success')).toContain('已请假');

      // 4. On the day, staff record a finding at the first stop, upload a photo and complete the visit.
      t.clock.set(new Date('2026-06-18T12:10:00+08:00'));
      const office = await signedIn('office');
      await office.goto(`${run.base}${visitPath}`);
      expect(await text(office, 'main table')).toContain('当天在外地出差');
      await office.click('details.details summary');
      const stopValue = await office.$eval('#f-stopId option:nth-child(2)', (o) => (o as HTMLOptionElement).value);
      await office.select('#f-stopId', stopValue);
      await office.type('#f-problem', '家政服务员持证上岗率不足四成');
      await office.type('#f-suggestion', '推行“培训—考证—上岗”一体化');
      await clickAndWait(office, 'form[action$="/findings"] button[type="submit"]');
      expect(await text(office, '.finding')).toContain('大武口区家政龙头企业');
      const input = await office.$('#f-file');
      await (input as unknown as { uploadFile: (f: string) => Promise<void> }).uploadFile(photoFile);
      await clickAndWait(office, '.photo-upload button[type="submit"]');
      expect(await text(office, '.notification--success')).toContain('照片已上传');
      await office.waitForFunction(() => {
        const img = document.querySelector('.photo-grid__img') as HTMLImageElement | null;
        return !!img && img.complete && img.naturalWidth > 0;
      });
      await clickAndWait(office, 'form[action$="/complete"] button[type="submit"]');
      expect(await text(office, '.notification--success')).toContain('已标记为完成');
      expect(await text(office, 'main .tags')).toContain('已完成');

      expect(run.problems).toEqual([]);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
