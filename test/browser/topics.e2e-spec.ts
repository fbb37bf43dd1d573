/// <reference lib="dom" />
// (DOM types: the functions given to $eval and evaluate run in the page.)
import { Page } from 'puppeteer-core';
import { Role } from '../../src/common/roles';
import { Meeting, Outcome, Topic } from '../../src/topics/topic.entities';
import {
  BrowserRun,
  JOURNEY_TIMEOUT_MS,
  clickAndWait,
  signedInPage,
  startBrowser,
  statusOf,
  submitIn,
  textOf as text,
} from '../support/browser';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/** The courtyard's parking dispute carried through the topic pages in real Chromium: facilitator, property company, member. */
describe('topic pages in Chromium', () => {
  let t: TestApp;
  let run: BrowserRun;
  let pointId: number;
  let unitId: number;

  beforeAll(async () => {
    t = await startTestApp();
    const account = (username: string, roles: Role[], links = {}) => t.signIn(username, roles, links);
    pointId = (await t.make.point({ name: '清水湾社区协商议事室' })).id;
    await account('sujianhua', ['facilitator'], { pointId });
    unitId = (await t.make.unit({ name: '吉泰润园物业服务中心', kind: 'enterprise' })).id;
    await account('wuye', ['unit'], { unitId });
    await account('zhang', ['member'], { memberId: (await t.make.member({ name: '张文华' })).id });
    run = await startBrowser(t);
  });

  afterAll(async () => {
    await run?.close();
    await t?.close();
  });

  const signedIn = (username: string): Promise<Page> => signedInPage(run, username, TEST_PASSWORD);

  it(
    'a courtyard parking topic goes from 出题 to 评题 through the pages',
    async () => {
      // 1. The facilitator raises it from the board (their own point is the only organiser offered) and settles it.
      const host = await signedIn('sujianhua');
      await clickAndWait(host, 'a.service-nav__link[href="/topics"]');
      await clickAndWait(host, 'main a[href="/topics/new"]');
      expect(await host.$$eval('#f-organizer option', (os) => os.map((o) => o.textContent))).toEqual([
        '请选择组织方',
        '协商议事点：清水湾社区协商议事室',
      ]);
      await host.type('#f-title', '吉泰润园小区停车收费和临时停车管理');
      await host.type('#f-description', '地下车位月租580元，居民反映偏高；临时停车占用地下车库。');
      await clickAndWait(host, 'main form button[type="submit"]');
      const id = Number(/\/topics\/(\d+)\?done=created$/.exec(host.url())![1]);
      expect(await text(host, '.notification--success')).toContain('议题已提出');
      expect(await statusOf(host)).toBe('已出题');
      await clickAndWait(host, `form[action="/topics/${id}/settle"] button`);
      expect(await statusOf(host)).toBe('已定题');

      // 2. It schedules a 协商议事会, records the four sides, their attendance and a speech, and holds it.
      await clickAndWait(host, `main a[href="/topics/${id}/meetings/new"]`);
      expect(await host.$eval('#f-kind', (s) => (s as HTMLSelectElement).value)).toBe('deliberation');
      await host.type('#f-title', '吉泰润园小区停车问题第一次协商议事会');
      await host.$eval('#f-startsAt', (el) => ((el as HTMLInputElement).value = '2026-06-18T09:00'));
      await host.$eval('#f-endsAt', (el) => ((el as HTMLInputElement).value = '2026-06-18T11:30'));
      await host.type('#f-venue', '清水湾社区党群服务中心');
      await host.type('#f-chair', '苏建华');
      await clickAndWait(host, 'main form button[type="submit"]');
      const meetingId = Number(/\/meetings\/(\d+)\?done=meeting-created$/.exec(host.url())![1]);
      expect(await text(host, 'main .caption--above')).toContain('第1次协商 · 协商议事会');
      // The member through the picker, the property company as 利益相关方, the others by name with their side.
      await host.type('[data-picker-search]', '文华');
      await host.waitForSelector('button[data-pick="张文华"]');
      await host.click('button[data-pick="张文华"]');
      await host.select('#f-unitId', String(unitId));
      await host.type('#f-unitPerson', '何伟');
      await host.select('#f-unitSide', 'stakeholder');
      await host.type('#f-people', '王桂兰\n赵志强');
      await host.select('#f-peopleSide', 'resident');
      await submitIn(host, `form[action="/meetings/${meetingId}/participants"]`);
      expect(await text(host, '.notification--success')).toContain('参会人员已登记');
      for (const [names, side] of [
        ['苏建华', 'organizer'],
        ['杨德明', 'party_member'],
      ]) {
        await host.click('details:has(form[action$="/participants"]) summary');
        await host.type('#f-people', names);
        await host.select('#f-peopleSide', side);
        await submitIn(host, `form[action="/meetings/${meetingId}/participants"]`);
      }
      const rows = await host.$$eval('main tbody tr', (trs) =>
        trs.map((tr) => [tr.children[0].textContent!.trim(), tr.children[1].textContent!.trim()]),
      );
      expect(rows).toEqual([
        ['张文华', '委员'],
        ['吉泰润园物业服务中心 何伟', '利益相关方'],
        ['王桂兰', '居民/群众代表'],
        ['赵志强', '居民/群众代表'],
        ['苏建华', '组织方/两委'],
        ['杨德明', '党员代表'],
      ]);
      const ids = await host.$$eval('main tbody input[value="present"]', (is) =>
        is.map((i) => (i as HTMLInputElement).name),
      );
      for (const name of ids) await host.click(`input[name="${name}"][value="present"]`);
      await host.click(`input[name="${ids[3]}"][value="excused"]`);
      await submitIn(host, `form[action="/meetings/${meetingId}/attendance"]`);
      expect(await text(host, '.notification--success')).toContain('出席情况已登记');
      await host.click('details:has(form[action$="/speeches"]) summary');
      await host.select(
        '#f-participantId',
        await host.$eval('#f-participantId option:nth-child(4)', (o) => (o as HTMLOptionElement).value),
      );
      await host.type('#f-summary', '小区停车位收费要参照市场标准，每月580元明显偏高。');
      await submitIn(host, `form[action="/meetings/${meetingId}/speeches"]`);
      expect(await text(host, 'main section.record')).toContain('王桂兰');
      await host.type('#f-minutes', '各方达成共识：停车费由每月580元下调至380元。');
      await submitIn(host, `form[action="/meetings/${meetingId}/hold"]`);
      expect(await text(host, '.notification--success')).toContain('协商会已召开');
      expect(await t.ds.getRepository(Meeting).findOneByOrFail({ id: meetingId })).toMatchObject({
        heldAt: expect.any(Date),
      });

      // 3. Back on the topic: 议题中; the decision with the property company as its unit, then 解题.
      await clickAndWait(host, `main a.back-link[href="/topics/${id}"]`);
      expect(await statusOf(host)).toBe('议题中');
      await host.click('details:has(form[action$="/outcomes"]) summary');
      await host.click('label[for="f-kind-decision"]');
      await host.type('#f-text', '停车费由每月580元下调至380元');
      await host.select('#f-unitId', String(unitId));
      await submitIn(host, `form[action="/topics/${id}/outcomes"]`);
      expect(await text(host, '.notification--success')).toContain('协商成果已添加');
      await clickAndWait(host, `form[action="/topics/${id}/resolve"] button`);
      expect(await statusOf(host)).toBe('解题中');

      // 4. The property company finds it in 成果办理 and marks it 已落实 with feedback.
      const unit = await signedIn('wuye');
      await clickAndWait(unit, 'a.service-nav__link[href="/outcomes"]');
      expect(await text(unit, 'main .outcome__text')).toContain('停车费由每月580元下调至380元');
      const outcomeId = (await t.ds.getRepository(Outcome).findOneByOrFail({ topicId: id })).id;
      await unit.click(`#outcome-${outcomeId} summary`);
      await unit.select(`#f-status-${outcomeId}`, 'done');
      await unit.type(`#f-feedback-${outcomeId}`, '自下月起执行380元/月，已在公示栏公示。');
      await submitIn(unit, `form[action="/outcomes/${outcomeId}"]`);
      expect(await text(unit, '.notification--success')).toContain('办理情况已反馈');
      await clickAndWait(unit, 'main a[href="/outcomes?tab=closed"]');
      expect(await text(unit, 'main .outcome__meta')).toContain('已落实');

      // 5. The member who took part rates it: 评题, 已评题.
      const member = await signedIn('zhang');
      await clickAndWait(member, 'a.service-nav__link[href="/topics"]');
      await clickAndWait(member, `main a[href="/topics/${id}"]`);
      expect(await text(member, '#evaluate-heading')).toContain('评题');
      await member.click('label[for="f-score"]');
      await member.type('#f-comment', '四方坐下来把事情谈透了。');
      await submitIn(member, `form[action="/topics/${id}/evaluate"]`);
      expect(await text(member, '.notification--success')).toContain('评价已提交');
      expect(await statusOf(member)).toBe('已评题');
      expect(await member.$$eval('.steps__item--done', (li) => li.length)).toBe(5);
      expect(await t.ds.getRepository(Topic).findOneByOrFail({ id })).toMatchObject({ status: 'evaluated' });
      expect(await text(member, 'main')).toContain('采纳率');
      expect(run.problems).toEqual([]);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
