/// <reference lib="dom" />
// (DOM types: the functions given to $eval and evaluate run in the page.)
import { Page } from 'puppeteer-core';
import { Role } from '../../src/common/roles';
import { ProposalSigner } from '../../src/proposals/proposal.entities';
import { accountOf } from '../support/accounts';
import { api } from '../support/api';
import {
  BrowserRun,
  JOURNEY_TIMEOUT_MS,
  clickAndWait,
  signedInPage,
  startBrowser,
  statusOf,
  textOf as text,
} from '../support/browser';
import { draft } from '../support/proposals';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/** One joint proposal carried through the pages in real Chromium by everyone who handles it, with the script's enhancements and a clean CSP. */
describe('proposal pages in Chromium', () => {
  let t: TestApp;
  let run: BrowserRun;
  let sessionId: number;
  let unitId: number;
  let earlierTitle: string;

  beforeAll(async () => {
    t = await startTestApp();
    const account = (username: string, roles: Role[], links = {}) => t.signIn(username, roles, links);
    await account('zhang', ['member'], { memberId: (await t.make.member({ name: '张文华' })).id });
    await account('li', ['member'], { memberId: (await t.make.member({ name: '李附议' })).id });
    await account('office', ['staff']);
    await account('vicechair', ['leader']);
    unitId = (await t.make.unit({ name: '市自然资源局' })).id;
    await account('bureau', ['unit'], { unitId });
    sessionId = (await t.make.session({ name: '十二届二次会议' })).id;
    // An earlier proposal on the same matter, for the review page's 相似提案.
    const other = await accountOf(
      t,
      (await account('early', ['member'], { memberId: (await t.make.member({ name: '周早先' })).id })).token,
    );
    earlierTitle = '关于加快老旧小区加装电梯的建议';
    const earlier = await draft(t, other, sessionId, {
      title: earlierTitle,
      background: '老旧小区没有电梯，老年居民上下楼困难，加装电梯审批环节多、资金筹措难。',
      suggestions: ['简化加装电梯审批', '设立加装电梯补贴'],
    });
    await api(t, other, 'post', `/proposals/${earlier}/submit`, {});
    run = await startBrowser(t);
  });

  afterAll(async () => {
    await run?.close();
    await t?.close();
  });

  const signedIn = (username: string): Promise<Page> => signedInPage(run, username, TEST_PASSWORD);

  it(
    'a joint proposal goes from filing to 已办结 through the pages of all four roles',
    async () => {
      // 1. The member files it: numbered suggestion rows, a co-signer picked by name.
      const member = await signedIn('zhang');
      await clickAndWait(member, 'a.service-nav__link[href="/proposals/mine"]');
      await clickAndWait(member, 'main a[href="/proposals/new"]');
      await member.select('#f-sessionId', String(sessionId));
      await member.select('#f-category', 'society');
      await member.type('#f-title', '关于推进老旧小区加装电梯的建议');
      await member.type('#f-background', '我市老旧小区没有电梯，老年居民上下楼困难；加装电梯审批环节多，资金筹措难。');
      // Enhanced: the one-per-line textarea became numbered rows with a button to add one.
      expect(await member.$eval('textarea[name="suggestions"]', (el) => (el as HTMLTextAreaElement).hidden)).toBe(true);
      await member.type('#f-suggestions', '简化加装电梯审批流程');
      await member.click('[data-numbered-list] button::-p-text(增加一条建议)');
      await member.type('#f-suggestions-2', '设立加装电梯专项补贴');
      expect(await member.$$eval('.numbered-rows__label', (ls) => ls.map((l) => l.textContent))).toEqual([
        '第1条建议',
        '第2条建议',
      ]);
      await member.click('label[for="f-kind-joint"]');
      await member.type('#f-coSignerNames', '附议');
      await member.waitForSelector('button[data-pick="李附议"]');
      await member.click('button[data-pick="李附议"]');
      expect(await text(member, '.picker__chosen')).toContain('李附议');
      await member.click('label[for="f-agreeToPublish"]');
      await clickAndWait(member, 'main form button[type="submit"]');
      const match = /\/proposals\/(\d+)\?done=created$/.exec(member.url());
      expect(match).not.toBeNull();
      const id = Number(match![1]);
      const proposalUrl = `${run.base}/proposals/${id}`;
      expect(await text(member, '.notification--success')).toContain('提案已保存为草稿');
      expect(await text(member, 'main')).toContain('等待附议人确认：李附议');
      expect(await member.$$eval('main ol.list--number li', (lis) => lis.map((li) => li.textContent))).toEqual([
        '简化加装电梯审批流程',
        '设立加装电梯专项补贴',
      ]);
      expect(await member.$(`form[action="/proposals/${id}/submit"]`)).toBeNull();

      // 2. The co-signer sees the invitation in 我的提案 and confirms.
      const coSigner = await signedIn('li');
      await clickAndWait(coSigner, 'a.service-nav__link[href="/proposals/mine"]');
      expect(await text(coSigner, 'main tbody')).toContain('请确认附议');
      await clickAndWait(coSigner, `main a[href="/proposals/${id}"]`);
      await clickAndWait(coSigner, `form[action="/proposals/${id}/cosign"] button`);
      expect(await text(coSigner, '.notification--success')).toContain('您已确认附议此提案');
      expect(
        await t.ds.getRepository(ProposalSigner).findOneByOrFail({ proposalId: id, role: 'cosigner' }),
      ).toMatchObject({ status: 'confirmed' });

      // 3. The member submits.
      await member.goto(proposalUrl);
      await clickAndWait(member, `form[action="/proposals/${id}/submit"] button`);
      expect(await statusOf(member)).toBe('已提交');

      // 4. Staff review it beside the similar proposals, accept it (its number shows) and assign it to the unit.
      const staff = await signedIn('office');
      await clickAndWait(staff, 'a.service-nav__link[href="/proposals/review"]');
      await clickAndWait(staff, `main a[href="/proposals/${id}/review"]`);
      const similar = await text(staff, 'aside.related');
      expect(similar).toContain(earlierTitle);
      expect(similar).toMatch(/相似度 \d+%/);
      await staff.click('label[for="f-decision"]');
      await clickAndWait(staff, 'main form button[type="submit"]');
      expect(await text(staff, '.notification--success')).toContain('审查结论已保存');
      expect(await text(staff, 'main .caption--above')).toContain('十二届二次会议 第0001号');
      expect(await statusOf(staff)).toBe('已立案');
      await clickAndWait(staff, `main a[href="/proposals/${id}/assign"]`);
      // Enhanced: only the chosen way of handling shows.
      expect(await staff.$eval('[data-assign-mode="split"]', (el) => (el as HTMLElement).hidden)).toBe(true);
      await staff.select('#f-leadUnitId', String(unitId));
      await clickAndWait(staff, 'main form button[type="submit"]');
      expect(await text(staff, '.notification--success')).toContain('提案已交办');
      expect(await text(staff, 'main')).toContain('市自然资源局（主办）');

      // 5. The unit finds it in 我的办理, records a communication and replies.
      const unit = await signedIn('bureau');
      await clickAndWait(unit, 'a.service-nav__link[href="/proposals/assignments"]');
      expect(await text(unit, 'main tbody')).toMatch(/剩余 \d+ 天/);
      await clickAndWait(unit, `main a[href="/proposals/${id}"]`);
      await clickAndWait(unit, `main a[href="/proposals/${id}/communicate"]`);
      await unit.click('label[for="f-step"]');
      await unit.click('label[for="f-mode-phone"]');
      await unit.type('#f-summary', '电话联系张文华委员，听取加装电梯的具体诉求。');
      await clickAndWait(unit, 'main form button[type="submit"]');
      expect(await text(unit, '.notification--success')).toContain('沟通情况已记录');
      await clickAndWait(unit, `main a[href="/proposals/${id}/reply"]`);
      await unit.click('label[for="f-classification"]');
      await unit.type('#f-content', '我局已会同有关部门出台加装电梯办法，简化审批，并设立专项补贴。');
      await unit.click('label[for="f-public"]');
      await unit.type('#f-letterNo', '市资规函〔2026〕12号');
      await unit.type('#f-signer', '王局长');
      // Enter in the last text field submits the reply, not 预览答复函全文, the first visible button of the form.
      await Promise.all([unit.waitForNavigation(), unit.keyboard.press('Enter')]);
      expect(await text(unit, '.notification--success')).toContain('答复已提交');
      expect(await statusOf(unit)).toBe('已答复');

      // 6. The leader finds it in 全部提案 and marks it key; it is then in 重点提案.
      const leader = await signedIn('vicechair');
      await clickAndWait(leader, 'a.service-nav__link[href="/proposals"]');
      await leader.type('#f-q', '推进老旧小区');
      await clickAndWait(leader, 'form.filters button[type="submit"]');
      await clickAndWait(leader, `main a[href="/proposals/${id}"]`);
      await clickAndWait(leader, `form[action="/proposals/${id}/key"] button`);
      expect(await text(leader, '.notification--success')).toContain('已确定为重点提案，由您督办');
      await clickAndWait(leader, 'a.service-nav__link[href="/proposals/key"]');
      expect(await leader.$(`main a[href="/proposals/${id}"]`)).not.toBeNull();

      // 7. The member evaluates 满意: the proposal is 已办结, its reply and the whole way there on its page.
      await member.goto(proposalUrl);
      await clickAndWait(member, `main a[href="/proposals/${id}/evaluate"]`);
      await member.click('label[for="f-contact-phone"]');
      await member.click('label[for="f-attitude"]');
      await member.click('label[for="f-rating"]');
      await member.type('#f-comment', '答复及时，措施具体。');
      await clickAndWait(member, 'main form button[type="submit"]');
      expect(await statusOf(member)).toBe('已办结');
      const main = await text(member, 'main');
      expect(main).toContain('我局已会同有关部门出台加装电梯办法');
      expect(main).toMatch(/办理结果\s*满意/);
      const steps = await member.$$eval('.timeline__title', (ps) => ps.map((p) => p.childNodes[0].textContent));
      expect(steps).toEqual(['起草', '确认附议', '提交', '立案', '交办', '沟通协商', '答复', '确定为重点提案', '评价']);
      expect(run.problems).toEqual([]);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
