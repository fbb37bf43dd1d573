/// <reference lib="dom" />
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

/**
 * 社情民意 in real Chromium: a member's item, accepted on the desk, ticked and 编入一期（专报）, 提交签发, signed by a
 * leader, 送达 from the page; the member's page then shows 已编入《社情民意》…第1期.
 */
describe('社情民意 issue pages in Chromium', () => {
  let t: TestApp;
  let run: BrowserRun;
  let opinionId: number;

  beforeAll(async () => {
    t = await startTestApp();
    const memberId = (await t.make.member({ name: '周文华' })).id;
    const m = await t.signIn('zhouwh', ['member'], { memberId });
    await t.signIn('opstaff', ['staff']);
    await t.signIn('opsign', ['leader']);
    const auth = { Authorization: `Bearer ${m.token}` };
    const o = await t
      .http()
      .post('/api/v1/opinions')
      .set(auth)
      .send({ title: '关于城区停车难的情况反映', content: '老城区停车位缺口大。', category: 'livelihood' })
      .expect(201);
    opinionId = o.body.id;
    await t.http().post(`/api/v1/opinions/${opinionId}/submit`).set(auth).send({}).expect(200);
    run = await startBrowser(t);
  }, JOURNEY_TIMEOUT_MS);

  afterAll(async () => {
    await run?.close();
    await t?.close();
  });

  async function rendered(page: Page, id: number, jobId: string): Promise<void> {
    await t.jobs.finished('reports', jobId);
    await openSettled(run, page, `/reports/${id}`);
  }

  it('accepted, compiled as a 专报, signed and delivered; the member sees its 第1期', async () => {
    const staff = await signedInPage(run, 'opstaff', TEST_PASSWORD);
    await staff.goto(`${run.base}/opinions/${opinionId}`);
    await staff.$eval('input[name="decision"][value="accept"]', (el) => ((el as HTMLInputElement).checked = true));
    await clickAndWait(staff, `form[action="/opinions/${opinionId}/review"] button[type="submit"]`);
    await staff.goto(`${run.base}/opinions?status=accepted`);
    await staff.$eval(`#pick-${opinionId}`, (el) => ((el as HTMLInputElement).checked = true));
    await clickAndWait(staff, 'button[name="step"][value="special"]');
    const id = Number(/\/reports\/(\d+)$/.exec(staff.url())?.[1]);
    expect(id).toBeGreaterThan(0);
    await rendered(staff, id, `report:${id}`);
    expect(await textOf(staff, 'main')).toContain('关于城区停车难的情况反映');
    await clickAndWait(staff, `form[action="/reports/${id}/submit"] button`);

    const leader = await signedInPage(run, 'opsign', TEST_PASSWORD);
    await leader.goto(`${run.base}/reports/${id}`);
    await clickAndWait(leader, `form[action="/reports/${id}/sign"] button`);
    await leader.close();

    await rendered(staff, id, `report:${id}:signed`);
    await clickAndWait(staff, `form[action="/opinions/issues/${id}/deliver"] button[type="submit"]`);
    expect(await textOf(staff, 'main')).toContain('送达与阅读');

    const member = await signedInPage(run, 'zhouwh', TEST_PASSWORD);
    await member.goto(`${run.base}/opinions/${opinionId}`);
    expect(await textOf(member, 'main')).toMatch(/已编入《社情民意》\d{4}年第1期/);
  });
});
