/// <reference lib="dom" />
import { Account, Facilitator } from '../support/accounts';
import { api } from '../support/api';
import { BrowserRun, JOURNEY_TIMEOUT_MS, clickAndWait, signInPage, startBrowser, textOf } from '../support/browser';
import { draftAt, pointHost } from '../support/drafts';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/** Commenting on a 居民公约 through the pages in real Chromium: an invited member signed in, then a resident on the public page. */
describe('征求意见 pages in Chromium', () => {
  let t: TestApp;
  let run: BrowserRun;
  let host: Facilitator;
  let draftId: number;
  let clauseIds: number[];

  beforeAll(async () => {
    t = await startTestApp();
    host = await pointHost(t, 'jinping', '金塔社区协商议事室');
    const memberId = (await t.make.member({ name: '张文华' })).id;
    await t.signIn('zhang', ['member'], { memberId });
    ({ id: draftId, clauseIds } = await draftAt(t, host as Account, 'open', {
      organizer: { type: 'point', id: host.pointId },
      openToPublic: true,
      invitedMemberIds: [memberId],
    }));
    run = await startBrowser(t);
  });

  afterAll(async () => {
    await run?.close();
    await t?.close();
  });

  it(
    'the member writes under 第二条 and the public under 第三条; the organiser’s summary counts both',
    async () => {
      const member = await run.page('zhang');
      await signInPage(member, run.base, 'zhang', TEST_PASSWORD);
      await member.goto(`${run.base}/drafts/${draftId}`);
      expect(await textOf(member, 'main h1')).toContain('金塔社区居民公约');
      await member.type(`#f-c${clauseIds[2]}`, '建议明确电动自行车集中充电点');
      await clickAndWait(member, 'main form button[type="submit"]');
      expect(await textOf(member, 'main .notification--success')).toContain('您的意见已提交');
      expect(await textOf(member, 'main')).toContain('您已提出 1 条意见');

      const resident = await run.page('resident');
      await resident.goto(`${run.base}/public/drafts/${draftId}`);
      await resident.type('#f-name', '吴群');
      await resident.type(`#f-c${clauseIds[3]}`, '养犬应当登记');
      await clickAndWait(resident, 'main form button[type="submit"]');
      expect(await textOf(resident, 'main .notification--success')).toContain('已收到您的 1 条意见');

      const summary = await api(t, host as Account, 'get', `/drafts/${draftId}/summary`);
      const count = (label: string) => summary.clauses.find((c: { label: string }) => c.label === label).commentCount;
      expect([count('第二条'), count('第三条')]).toEqual([1, 1]);
      expect(summary.totals.bySource).toEqual({ participant: 1, public: 1, form: 0 });
      expect(run.problems).toEqual([]);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
