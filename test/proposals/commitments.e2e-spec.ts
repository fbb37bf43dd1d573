import { CouncilSession } from '../../src/directory/directory.entities';
import { Account, account, Cast } from '../support/accounts';
import { api } from '../support/api';
import { appWithCast, atTime, messagesOf, shanghai, sweepStepsAt } from '../support/deadlines';
import { proposalAt } from '../support/proposals';
import { TestApp } from '../support/test-app';

/*
 * 回头看: commitments 承诺事项 given with a B/C reply, the unit's report, the proposer's verdict, the staff's list and
 * the units' kept-on-time rates, the due notice and the unit's 待办. One database, in order: the rates last.
 */

interface Commitment {
  id: number;
  unit: { id: number; name: string };
  classification: string;
  text: string;
  dueDate: string;
  status: string;
  state: string;
  stateLabel: string;
  report: { text: string; doneDate: string } | null;
  verdict: { kept: boolean; comment: string | null } | null;
  keptOnTime: boolean | null;
  actions: string[];
  version: number;
}

const DAY = 86_400_000;
/** A Shanghai day `days` from today. */
const dayFromNow = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);

describe('回头看: commitments in B/C replies', () => {
  let t: TestApp;
  let c: Cast;
  let year: number;

  beforeAll(async () => {
    ({ t, c } = await appWithCast());
    const session = await t.ds.getRepository(CouncilSession).findOneByOrFail({ id: c.sessionId });
    year = new Date(session.closesAt.getTime() + 8 * 3600_000).getUTCFullYear();
  }, 180_000);
  afterAll(() => t.close());

  /** An assigned proposal of `c.lead`, with the unit's communication recorded: ready for the reply. */
  const readyToReply = async (unit: Account = c.unit) => {
    const id = await proposalAt(t, c, 'assigned', { unit });
    await api(t, unit, 'post', `/proposals/${id}/communications`, { mode: 'phone', summary: '电话沟通' }, 201);
    return id;
  };
  const reply = (id: number, classification: string, commitments: object[], unit: Account = c.unit, expected = 200) =>
    api(
      t,
      unit,
      'post',
      `/proposals/${id}/reply`,
      { classification, content: '已列入计划。', public: true, commitments },
      expected,
    );
  const commitmentsOf = async (id: number, who: Account) =>
    (await api(t, who, 'get', `/proposals/${id}/commitments`)) as unknown as Commitment[];
  const list = async (who: Account, query: string) =>
    (await api(t, who, 'get', `/commitments?pageSize=100&${query}`)) as { items: Commitment[]; total: number };

  describe('with the reply', () => {
    it('an A reply with commitments is refused with 400 and nothing is saved', async () => {
      const id = await readyToReply();
      const res = await reply(id, 'A', [{ text: '年底前完成', dueDate: dayFromNow(30) }], c.unit, 400);
      expect(res).toMatchObject({
        code: 'COMMITMENTS_NOT_ALLOWED',
        message: 'A类答复不填写承诺事项，承诺事项只随B、C类答复填写',
      });
      expect(await api(t, c.staff, 'get', `/proposals/${id}`)).toMatchObject({ status: 'assigned' });
      expect(await commitmentsOf(id, c.staff)).toEqual([]);
      // An A reply without commitments goes through.
      await reply(id, 'A', []);
    });

    it('refuses unknown fields, a bad or past due date, and more than ten commitments, in Chinese', async () => {
      const id = await readyToReply();
      const bad = async (commitments: object[]) => (await reply(id, 'B', commitments, c.unit, 400)).message as string;
      expect(await bad([{ text: '完成', dueDate: dayFromNow(9), owner: '张三' }])).toMatch(/owner/);
      expect(await bad([{ text: '完成', dueDate: '2027-02-30' }])).toBe(
        '第 1 项承诺事项的完成期限须为日期，如 2027-06-30',
      );
      expect(await bad([{ text: '完成', dueDate: '明年六月' }])).toBe('提交的内容有误，请检查后重试');
      expect(await bad([{ text: '完成', dueDate: dayFromNow(-1) }])).toBe('第 1 项承诺事项的完成期限不能早于今天');
      expect(await bad([{ text: '', dueDate: dayFromNow(9) }])).toBe('提交的内容有误，请检查后重试');
      expect(await bad(Array.from({ length: 11 }, () => ({ text: '完成', dueDate: dayFromNow(9) })))).toBe(
        '一件答复最多填写 10 项承诺事项',
      );
      expect(await api(t, c.staff, 'get', `/proposals/${id}`)).toMatchObject({ status: 'assigned' });
    });

    it('a B reply keeps its commitments, numbered, due, and shown to every reader of the proposal', async () => {
      const id = await readyToReply();
      await reply(id, 'B', [
        { text: '2027年6月底前完成审批流程简化', dueDate: dayFromNow(200) },
        { text: '设立专项补贴资金', dueDate: dayFromNow(10) },
      ]);
      const seen = await commitmentsOf(id, c.lead);
      expect(seen).toMatchObject([
        {
          classification: 'B',
          text: '2027年6月底前完成审批流程简化',
          dueDate: dayFromNow(200),
          state: 'due',
          actions: [],
        },
        { text: '设立专项补贴资金', status: 'promised', stateLabel: '待落实', report: null, verdict: null },
      ]);
      expect((await commitmentsOf(id, c.unit)).map((x) => x.actions)).toEqual([['report'], ['report']]);
      expect(await commitmentsOf(id, c.staff)).toHaveLength(2);
      await api(t, c.coUnit, 'get', `/proposals/${id}/commitments`, undefined, 403);
      await api(t, c.co1, 'get', `/commitments/${seen[0].id}`, undefined, 403);
      await api(t, c.staff, 'get', '/commitments/999999', undefined, 404);
    });
  });

  describe('report and verdict', () => {
    let id: number;
    let item: Commitment;
    beforeAll(async () => {
      id = await readyToReply();
      await reply(id, 'C', [{ text: '条件成熟时推动建设停车场', dueDate: dayFromNow(60) }]);
      [item] = await commitmentsOf(id, c.unit);
    });

    it('refuses the verdict before the report (409), and everyone but the replying unit the report (403)', async () => {
      const verdict = await api(t, c.lead, 'post', `/commitments/${item.id}/verdict`, { kept: true }, 409);
      expect(verdict).toMatchObject({
        code: 'COMMITMENT_NOT_REPORTED',
        message: '承办单位尚未报告落实情况，暂不能评判',
      });
      const other = await api(t, c.coUnit, 'post', `/commitments/${item.id}/report`, { text: '已落实' }, 403);
      expect(other.message).toBe('您无权查看该提案');
      await api(t, c.lead, 'post', `/commitments/${item.id}/report`, { text: '已落实' }, 403);
      await api(t, c.staff, 'post', `/commitments/${item.id}/report`, { text: '已落实' }, 403);
      await api(t, c.unit, 'post', '/commitments/999999/report', { text: '已落实' }, 404);
    });

    it('refuses bad input to the report: unknown field, future done date, empty text, stale version', async () => {
      const bad = (body: object, expected = 400) =>
        api(t, c.unit, 'post', `/commitments/${item.id}/report`, body, expected);
      expect((await bad({ text: '已落实', extra: 1 })).message).toMatch(/extra/);
      expect((await bad({ text: '已落实', doneDate: dayFromNow(3) })).message).toBe('完成日期不能晚于今天');
      expect((await bad({ text: '' })).details.fields).toHaveProperty('text');
      expect((await bad({ text: '已落实', version: item.version + 5 }, 409)).code).toBe('STALE_VERSION');
    });

    it('the unit reports before the due day; the proposer is told; a second report is 409', async () => {
      const reported = (await api(t, c.unit, 'post', `/commitments/${item.id}/report`, {
        text: '已选址并开工建设停车场',
        doneDate: dayFromNow(0),
        version: item.version,
      })) as Commitment;
      expect(reported).toMatchObject({
        status: 'reported',
        state: 'reported',
        stateLabel: '已报告落实情况',
        report: { text: '已选址并开工建设停车场', doneDate: dayFromNow(0) },
        actions: [],
      });
      const again = await api(t, c.unit, 'post', `/commitments/${item.id}/report`, { text: '再报' }, 409);
      expect(again).toMatchObject({ code: 'COMMITMENT_REPORTED', message: '该承诺事项已报告落实情况' });
      const [told] = (await messagesOf(t, c.lead, id)).filter((n) => n.kind === 'commitment.reported');
      expect(told).toMatchObject({
        title: '承诺事项已报告落实情况',
        body: expect.stringMatching(
          /报告了.+提案“.+”答复中承诺事项“条件成熟时推动建设停车场”的落实情况，请评判承诺是否兑现。$/,
        ),
      });
      expect((await commitmentsOf(id, c.lead))[0].actions).toEqual(['verdict']);
      // …and it waits in the lead's 待办 until judged.
      const todos = (await api(t, c.lead, 'get', '/todos')) as {
        groups: { items: { key: string; count: number }[] }[];
      };
      expect(todos.groups.flatMap((g) => g.items).find((i) => i.key === 'member.commitments')).toMatchObject({
        count: 1,
      });
    });

    it('only the proposer judges; not kept needs a comment; the unit is told; a second verdict is 409', async () => {
      await api(t, c.co1, 'post', `/commitments/${item.id}/verdict`, { kept: true }, 403);
      await api(t, c.unit, 'post', `/commitments/${item.id}/verdict`, { kept: true }, 403);
      const staff = await api(t, c.staff, 'post', `/commitments/${item.id}/verdict`, { kept: true }, 403);
      expect(staff.message).toBe('只有提案人可以评判承诺是否兑现');
      const noComment = await api(t, c.lead, 'post', `/commitments/${item.id}/verdict`, { kept: false }, 400);
      expect(noComment.message).toBe('认为承诺未兑现时，请说明情况');
      await api(t, c.lead, 'post', `/commitments/${item.id}/verdict`, { kept: 'yes' }, 400);
      const judged = (await api(t, c.lead, 'post', `/commitments/${item.id}/verdict`, {
        kept: true,
        comment: '停车场已开工',
      })) as Commitment;
      expect(judged).toMatchObject({
        status: 'kept',
        state: 'kept',
        stateLabel: '已兑现',
        verdict: { kept: true, comment: '停车场已开工' },
        keptOnTime: true,
      });
      const again = await api(
        t,
        c.lead,
        'post',
        `/commitments/${item.id}/verdict`,
        { kept: false, comment: '反悔' },
        409,
      );
      expect(again.code).toBe('COMMITMENT_JUDGED');
      const [told] = (await messagesOf(t, c.unit, id)).filter((n) => n.kind === 'commitment.judged');
      expect(told.body).toMatch(/提案人认为.+答复中的承诺事项“条件成熟时推动建设停车场”已兑现，意见：停车场已开工。$/);
    });
  });

  describe('the 回头看 list, the due notice, 待办 and the rates', () => {
    let unit2: Account;
    let overdueProposal: number;
    beforeAll(async () => {
      unit2 = await account(t, 'unit');
      // Replied in January with a promise due at the end of March: overdue now.
      overdueProposal = await atTime(t, shanghai('2026-01-10T10:00'), async () => {
        const id = await readyToReply(unit2);
        await reply(id, 'B', [{ text: '一季度内完成路灯改造', dueDate: '2026-03-31' }], unit2);
        return id;
      });
    }, 180_000);

    it('tells the unit once when a commitment falls due', async () => {
      const before = await sweepStepsAt(t, shanghai('2026-03-30T10:00'));
      expect(before.commitments).toEqual({ due: 0 });
      expect((await sweepStepsAt(t, shanghai('2026-03-31T10:00'))).commitments).toEqual({ due: 1 });
      expect((await sweepStepsAt(t, shanghai('2026-04-01T10:00'))).commitments).toEqual({ due: 0 });
      const notices = (await messagesOf(t, unit2, overdueProposal)).filter((n) => n.kind === 'commitment.due');
      expect(notices.map((n) => n.body)).toEqual([
        expect.stringMatching(
          /答复中的承诺事项“一季度内完成路灯改造”完成期限为2026年3月31日，已到期，请报告落实情况。$/,
        ),
      ]);
    });

    it('lists by state, unit, class and year for staff and leaders; a unit sees its own; members are refused', async () => {
      const overdue = await list(c.staff, 'state=overdue');
      expect(overdue.items).toMatchObject([
        { unit: { id: unit2.unitId }, text: '一季度内完成路灯改造', state: 'overdue', stateLabel: '已逾期未报告' },
      ]);
      expect((await list(c.leader, 'state=kept')).items.map((x) => x.text)).toEqual(['条件成熟时推动建设停车场']);
      expect((await list(c.staff, 'state=due')).total).toBe(2);
      expect((await list(c.staff, `unitId=${unit2.unitId}`)).total).toBe(1);
      expect((await list(c.staff, 'replyClass=C')).items.map((x) => x.classification)).toEqual(['C']);
      expect((await list(c.staff, `year=${year}`)).total).toBe(4);
      expect((await list(c.staff, 'year=2001')).total).toBe(0);
      expect((await list(unit2, '')).items.map((x) => x.unit.id)).toEqual([unit2.unitId]);
      expect((await list(c.unit, `unitId=${unit2.unitId}`)).total).toBe(0);
      // A member lists the commitments of the proposals they sign; others', none.
      expect((await list(c.lead, '')).total).toBe(4);
      expect((await list(c.co1, '')).total).toBe(0);
      const badState = await api(t, c.staff, 'get', '/commitments?state=late', undefined, 400);
      expect(badState.details.fields.state).toEqual(['状态须为 due、overdue、reported、kept 或 not_kept']);
      await api(t, c.staff, 'get', '/commitments?colour=red', undefined, 400);
    });

    it('puts the overdue commitment in the unit’s 待办', async () => {
      const todos = (await api(t, unit2, 'get', '/todos')) as {
        groups: { role: string; items: { key: string; count: number; href: string; urgency: string }[] }[];
      };
      const items = todos.groups.find((g) => g.role === 'unit')!.items;
      expect(items.find((i) => i.key === 'unit.commitments.overdue')).toMatchObject({
        count: 1,
        href: '/proposals/follow-up?state=overdue',
        urgency: 'overdue',
      });
      const soon = (await api(t, c.unit, 'get', '/todos')) as typeof todos;
      expect(
        soon.groups.find((g) => g.role === 'unit')!.items.find((i) => i.key === 'unit.commitments.dueSoon'),
      ).toMatchObject({ count: 1, urgency: 'due' });
    });

    it('rates by unit: kept on time over those that can be judged; none yet is null, not 0', async () => {
      const rates = (await api(t, c.staff, 'get', '/commitments/rates')) as {
        units: {
          unit: { id: number };
          count: number;
          assessable: number;
          kept: number;
          keptOnTime: number;
          onTimeRate: { rate: number | null };
        }[];
        total: {
          count: number;
          keptOnTime: number;
          onTimeRate: { numerator: number; denominator: number; rate: number | null };
        };
      };
      const of = (u: Account) => rates.units.find((r) => r.unit.id === u.unitId);
      expect(of(c.unit)).toMatchObject({ count: 3, assessable: 1, kept: 1, keptOnTime: 1, onTimeRate: { rate: 1 } });
      expect(of(unit2)).toMatchObject({ count: 1, assessable: 1, kept: 0, keptOnTime: 0, onTimeRate: { rate: 0 } });
      expect(rates.total).toMatchObject({
        count: 4,
        keptOnTime: 1,
        onTimeRate: { numerator: 1, denominator: 2, rate: 0.5 },
      });
      const onlyB = (await api(t, c.leader, 'get', '/commitments/rates?replyClass=B')) as typeof rates;
      expect(onlyB.units.find((r) => r.unit.id === c.unit.unitId)).toMatchObject({
        count: 2,
        assessable: 0,
        onTimeRate: { rate: null },
      });
      await api(t, c.unit, 'get', '/commitments/rates', undefined, 403);
      await api(t, c.lead, 'get', '/commitments/rates', undefined, 403);
    });
  });
});
