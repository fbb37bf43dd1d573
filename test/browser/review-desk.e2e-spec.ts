/// <reference lib="dom" />
// (DOM types: the functions given to $eval and evaluate run in the page.)
import { Page } from 'puppeteer-core';
import { accountOf } from '../support/accounts';
import { api } from '../support/api';
import { BrowserRun, JOURNEY_TIMEOUT_MS, clickAndWait, signedInPage, startBrowser, textOf } from '../support/browser';
import { draft } from '../support/proposals';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/** The review desk in real Chromium: opening a comparison keeps what staff typed in the half-filled form. */
describe('the review desk in Chromium', () => {
  let t: TestApp;
  let run: BrowserRun;
  let reviewed: number;
  let earlier: number;

  const TEXT = {
    title: '关于完善社区居家养老服务体系的建议',
    background: '我市老年人口占比已超过百分之十八，居家养老是主要方式，但社区养老服务设施不足，专业护理人员短缺。',
    suggestions: ['建设智慧养老服务平台', '推动医疗机构与养老机构签约合作'],
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.signIn('office', ['staff']);
    const sessionId = (await t.make.session({ name: '十二届二次会议' })).id;
    const member = async (username: string, name: string) =>
      accountOf(t, (await t.signIn(username, ['member'], { memberId: (await t.make.member({ name })).id })).token);
    const filed = async (username: string, name: string, text: object) => {
      const who = await member(username, name);
      const id = await draft(t, who, sessionId, text);
      await api(t, who, 'post', `/proposals/${id}/submit`, {});
      return id;
    };
    earlier = await filed('zhou', '周早先', { ...TEXT, background: TEXT.background.replace('我市', '全市') });
    reviewed = await filed('zhang', '张文华', TEXT);
    run = await startBrowser(t);
  });

  afterAll(async () => {
    await run?.close();
    await t?.close();
  });

  const formState = (page: Page) =>
    page.evaluate(() => ({
      reason: (document.getElementById('f-reason') as HTMLTextAreaElement).value,
      decision: (document.querySelector('input[name="decision"]:checked') as HTMLInputElement | null)?.value ?? null,
      mergeIntoId: (document.getElementById('f-mergeIntoId') as HTMLSelectElement).value,
    }));

  it(
    'opens a similar proposal beside the one reviewed in place, the typed review kept, and saves it with the comparison open',
    async () => {
      const staff = await signedInPage(run, 'office', TEST_PASSWORD);
      await staff.goto(`${run.base}/proposals/${reviewed}/review`);
      expect(await staff.$('#compare-panel')).toBeNull();
      await staff.click('input[name="decision"][value="merge"]');
      await staff.select('#f-mergeIntoId', String(earlier));
      await staff.type('#f-reason', '与周早先的提案是同一件事，建议并案。');
      // A mark on this document: a page navigation would lose it together with the form.
      await staff.evaluate(() => document.body.setAttribute('data-same-document', 'yes'));

      await staff.click(`a[data-compare-link][href="/proposals/${reviewed}/review?compare=${earlier}"]`);
      await staff.waitForSelector('#compare-panel');
      expect(await staff.$eval('body', (b) => b.getAttribute('data-same-document'))).toBe('yes');
      expect(await formState(staff)).toEqual({
        reason: '与周早先的提案是同一件事，建议并案。',
        decision: 'merge',
        mergeIntoId: String(earlier),
      });
      expect(staff.url()).toBe(`${run.base}/proposals/${reviewed}/review?compare=${earlier}`);
      const marks = (selector: string) => staff.$$eval(selector, (els) => els.map((e) => e.textContent));
      expect(await marks('#compare-panel .body ins')).toEqual(['全市']);
      expect(await marks('#compare-panel .body del')).toEqual(['我市']);
      // Beside each other at desktop width: the panel starts level with the text reviewed, to its right.
      const [left, right] = await staff.$$eval('[data-review-texts] > section', (s) =>
        s.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y })),
      );
      expect(right.x).toBeGreaterThan(left.x);
      expect(right.y).toBe(left.y);
      expect(await staff.evaluate(() => document.activeElement?.id)).toBe('compare-panel');

      // Closing the panel keeps the form too.
      await staff.click('#compare-panel a[data-compare-link]');
      await staff.waitForSelector('#compare-panel', { hidden: true });
      expect((await formState(staff)).reason).toBe('与周早先的提案是同一件事，建议并案。');
      expect(await staff.$eval('body', (b) => b.getAttribute('data-same-document'))).toBe('yes');

      // Opened again and saved: the review is taken.
      await staff.click(`a[data-compare-link][href="/proposals/${reviewed}/review?compare=${earlier}"]`);
      await staff.waitForSelector('#compare-panel');
      await clickAndWait(staff, 'form[data-review-form] button[type="submit"]');
      expect(staff.url()).toBe(`${run.base}/proposals/${reviewed}?done=reviewed`);
      expect(await textOf(staff, 'main')).toContain('已并案');
      expect(run.problems).toEqual([]);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it('stacks the desk on a phone: the text reviewed, the comparison, then the form, with no sideways scroll', async () => {
    const staff = await signedInPage(run, 'office', TEST_PASSWORD);
    await staff.setViewport({ width: 390, height: 844 });
    await staff.goto(`${run.base}/proposals/${earlier}/review?compare=${reviewed}`);
    const tops = await staff.evaluate(() =>
      ['#reviewed-heading', '#compare-panel', 'form[data-review-form]'].map(
        (s) => document.querySelector(s)!.getBoundingClientRect().top,
      ),
    );
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
    expect(await staff.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(run.problems).toEqual([]);
  });
});
