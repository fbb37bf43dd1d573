/// <reference lib="dom" />
import { createHash } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import {
  BrowserRun,
  JOURNEY_TIMEOUT_MS,
  clickAndWait,
  openSettled,
  signedInPage,
  startBrowser,
  textOf,
} from '../support/browser';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { topicAt, topicCast } from '../support/topics';

/**
 * The 协商要报 loop through the pages in real Chromium: staff generate it from the topic's page, edit the draft
 * in the page and 提交签发; the leader finds it under 待签发 and signs it; staff 送达; the leader opens it from
 * 收文 and gets the signed file. A member and a unit are refused the edit page.
 */
describe('文稿与签发 pages in Chromium', () => {
  let t: TestApp;
  let run: BrowserRun;
  let topicId: number;

  beforeAll(async () => {
    t = await startTestApp();
    const c = await topicCast(t);
    topicId = (
      await topicAt(t, c, 'deliberating', { organizer: { type: 'committee', id: c.committeeId }, by: c.staff })
    ).id;
    await t.signIn('wangmin', ['staff']);
    await t.signIn('lihua', ['leader']);
    await t.signIn('zhaowei', ['member'], { memberId: (await t.make.member({ name: '赵伟' })).id });
    await t.signIn('qianjin', ['unit'], { unitId: (await t.make.unit()).id });
    run = await startBrowser(t);
  });

  afterAll(async () => {
    await run?.close();
    await t?.close();
  });

  /** Waits for the render job, then shows the report's page as it stands (the page reloads itself meanwhile). */
  async function rendered(page: Page, id: number, jobId: string): Promise<void> {
    await t.jobs.finished('reports', jobId);
    await openSettled(run, page, `/reports/${id}`);
  }

  it(
    'staff draft and submit, the leader signs, staff deliver, the leader reads the signed file; members and units are refused',
    async () => {
      const staff = await signedInPage(run, 'wangmin', TEST_PASSWORD);
      await staff.goto(`${run.base}/topics/${topicId}`);
      await clickAndWait(staff, 'form[action="/reports"] button[type="submit"]');
      const url = staff.url();
      const id = Number(/\/reports\/(\d+)$/.exec(url)?.[1]);
      expect(id).toBeGreaterThan(0);
      await rendered(staff, id, `report:${id}`);
      expect(await textOf(staff, 'main .summary-list')).toContain('草稿');
      expect(await textOf(staff, 'main')).toContain('预览（第 1 稿，送审稿）');

      // The page's 修改文稿 link, followed (a click can land while the PDF frame is still loading).
      const edit = await staff.$eval(`main a[href="/reports/${id}/edit"]`, (a) => a.getAttribute('href'));
      await staff.goto(`${run.base}${edit}`);
      await staff.$eval('#f-title', (el) => ((el as HTMLInputElement).value = ''));
      await staff.type('#f-title', '市政协就城市更新开展重点协商');
      await staff.$eval(
        '#f-text-0',
        (el) => ((el as HTMLTextAreaElement).value = '全市共有老旧小区二百一十个。\n\n其中需要加装电梯的一百零六个。'),
      );
      await clickAndWait(staff, 'main form button[type="submit"]');
      expect(await textOf(staff, 'main .notification--success')).toContain('已保存为新的一稿');
      await rendered(staff, id, `report:${id}:r2`);
      const revisions = await textOf(staff, 'main');
      expect(revisions).toContain('第 2 稿');
      expect(revisions).toContain('据数据生成');
      expect(await staff.$eval('iframe.pdf-frame', (el) => (el as HTMLIFrameElement).src)).toContain(
        `/reports/${id}/file`,
      );
      await clickAndWait(staff, `form[action="/reports/${id}/submit"] button`);
      expect(await textOf(staff, 'main .notification--success')).toContain('已提交签发');
      // Not deliverable before 签发.
      expect(await staff.$(`form[action="/reports/${id}/deliver"]`)).toBeNull();

      for (const who of ['zhaowei', 'qianjin']) {
        const other = await signedInPage(run, who, TEST_PASSWORD);
        const res = await other.goto(`${run.base}/reports/${id}/edit`);
        expect(res?.status()).toBe(403);
        expect(await textOf(other, 'main')).not.toContain('保存并预览');
      }

      const leader = await signedInPage(run, 'lihua', TEST_PASSWORD);
      await leader.goto(`${run.base}/reports/inbox`);
      expect(await textOf(leader, 'main')).toContain('待签发');
      await leader.goto(
        `${run.base}${await leader.$eval(`main a[href="/reports/${id}"]`, (a) => a.getAttribute('href'))}`,
      );
      expect(await textOf(leader, 'main h1')).toBe('市政协就城市更新开展重点协商');
      await clickAndWait(leader, `form[action="/reports/${id}/sign"] button`);
      expect(await textOf(leader, 'main .notification--success')).toContain('已签发');
      // The signed document's page reloads itself until the final is rendered: the leader leaves it (a page of its
      // own keeps reloading, and a navigation racing that reload is aborted or overtaken).
      await leader.close();

      await rendered(staff, id, `report:${id}:signed`);
      expect(await textOf(staff, 'main .summary-list')).toContain('已签发');
      await staff.click(`#leader-${(await t.ds.query('SELECT id FROM users WHERE username = ?', ['lihua']))[0].id}`);
      await clickAndWait(staff, `form[action="/reports/${id}/deliver"] button[type="submit"]`);
      expect(await textOf(staff, 'main .notification--success')).toContain('已送达');

      const reader = await signedInPage(run, 'lihua', TEST_PASSWORD);
      await openSettled(run, reader, '/reports/inbox');
      await openSettled(
        run,
        reader,
        (await reader.$eval(`main table a[href="/reports/${id}"]`, (a) => a.getAttribute('href')))!,
      );
      const bytes = await reader.evaluate(async (path) => {
        const res = await fetch(path);
        return Array.from(new Uint8Array(await res.arrayBuffer()));
      }, `/reports/${id}/file?download=1`);
      const report = (await t.ds.query('SELECT sha256, stage FROM reports WHERE id = ?', [id]))[0];
      expect(report.stage).toBe('signed');
      expect(createHash('sha256').update(Buffer.from(bytes)).digest('hex')).toBe(report.sha256);
      expect(run.problems).toEqual([]);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
