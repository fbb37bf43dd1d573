import { DraftComment } from '../../src/drafts/draft.entities';
import { Account, accountOf, Cast, Facilitator } from '../support/accounts';
import { api } from '../support/api';
import { shanghai } from '../support/deadlines';
import { draftAt } from '../support/drafts';
import { proposalAt } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';
import { topicAt, TopicCast } from '../support/topics';
import { createVisit, visitBody } from '../support/visits';
import { Agent, mainOf, webCast, webFacilitator } from '../support/web-client';

/*
 * The role matrix for fields: what a detail view shows some readers only stays with them in every other answer
 * that carries it — the record's history (API and page) and the directory. For each restricted field, the readers
 * who must not see it do not, and those who may still do (security review M3 and M4).
 */

type Step = { action: string; comment: string | null; details?: Record<string, unknown> };

describe('field access: restricted fields by reader', () => {
  let t: TestApp;
  let c: Cast;
  let web: Record<string, Agent>;
  let host: Facilitator;

  beforeAll(async () => {
    t = await startTestApp();
    ({ c, web } = await webCast(t));
    host = await webFacilitator(t, web, 'host', '金塔社区协商议事室');
  });
  afterAll(() => t.close());

  const history = async (who: Account, path: string): Promise<Step[]> =>
    (await api(t, who, 'get', `${path}/history`)) as unknown as Step[];
  /** Everything a reader gets of a record's history, as text. */
  const historyText = async (who: Account, path: string) => JSON.stringify(await history(who, path));
  const page = async (who: string, path: string) => mainOf((await web[who].get(path).expect(200)).text);

  describe('视察调研: a 请假 reason is shown to staff, leaders and the person', () => {
    const REASON = '当天赴银川参加自治区分行年中工作会议';
    let id: number;

    beforeAll(async () => {
      const committeeId = (await t.make.committee()).id;
      t.clock.set(shanghai('2026-06-08T09:00'));
      const v = await createVisit(
        t,
        c.staff,
        visitBody(committeeId, {
          participantMemberIds: [c.lead.memberId, c.co1.memberId],
          invitedUnitPeople: [{ unitId: c.unit.unitId, name: '张科长' }],
        }),
      );
      t.clock.reset();
      id = v.id;
      await api(t, c.lead, 'post', `/visits/${id}/rsvp`, { answer: 'accept' });
      await api(t, c.co1, 'post', `/visits/${id}/rsvp`, { answer: 'decline', reason: REASON });
    });

    it('another invited member and an invited unit see the 请假 in the history, not its reason', async () => {
      for (const who of [c.lead, c.unit]) {
        const steps = await history(who, `/visits/${id}`);
        const declined = steps.find((s) => s.action === 'rsvp' && s.details?.answer === 'declined');
        expect(declined).toMatchObject({ comment: null, details: { answer: 'declined' } });
        expect(JSON.stringify(steps)).not.toContain(REASON);
      }
    });

    it('staff, leaders and the member who asked for leave still read the reason in the history', async () => {
      for (const who of [c.staff, c.leader, c.co1]) {
        const steps = await history(who, `/visits/${id}`);
        expect(steps.find((s) => s.action === 'rsvp' && s.details?.answer === 'declined')?.comment).toBe(REASON);
      }
    });
  });

  describe('提案: a unit’s extension request and a refusal stay between the unit and the office', () => {
    const FIRST = '内部原因：局长出国考察，需待其回国后审定答复';
    const REFUSAL = '理由不充分，请按期答复';
    const SECOND = '需征求市财政局和自然资源局意见';
    const APPROVAL = '同意延期一个月';
    let id: number;

    beforeAll(async () => {
      id = await proposalAt(t, c, 'assigned', { withCoUnit: true });
      const ext = (r: Record<string, any>) => (r.extensions as { id: number }[]).at(-1)!.id;
      const first = await api(t, c.unit, 'post', `/proposals/${id}/extensions`, { months: 1, reason: FIRST }, 201);
      await api(t, c.staff, 'post', `/proposals/${id}/extensions/${ext(first)}/decision`, {
        approve: false,
        comment: REFUSAL,
      });
      await api(t, c.unit, 'post', `/proposals/${id}/extensions`, { months: 1, reason: SECOND }, 201);
    });

    it('the proposer and the co-unit see that an extension was asked, not the reason or the refusal (API and page)', async () => {
      for (const [who, name] of [
        [c.lead, 'lead'],
        [c.coUnit, 'counit'],
      ] as const) {
        const steps = await history(who, `/proposals/${id}`);
        expect(steps.filter((s) => s.action.startsWith('extension_'))).toEqual([
          expect.objectContaining({ action: 'extension_request', comment: null, details: {} }),
          expect.objectContaining({ action: 'extension_decision', comment: null, details: {} }),
          expect.objectContaining({ action: 'extension_request', comment: null, details: {} }),
        ]);
        const html = await page(name, `/proposals/${id}`);
        for (const text of [FIRST, REFUSAL, SECOND]) {
          expect([name, JSON.stringify(steps).includes(text)]).toEqual([name, false]);
          expect([name, html.includes(text)]).toEqual([name, false]);
        }
        expect(html).not.toContain('不同意延期');
      }
    });

    it('the unit that asked, staff and leaders still read the reasons and the refusal (API and page)', async () => {
      for (const [who, name] of [
        [c.unit, 'unit'],
        [c.staff, 'staff'],
        [c.leader, 'leader'],
      ] as const) {
        const text = await historyText(who, `/proposals/${id}`);
        const html = await page(name, `/proposals/${id}`);
        for (const shown of [FIRST, REFUSAL, SECOND]) {
          expect([name, shown, text.includes(shown)]).toEqual([name, shown, true]);
          expect([name, shown, html.includes(shown)]).toEqual([name, shown, true]);
        }
      }
    });

    it('once approved, the proposer reads that extension as the detail shows it; the co-unit still does not', async () => {
      const pending = (await api(t, c.staff, 'get', `/proposals/${id}`)).extensions.at(-1);
      await api(t, c.staff, 'post', `/proposals/${id}/extensions/${pending.id}/decision`, {
        approve: true,
        comment: APPROVAL,
      });
      const lead = await historyText(c.lead, `/proposals/${id}`);
      expect([SECOND, APPROVAL].map((s) => lead.includes(s))).toEqual([true, true]);
      expect([FIRST, REFUSAL].map((s) => lead.includes(s))).toEqual([false, false]);
      const coUnit = await historyText(c.coUnit, `/proposals/${id}`);
      expect([FIRST, REFUSAL, SECOND, APPROVAL].map((s) => coUnit.includes(s))).toEqual([false, false, false, false]);
    });
  });

  describe('协商议题: each person’s 评题 score is for organisers and leaders only', () => {
    const MEMBER_SAYS = '四次协商把事情谈透了，停车难基本解决';
    const UNIT_SAYS = '施工已完成，后续加强巡查';
    let id: number;

    beforeAll(async () => {
      const tc: TopicCast = {
        staff: c.staff,
        leader: c.leader,
        facilitator: host,
        member: c.lead,
        member2: c.co1,
        unit: c.unit,
        unit2: c.coUnit,
        committeeId: (await t.make.committee()).id,
      };
      const f = await topicAt(t, tc, 'resolving');
      id = f.id;
      await api(t, c.unit, 'patch', `/outcomes/${f.outcomeId}`, { status: 'done', feedback: '已完成施工' });
      await api(t, c.lead, 'post', `/topics/${id}/evaluations`, { score: 5, comment: MEMBER_SAYS }, 201);
      await api(t, c.unit, 'post', `/topics/${id}/evaluations`, { score: 2, comment: UNIT_SAYS }, 201);
    });

    it('a participating unit and member see that others evaluated, not their scores or comments (API and page)', async () => {
      for (const [who, name, others] of [
        [c.unit, 'unit', MEMBER_SAYS],
        [c.lead, 'lead', UNIT_SAYS],
      ] as const) {
        const steps = await history(who, `/topics/${id}`);
        const evaluations = steps.filter((s) => s.action === 'evaluate');
        expect(evaluations).toHaveLength(2);
        for (const e of evaluations) expect(e).toMatchObject({ comment: null, details: {} });
        expect(JSON.stringify(steps)).not.toContain(others);
        const html = await page(name, `/topics/${id}`);
        expect([name, html.includes(others)]).toEqual([name, false]);
        expect(html).not.toMatch(/评分 \d/);
      }
    });

    it('the organiser (facilitator and staff) and leaders still read each score and comment (API and page)', async () => {
      for (const [who, name] of [
        [host, 'host'],
        [c.staff, 'staff'],
        [c.leader, 'leader'],
      ] as const) {
        const evaluations = (await history(who, `/topics/${id}`)).filter((s) => s.action === 'evaluate');
        expect(evaluations.map((e) => [e.details?.score, e.comment])).toEqual([
          [5, MEMBER_SAYS],
          [2, UNIT_SAYS],
        ]);
        const html = await page(name, `/topics/${id}`);
        for (const shown of [MEMBER_SAYS, UNIT_SAYS, '评分 5', '评分 2'])
          expect([name, shown, html.includes(shown)]).toEqual([name, shown, true]);
      }
    });
  });

  describe('征求意见稿: invitees, typed-in forms and 处理意见 are the organiser’s', () => {
    const REASON = '与物业管理条例重复，不宜写入公约';
    let id: number;

    beforeAll(async () => {
      const d = await draftAt(t, host, 'closed', {
        organizer: { type: 'point', id: host.pointId },
        invitedMemberIds: [c.co1.memberId!],
      });
      id = d.id;
      const comment = await t.ds.getRepository(DraftComment).findOneByOrFail({ draftId: id });
      await api(t, host, 'patch', `/draft-comments/${comment.id}`, { disposition: 'not_adopted', reason: REASON });
    });

    it('an invited member and a leader see the steps without the invitees, the name on the form or the 处理意见', async () => {
      for (const who of [c.co1, c.leader]) {
        const steps = await history(who, `/drafts/${id}`);
        expect(steps.find((s) => s.action === 'create')?.details).not.toHaveProperty('invitedMemberIds');
        expect(steps.find((s) => s.action === 'comment')).toMatchObject({ comment: null, details: { source: 'form' } });
        expect(steps.find((s) => s.action === 'dispose')).toMatchObject({ comment: null, details: {} });
        const text = JSON.stringify(steps);
        expect(text).not.toContain('居民甲');
        expect(text).not.toContain(REASON);
        expect(text).not.toContain('not_adopted');
      }
    });

    it('the organiser (its facilitator, staff) still reads all of it', async () => {
      for (const who of [host, c.staff]) {
        const steps = await history(who, `/drafts/${id}`);
        expect(steps.find((s) => s.action === 'create')?.details).toMatchObject({
          invitedMemberIds: [c.co1.memberId],
        });
        expect(steps.find((s) => s.action === 'comment')?.comment).toBe('代录居民甲的征求意见表');
        expect(steps.find((s) => s.action === 'dispose')).toMatchObject({
          comment: REASON,
          details: { disposition: 'not_adopted' },
        });
      }
    });
  });

  describe('委员名录: phones and employers to admin, staff and the member themself', () => {
    const PHONE = '13995300000';
    const EMPLOYER = '石嘴山市第一中学 副校长';
    let memberId: number;
    let self: Account;
    let admin: Account;

    beforeAll(async () => {
      memberId = (await t.make.member({ name: '张文华', phone: PHONE, employer: EMPLOYER })).id;
      self = await accountOf(t, (await t.signIn('zhangwenhua', ['member'], { memberId })).token);
      admin = await accountOf(t, await t.tokenFor('admin'));
    });

    const listed = async (who: Account) =>
      (
        (await api(t, who, 'get', `/members?q=${encodeURIComponent('张文华')}`)).items as Record<string, unknown>[]
      ).find((m) => m.id === memberId)!;

    it('units, facilitators, leaders and other members get names and sectors, no phone and no employer (list and detail)', async () => {
      for (const [name, who] of [
        ['unit', c.unit],
        ['facilitator', host],
        ['leader', c.leader],
        ['another member', c.co1],
      ] as const) {
        for (const view of [await listed(who), await api(t, who, 'get', `/members/${memberId}`)]) {
          expect([name, view]).toEqual([name, expect.objectContaining({ name: '张文华', sectorName: '教育界' })]);
          expect([name, 'phone' in view, 'employer' in view]).toEqual([name, false, false]);
          expect([name, JSON.stringify(view).includes(PHONE)]).toEqual([name, false]);
        }
      }
      for (const name of ['unit', 'host', 'leader', 'co1'])
        expect([
          name,
          (await page(name, `/directory/members?q=${encodeURIComponent('张文华')}`)).includes(PHONE),
        ]).toEqual([name, false]);
    });

    it('admin, staff and the member themself still read the phone and employer (list and detail)', async () => {
      for (const [name, who] of [
        ['admin', admin],
        ['staff', c.staff],
        ['self', self],
      ] as const) {
        for (const view of [await listed(who), await api(t, who, 'get', `/members/${memberId}`)])
          expect([name, view]).toEqual([name, expect.objectContaining({ phone: PHONE, employer: EMPLOYER })]);
      }
      expect(await page('staff', `/directory/members?q=${encodeURIComponent('张文华')}`)).toContain(PHONE);
    });
  });
});
