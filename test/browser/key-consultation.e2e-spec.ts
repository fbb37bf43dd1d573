/// <reference lib="dom" />
// (DOM types: the functions given to $eval and evaluate run in the page.)
import { Page } from 'puppeteer-core';
import { Role } from '../../src/common/roles';
import { Meeting, Outcome, Topic } from '../../src/topics/topic.entities';
import { Account, accountOf } from '../support/accounts';
import { api } from '../support/api';
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
import { KEY_CONSULTATION_THEMES as THEMES } from '../support/topics';

/*
 * The seed's 他山之石 through the pages: a city CPPCC's 重点协商会 on 盘活工业低效用地, organised by a
 * committee, with 18 recommendations under five themes (the data of topics/key-consultation.e2e-spec.ts).
 */

const UNITS = ['市自然资源和规划局', '市发展和改革委员会', '市经济和信息化局', '市财政局', '市税务局'];
const MEMBERS = ['陈思远', '刘晓梅', '周国平'];
/** The 4th, 8th, 12th and 16th recommendations are not adopted; the other 14 are carried out. */
const notAdopted = (order: number) => order % 4 === 0;

describe('a key consultation in Chromium', () => {
  let t: TestApp;
  let run: BrowserRun;
  let committeeId: number;
  let staff: Account;
  const units: { name: string; username: string; account: Account }[] = [];
  const members: { name: string; username: string; account: Account }[] = [];

  const account = async (username: string, roles: Role[], links = {}): Promise<Account> =>
    accountOf(t, (await t.signIn(username, roles, links)).token);

  beforeAll(async () => {
    t = await startTestApp();
    committeeId = Number((await t.ds.query(`SELECT id FROM committees WHERE name = '经济和资源环境委员会'`))[0].id);
    staff = await account('kstaff', ['staff']);
    for (const [i, name] of UNITS.entries()) {
      const unitId = (await t.make.unit({ name, kind: 'government' })).id;
      units.push({ name, username: `kunit${i}`, account: await account(`kunit${i}`, ['unit'], { unitId }) });
    }
    for (const [i, name] of MEMBERS.entries()) {
      const memberId = (await t.make.member({ name })).id;
      members.push({ name, username: `kmember${i}`, account: await account(`kmember${i}`, ['member'], { memberId }) });
    }
    run = await startBrowser(t);
  });

  afterAll(async () => {
    await run?.close();
    await t?.close();
  });

  const signedIn = (username: string) => signedInPage(run, username, TEST_PASSWORD);

  const setValue = (page: Page, selector: string, value: string) =>
    page.$eval(selector, (el, v) => ((el as HTMLInputElement).value = v), value);

  it(
    '盘活工业低效用地 goes from 出题 to 评题 and 公示 through the pages',
    async () => {
      // 1. Staff raise the city-level topic with the committee as organiser, and settle it.
      const host = await signedIn('kstaff');
      await clickAndWait(host, 'a.service-nav__link[href="/topics"]');
      await clickAndWait(host, 'main a[href="/topics/new"]');
      await host.type('#f-title', '盘活工业低效用地');
      await host.type(
        '#f-description',
        '土地要素是经济社会发展的基础。围绕工业低效用地盘活工作建言献策，助推高质量发展。',
      );
      await host.select('#f-organizer', `committee:${committeeId}`);
      await host.select('#f-level', 'city');
      await host.select('#f-source', 'plan');
      await clickAndWait(host, 'main form button[type="submit"]');
      const id = Number(/\/topics\/(\d+)\?done=created$/.exec(host.url())![1]);
      expect(await statusOf(host)).toBe('已出题');
      expect(await text(host, 'main .caption--above')).toBe('市级 · 专委会：经济和资源环境委员会 · 来源：年度协商计划');
      await clickAndWait(host, `form[action="/topics/${id}/settle"] button`);
      expect(await statusOf(host)).toBe('已定题');

      // 2. The 重点协商会: three members through the picker, the five departments, an expert; attendance, a speech, 召开.
      await clickAndWait(host, `main a[href="/topics/${id}/meetings/new"]`);
      await host.select('#f-kind', 'key');
      await host.type('#f-title', '“盘活工业低效用地”重点协商会');
      await setValue(host, '#f-startsAt', '2026-05-20T09:00');
      await setValue(host, '#f-endsAt', '2026-05-20T12:00');
      await host.type('#f-venue', '市政协常委会议室');
      await host.type('#f-chair', '陈柏平');
      await clickAndWait(host, 'main form button[type="submit"]');
      const meetingId = Number(/\/meetings\/(\d+)\?done=meeting-created$/.exec(host.url())![1]);
      expect(await text(host, 'main .caption--above')).toContain('第1次协商 · 重点协商会');
      for (const m of MEMBERS) {
        await host.type('[data-picker-search]', m);
        await host.waitForSelector(`button[data-pick="${m}"]`);
        await host.click(`button[data-pick="${m}"]`);
      }
      await host.select('#f-unitId', String(units[0].account.unitId));
      await host.type('#f-unitPerson', '分管副局长');
      await host.select('#f-unitSide', 'department');
      await host.type('#f-people', '李教授');
      await host.select('#f-peopleSide', 'expert');
      await submitIn(host, `form[action="/meetings/${meetingId}/participants"]`);
      expect(await text(host, '.notification--success')).toContain('参会人员已登记');
      for (const u of units.slice(1)) {
        await host.click('details:has(form[action$="/participants"]) summary');
        await host.select('#f-unitId', String(u.account.unitId));
        await host.type('#f-unitPerson', '分管副局长');
        await host.select('#f-unitSide', 'department');
        await submitIn(host, `form[action="/meetings/${meetingId}/participants"]`);
      }
      const rows = await host.$$eval('main tbody tr', (trs) =>
        trs.map((tr) => [tr.children[0].textContent!.trim(), tr.children[1].textContent!.trim()]),
      );
      expect(rows).toEqual([
        ...MEMBERS.map((m) => [m, '委员']),
        [`${UNITS[0]} 分管副局长`, '部门'],
        ['李教授', '专家'],
        ...UNITS.slice(1).map((u) => [`${u} 分管副局长`, '部门']),
      ]);
      const radios = await host.$$eval('main tbody input[value="present"]', (is) =>
        is.map((i) => (i as HTMLInputElement).name),
      );
      for (const name of radios) await host.click(`input[name="${name}"][value="present"]`);
      await host.click(`input[name="${radios[2]}"][value="excused"]`);
      await submitIn(host, `form[action="/meetings/${meetingId}/attendance"]`);
      expect(await text(host, '.notification--success')).toContain('出席情况已登记');
      await host.click('details:has(form[action$="/speeches"]) summary');
      const speaker = await host.$$eval(
        '#f-participantId option',
        (os, name) => os.find((o) => o.textContent!.includes(name))!.getAttribute('value')!,
        MEMBERS[0],
      );
      await host.select('#f-participantId', speaker);
      await host.type('#f-summary', '建议对低效用地实行“一企一策”，分类处置。');
      await submitIn(host, `form[action="/meetings/${meetingId}/speeches"]`);
      expect(await text(host, 'main section.record')).toContain(MEMBERS[0]);
      await host.type(
        '#f-minutes',
        '委员们围绕盘活工业低效用地中存在的问题与市直部门面对面沟通交流，提出18条具体意见建议。',
      );
      await submitIn(host, `form[action="/meetings/${meetingId}/hold"]`);
      expect(await text(host, '.notification--success')).toContain('协商会已召开');
      expect(await t.ds.getRepository(Meeting).findOneByOrFail({ id: meetingId })).toMatchObject({
        heldAt: expect.any(Date),
      });

      // 3. The 18 recommendations, each with its unit. To keep the test quick, the first of each theme goes through
      //    the page's form and the rest through the API; the page is reloaded after them (its form carries the version).
      await clickAndWait(host, `main a.back-link[href="/topics/${id}"]`);
      expect(await statusOf(host)).toBe('议题中');
      let k = 0;
      for (const [theme, texts] of THEMES) {
        for (const [j, recommendation] of texts.entries()) {
          const unitId = units[k % units.length].account.unitId!;
          const due = `2026-${String(7 + (k % 5)).padStart(2, '0')}-30T17:00`;
          if (j === 0) {
            await host.goto(`${run.base}/topics/${id}`);
            await host.click('details:has(form[action$="/outcomes"]) summary');
            await host.click('label[for="f-kind"]');
            await host.type('#f-theme', theme);
            await host.type('#f-text', recommendation);
            await host.select('#f-unitId', String(unitId));
            await setValue(host, '#f-dueAt', due);
            await submitIn(host, `form[action="/topics/${id}/outcomes"]`);
            expect(await text(host, '.notification--success')).toContain('协商成果已添加');
          } else {
            await api(
              t,
              staff,
              'post',
              `/topics/${id}/outcomes`,
              { kind: 'recommendation', theme, text: recommendation, unitId, dueAt: `${due}:00+08:00` },
              201,
            );
          }
          k++;
        }
      }
      await host.goto(`${run.base}/topics/${id}`);
      expect(await host.$$eval('main section.theme h3', (hs) => hs.map((h) => h.textContent!.trim()))).toEqual(
        THEMES.map(([theme]) => theme),
      );
      expect(await host.$$eval('main .outcome', (os) => os.length)).toBe(18);
      await clickAndWait(host, `form[action="/topics/${id}/resolve"] button`);
      expect(await statusOf(host)).toBe('解题中');

      // 4. Each unit reports on its first recommendation in 成果办理 (the 4th, the 市财政局's, not adopted with a reason);
      //    the other 13 reports go through the API.
      const outcomes = await t.ds.getRepository(Outcome).find({ where: { topicId: id }, order: { position: 'ASC' } });
      expect(outcomes.map((o) => o.position)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
      const reportedOnPage = new Set<number>();
      for (const u of units) {
        const first = outcomes.find((o) => o.unitId === u.account.unitId)!;
        const page = await signedIn(u.username);
        await clickAndWait(page, 'a.service-nav__link[href="/outcomes"]');
        expect(await page.$$eval('main .outcome', (os) => os.length)).toBe(
          outcomes.filter((o) => o.unitId === u.account.unitId).length,
        );
        await page.click(`#outcome-${first.id} summary`);
        await page.select(`#f-status-${first.id}`, notAdopted(first.position) ? 'not_adopted' : 'done');
        await page.type(
          `#f-feedback-${first.id}`,
          notAdopted(first.position) ? '受现行政策限制，暂不具备条件' : '已办结，工作方案已印发',
        );
        await submitIn(page, `form[action="/outcomes/${first.id}"]`);
        expect(await text(page, '.notification--success')).toContain('办理情况已反馈');
        reportedOnPage.add(first.id);
        await page.close();
      }
      expect(reportedOnPage.size).toBe(5);
      for (const o of outcomes.filter((x) => !reportedOnPage.has(x.id))) {
        const unit = units.find((u) => u.account.unitId === o.unitId)!.account;
        await api(
          t,
          unit,
          'patch',
          `/outcomes/${o.id}`,
          notAdopted(o.position)
            ? { status: 'not_adopted', feedback: '受现行政策限制，暂不具备条件' }
            : { status: 'done', feedback: '已办结' },
        );
      }

      // 5. 评题: a member who took part and a department rate it on the topic's page.
      const member = await signedIn(members[0].username);
      await member.goto(`${run.base}/topics/${id}`);
      expect(await text(member, '#evaluate-heading')).toContain('评题');
      await member.click('label[for="f-score"]');
      await member.type('#f-comment', '部门回应及时，成果落实到位');
      await submitIn(member, `form[action="/topics/${id}/evaluate"]`);
      expect(await text(member, '.notification--success')).toContain('评价已提交');
      expect(await statusOf(member)).toBe('已评题');
      const department = await signedIn(units[1].username);
      await department.goto(`${run.base}/topics/${id}`);
      await department.click('label[for="f-score-4"]');
      await submitIn(department, `form[action="/topics/${id}/evaluate"]`);
      expect(await text(department, '.notification--success')).toContain('评价已提交');

      // 6. Staff publish the outcomes. 结束评题 is for a topic nobody rated: once rated, it is no longer offered.
      await host.goto(`${run.base}/topics/${id}`);
      expect(await host.$(`form[action="/topics/${id}/close"]`)).toBeNull();
      await clickAndWait(host, `form[action="/topics/${id}/publish"] button`);
      expect(await text(host, '.notification--success')).toContain('协商成果已公示');
      expect(await host.$$eval('main .tags .tag', (tags) => tags.map((s) => s.textContent!.trim()))).toEqual([
        '已评题',
        '已公示',
      ]);
      expect(await host.$$eval('.steps__item--done', (li) => li.length)).toBe(5);
      // By hand: 18 recommendations, 4 not adopted, 14 carried out: 14/18 = 77.8% → 78%.
      const adoption = await text(host, '.stat-card:has(dt) dd');
      expect(adoption).toContain('78%');
      expect(adoption).toContain('已落实 14 / 共 18 项');
      expect(await text(host, 'main')).toContain('待办理 0 项，办理中 0 项，已落实 14 项，未采纳 4 项。');
      expect(await text(host, 'main')).toContain('4.5 分');
      expect(await host.$$eval('main section.theme h3', (hs) => hs.map((h) => h.textContent!.trim()))).toEqual(
        THEMES.map(([theme]) => theme),
      );
      expect(
        await host.$$eval('main section.theme', (ss) => ss.map((s) => s.querySelectorAll('.outcome').length)),
      ).toEqual(THEMES.map(([, texts]) => texts.length));
      expect(await t.ds.getRepository(Topic).findOneByOrFail({ id })).toMatchObject({
        status: 'evaluated',
        published: true,
      });

      // 7. Anyone, signed in or not, finds it on 公开的协商议题 with its five themes in order.
      const visitor = await run.page('visitor');
      await visitor.goto(`${run.base}/public/topics`);
      const item = await visitor.$$eval('.published__item', (items) =>
        items.map((li) => ({
          title: li.querySelector('.published__title')!.textContent!.trim(),
          facts: (li.querySelector('.published__facts') as HTMLElement).innerText,
          themes: Array.from(li.querySelectorAll('.published__reply-title')).map((h) => h.textContent!.trim()),
          replies: Array.from(li.querySelectorAll('.published__reply')).map((r) => r.textContent!),
        })),
      );
      expect(item).toHaveLength(1);
      expect(item[0].title).toBe('盘活工业低效用地');
      expect(item[0].facts).toContain('经济和资源环境委员会');
      expect(item[0].facts).toContain('已评题');
      expect(item[0].themes).toEqual(THEMES.map(([theme]) => theme));
      expect(item[0].replies).toHaveLength(18);
      expect(item[0].replies.filter((r) => r.includes('未采纳'))).toHaveLength(4);
      expect(run.problems).toEqual([]);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
