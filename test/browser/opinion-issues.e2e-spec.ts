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
 * 社情民意 from filing to 批示 carried out, every step through the pages in real Chromium: a member files an
 * item on the form; staff edit its text (the original kept), accept it and another member's, merge the two into a
 * 综合 item, compile it as a 专报, submit it for 签发; a leader signs; staff deliver it and record its 采用 by the
 * 自治区政协; the leader writes a 批示 on the issue, staff hand it to a unit, the unit reports, staff close it. Each
 * contributor's 消息 tell every outcome, and their 履职档案 show the points.
 */
describe('社情民意 in Chromium: filed, edited, merged, issued, 采用, 批示 carried out', () => {
  let t: TestApp;
  let run: BrowserRun;
  let otherId: number;

  beforeAll(async () => {
    t = await startTestApp();
    const zhou = (await t.make.member({ name: '周文华' })).id;
    const ma = (await t.make.member({ name: '马丽萍' })).id;
    await t.signIn('zhouwh', ['member'], { memberId: zhou });
    const m = await t.signIn('malp', ['member'], { memberId: ma });
    await t.signIn('opstaff', ['staff']);
    await t.signIn('opsign', ['leader']);
    await t.signIn('opunit', ['unit'], { unitId: (await t.make.unit({ name: '吴忠市住房和城乡建设局' })).id });
    const auth = { Authorization: `Bearer ${m.token}` };
    const o = await t
      .http()
      .post('/api/v1/opinions')
      .set(auth)
      .send({ title: '关于小区充电桩不足的情况反映', content: '新建小区充电桩配建不足。', category: 'livelihood' })
      .expect(201);
    otherId = o.body.id;
    await t.http().post(`/api/v1/opinions/${otherId}/submit`).set(auth).send({}).expect(200);
    run = await startBrowser(t);
  }, JOURNEY_TIMEOUT_MS);

  afterAll(async () => {
    await run?.close();
    await t?.close();
  });

  const idIn = (page: Page, pattern: RegExp): number => Number(pattern.exec(page.url())?.[1]);
  const check = (page: Page, selector: string) =>
    page.$eval(selector, (el) => ((el as HTMLInputElement).checked = true));
  const fill = async (page: Page, selector: string, text: string) => {
    await page.$eval(selector, (el) => ((el as HTMLInputElement).value = ''));
    await page.type(selector, text);
  };
  async function rendered(page: Page, id: number, jobId: string): Promise<void> {
    await t.jobs.finished('reports', jobId);
    await openSettled(run, page, `/reports/${id}`);
  }
  async function accept(staff: Page, id: number): Promise<void> {
    await staff.goto(`${run.base}/opinions/${id}`);
    await check(staff, 'input[name="decision"][value="accept"]');
    await clickAndWait(staff, `form[action="/opinions/${id}/review"] button[type="submit"]`);
  }

  it(
    'every step through the pages; each contributor told every outcome; the duty records show the points',
    async () => {
      // The member files on the form and 报送.
      const member = await signedInPage(run, 'zhouwh', TEST_PASSWORD);
      await member.goto(`${run.base}/opinions/new`);
      await member.type('#f-title', '关于城区停车难的情况反映');
      await member.select('#f-category', 'livelihood');
      await member.type('#f-content', '老城区停车位缺口大，占道停车多。建议挖潜增建停车位。');
      await clickAndWait(member, 'main form button[type="submit"]');
      const mineId = idIn(member, /\/opinions\/(\d+)/);
      expect(mineId).toBeGreaterThan(0);
      await clickAndWait(member, `form[action="/opinions/${mineId}/submit"] button[type="submit"]`);
      expect(await textOf(member, 'main')).toContain('已报送');

      // Staff edit the text; the page keeps the member's original.
      const staff = await signedInPage(run, 'opstaff', TEST_PASSWORD);
      await staff.goto(`${run.base}/opinions/${mineId}/edit`);
      await fill(staff, '#f-content', '老城区停车位缺口约三千个，占道停车多发。建议利用边角地增建立体停车位。');
      await clickAndWait(staff, 'main form button[type="submit"]');
      const edited = await textOf(staff, 'main');
      expect(edited).toContain('老城区停车位缺口约三千个');
      expect(await staff.$eval('main', (el) => el.textContent ?? '')).toContain('老城区停车位缺口大，占道停车多。');

      // Both accepted, ticked on the desk and merged into one 综合 item.
      await accept(staff, mineId);
      await accept(staff, otherId);
      await staff.goto(`${run.base}/opinions?status=accepted`);
      await check(staff, `#pick-${mineId}`);
      await check(staff, `#pick-${otherId}`);
      await clickAndWait(staff, 'button[name="step"][value="merge"]');
      await fill(staff, '#f-title', '关于城区停车和充电设施不足的综合反映');
      await clickAndWait(staff, 'form[action="/opinions/merge"] button[type="submit"]');
      const combinedId = idIn(staff, /\/opinions\/(\d+)/);
      expect(combinedId).not.toBe(mineId);
      expect(await textOf(staff, 'main')).toContain('关于城区停车难的情况反映');

      // Compiled as a 专报, submitted, signed by the leader, delivered.
      await staff.goto(`${run.base}/opinions?status=accepted`);
      await check(staff, `#pick-${combinedId}`);
      await clickAndWait(staff, 'button[name="step"][value="special"]');
      const reportId = idIn(staff, /\/reports\/(\d+)$/);
      await rendered(staff, reportId, `report:${reportId}`);
      await clickAndWait(staff, `form[action="/reports/${reportId}/submit"] button`);
      const leader = await signedInPage(run, 'opsign', TEST_PASSWORD);
      await leader.goto(`${run.base}/reports/${reportId}`);
      await clickAndWait(leader, `form[action="/reports/${reportId}/sign"] button`);
      await rendered(staff, reportId, `report:${reportId}:signed`);
      await clickAndWait(staff, `form[action="/opinions/issues/${reportId}/deliver"] button[type="submit"]`);
      expect(await textOf(staff, 'main')).toContain('送达与阅读');

      // 采用 by the 自治区政协, recorded on the 综合 item.
      await staff.goto(`${run.base}/opinions/${combinedId}/adoptions`);
      await staff.select('#f-level', 'provincial');
      await staff.type('#f-bodyName', '自治区政协办公厅');
      await staff.type('#f-issueText', '《政协信息》2026年第15期');
      await staff.$eval('#f-adoptedOn', (el) => ((el as HTMLInputElement).value = '2026-12-03'));
      await clickAndWait(staff, `form[action="/opinions/${combinedId}/adoptions"] button[type="submit"]`);
      expect(await textOf(staff, 'main')).toContain('自治区政协办公厅');

      // The leader's 批示 on the issue; staff hand it to the unit; the unit reports; staff close it.
      await openSettled(run, leader, `/reports/${reportId}`);
      await clickAndWait(leader, '#instructions-heading ~ p a.button');
      await leader.select('#f-leaderLevel', (await leader.$$eval('#f-leaderLevel option', (os) => os[1].value))!);
      await leader.type('#f-text', '请市住建局抓紧研究老城区停车设施建设。');
      await clickAndWait(leader, 'form[action="/instructions"] button[type="submit"]');
      expect(await textOf(leader, 'main')).toContain('请市住建局抓紧研究老城区停车设施建设。');
      await openSettled(run, staff, `/reports/${reportId}`);
      await clickAndWait(staff, 'a[href$="/items/new"]');
      await staff.select(
        '#f-unitId',
        await staff.$$eval(
          '#f-unitId option',
          (os) => os.find((o) => o.textContent === '吴忠市住房和城乡建设局')!.value,
        ),
      );
      await staff.type('#f-task', '研究老城区停车设施建设方案');
      await staff.$eval('#f-dueOn', (el) => ((el as HTMLInputElement).value = '2099-01-01'));
      await clickAndWait(staff, 'main form button[type="submit"]');
      const unit = await signedInPage(run, 'opunit', TEST_PASSWORD);
      await unit.goto(`${run.base}/instructions/items`);
      await unit.$eval('details.outcome__form', (el) => ((el as HTMLDetailsElement).open = true));
      await unit.type('details.outcome__form textarea', '已在边角地新建立体停车位两处。');
      await clickAndWait(unit, 'details.outcome__form button[type="submit"]');
      await staff.goto(`${run.base}/instructions/items?tab=reported`);
      await clickAndWait(staff, 'form[action$="/accept"] button[type="submit"]');
      await openSettled(run, staff, `/reports/${reportId}`);
      expect(await textOf(staff, '#instructions-heading + *')).toContain('已落实');

      // Each contributor's 消息 tell every outcome; the 履职档案 show the points of each.
      for (const who of ['zhouwh', 'malp']) {
        const page = who === 'zhouwh' ? member : await signedInPage(run, who, TEST_PASSWORD);
        await page.goto(`${run.base}/inbox`);
        const inbox = await textOf(page, 'main');
        for (const words of [
          '已采用编报',
          '已合并为综合信息',
          '已编入《社情民意》',
          '自治区政协办公厅采用',
          '获领导批示',
          '已办结',
        ])
          expect(inbox).toContain(words);
        await page.goto(`${run.base}/records/mine`);
        const record = await textOf(page, 'main');
        expect(record).toContain(
          '社情民意信息《关于城区停车和充电设施不足的综合反映》被自治区政协采用（《政协信息》2026年第15期）',
        );
        // The 批示 on the issue counts for each of the item's members too (opinionInstructed).
        expect(record).toMatch(/社情民意信息《关于城区停车和充电设施不足的综合反映》所在《[^》]+》获\S*批示/);
      }
    },
    JOURNEY_TIMEOUT_MS,
  );
});
