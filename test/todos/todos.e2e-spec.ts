import { Account, account, Cast, facilitator } from '../support/accounts';
import { api } from '../support/api';
import { appWithCast, plus, sweepAt } from '../support/deadlines';
import { draft, proposalAt } from '../support/proposals';
import { TEST_PASSWORD, TestApp } from '../support/test-app';
import { meetingBody, raise, topicAt, topicCast } from '../support/topics';
import { createVisit, visitBody } from '../support/visits';
import { mainOf, signInWeb } from '../support/web-client';

/**
 * GET /api/v1/todos: each role's 待办 from records the test made — the counts, the earliest dates, the order
 * (已超期 first) and the scope (a unit its own assignments, a facilitator their own point's topics).
 * The suites run in order on one database: staff first, while the proposals are only theirs.
 */
interface Item {
  key: string;
  label: string;
  count: number | null;
  oldest: string | null;
  href: string;
  urgency: string;
}
interface Group {
  role: string;
  roleLabel: string;
  items: Item[];
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('待办 (GET /api/v1/todos)', () => {
  let t: TestApp;
  let c: Cast;
  const todos = async (who: Account): Promise<{ groups: Group[]; total: number }> =>
    api(t, who, 'get', '/todos') as Promise<{ groups: Group[]; total: number }>;
  const itemsOf = async (who: Account, role: string) =>
    (await todos(who)).groups.find((g) => g.role === role)?.items ?? [];
  const brief = (items: Item[]) => items.map((i) => [i.key, i.count, i.urgency]);
  const proposal = (id: number, who: Account = c.staff) => api(t, who, 'get', `/proposals/${id}`);
  const assignWith = (id: number, unit: Account, deadline: Date) =>
    api(t, c.staff, 'post', `/proposals/${id}/assign`, { leadUnitId: unit.unitId, deadline: deadline.toISOString() });

  beforeAll(async () => {
    ({ t, c } = await appWithCast());
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.reset());

  it('answers 401 without a token, in the error shape', async () => {
    const res = await t.http().get('/api/v1/todos').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.any(String) });
  });

  it('gives staff the review queue, returns, extension requests and overdue proposals, overdue first', async () => {
    const [s1, s2] = [await proposalAt(t, c, 'submitted'), await proposalAt(t, c, 'submitted')];
    await proposalAt(t, c, 'accepted');
    const back = await proposalAt(t, c, 'assigned');
    await api(t, c.unit, 'post', `/proposals/${back}/return`, { reason: '属于区级事权' });
    const extended = await proposalAt(t, c, 'assigned');
    await api(t, c.unit, 'post', `/proposals/${extended}/extensions`, { months: 1, reason: '需征求多个部门意见' }, 201);
    const late = await proposalAt(t, c, 'accepted');
    const deadline = plus(new Date(), HOUR);
    await assignWith(late, c.unit, deadline);
    await sweepAt(t, plus(deadline, HOUR));

    const items = await itemsOf(c.staff, 'staff');
    expect(brief(items)).toEqual([
      ['staff.proposals.overdue', 1, 'overdue'],
      ['staff.review', 2, 'due'],
      ['staff.assign', 2, 'due'],
      ['staff.returned', 1, 'due'],
      ['staff.extensions', 1, 'due'],
    ]);
    const byKey = Object.fromEntries(items.map((i) => [i.key, i]));
    expect(byKey['staff.review']).toMatchObject({
      label: '待审查的提案',
      href: '/proposals/review?tab=submitted',
      oldest: (await proposal(s1)).submittedAt,
    });
    expect(new Date(byKey['staff.review'].oldest!).getTime()).toBeLessThanOrEqual(
      new Date((await proposal(s2)).submittedAt).getTime(),
    );
    expect(byKey['staff.proposals.overdue']).toMatchObject({
      href: '/proposals/overdue',
      oldest: (await proposal(late)).deadline,
    });
    expect(byKey['staff.extensions'].href).toBe('/proposals/review?tab=extensions');
    expect((await todos(c.staff)).groups.map((g) => [g.role, g.roleLabel])).toEqual([['staff', '机关工作人员']]);
  });

  it('gives a leader the key proposals behind schedule and the link to 年度概览', async () => {
    const [late] = (await api(t, c.staff, 'get', '/proposals?overdue=true&status=assigned')).items as { id: number }[];
    expect(brief(await itemsOf(c.leader, 'leader'))).toEqual([['leader.dashboard', null, 'normal']]);
    await api(t, c.leader, 'post', `/proposals/${late.id}/key`, {});
    const items = await itemsOf(c.leader, 'leader');
    expect(brief(items)).toEqual([
      ['leader.key.overdue', 1, 'overdue'],
      ['leader.dashboard', null, 'normal'],
    ]);
    expect(items[0]).toMatchObject({ label: '超期的重点提案', href: '/proposals/key' });
    expect(items[1]).toMatchObject({ label: '年度概览', href: '/dashboard', oldest: null });
  });

  it('gives a member the visit to answer, the 附议 invitation, the reply to evaluate and unread messages', async () => {
    const me = c.co1;
    expect((await todos(me)).groups).toEqual([]);
    await draft(t, c.co2, c.sessionId, { kind: 'joint', coSignerMemberIds: [me.memberId] });
    const replied = await proposalAt(t, c, 'replied', { lead: me });
    const start = plus(new Date(), 10 * DAY);
    const body = visitBody((await t.make.committee()).id, { participantMemberIds: [me.memberId] });
    const at = (d: Date) => d.toISOString();
    const visit = await createVisit(t, c.staff, {
      ...body,
      startsAt: at(start),
      endsAt: at(plus(start, 3 * HOUR)),
      stops: [{ at: at(start), place: '大武口区家政龙头企业', purpose: '了解家政服务员培训情况' }],
    });

    const items = await itemsOf(me, 'member');
    const unread = (await api(t, me, 'get', '/notifications?unread=1')).unread as number;
    expect(unread).toBeGreaterThan(0);
    expect(brief(items)).toEqual([
      ['member.visits', 1, 'due'],
      ['member.cosign', 1, 'due'],
      ['member.evaluate', 1, 'due'],
      ['member.messages', unread, 'normal'],
    ]);
    expect(items[0]).toMatchObject({ label: '视察调研待答复', href: '/schedule' });
    expect(items[2]).toMatchObject({ href: '/proposals/mine', oldest: (await proposal(replied, me)).repliedAt });

    // Answered, confirmed and evaluated: those lines go.
    await api(t, me, 'post', `/visits/${visit.id}/rsvp`, { answer: 'accept' });
    await api(t, me, 'post', `/proposals/${replied}/evaluate`, { rating: 'satisfied' });
    expect(brief(await itemsOf(me, 'member')).map(([key]) => key)).toEqual(['member.cosign', 'member.messages']);
  });

  it('gives a unit its own assignments by days left, overdue first, and those still without a contact', async () => {
    const unit = await account(t, 'unit');
    // Assigned three days ago (sessions last hours, so the time moves back, not on): due in 2, 8 and 60 days then,
    // so the first is past its deadline today, the second has five days left, the third 57.
    const assigned = plus(new Date(), -3 * DAY);
    t.clock.set(assigned);
    const ids: number[] = [];
    for (const days of [2, 8, 60]) {
      const id = await proposalAt(t, c, 'accepted');
      await assignWith(id, unit, plus(assigned, days * DAY));
      ids.push(id);
    }
    await api(
      t,
      unit,
      'post',
      `/proposals/${ids[2]}/communications`,
      { mode: 'phone', summary: '电话联系提案人' },
      201,
    );
    t.clock.reset();

    const items = await itemsOf(unit, 'unit');
    expect(brief(items)).toEqual([
      ['unit.assignments.overdue', 1, 'overdue'],
      ['unit.assignments.dueSoon', 1, 'due'],
      ['unit.communications', 2, 'due'],
      ['unit.assignments.later', 1, 'normal'],
    ]);
    expect(items[0]).toMatchObject({
      label: '已超期未答复的提案',
      href: '/proposals/assignments',
      oldest: (await proposal(ids[0])).deadline,
    });
    expect(items[1].oldest).toBe((await proposal(ids[1])).deadline);
    // The cast's unit counts only its own: the staff test's proposal due within the hour and the one waiting for
    // its extension (neither with a contact yet); nothing of the three above.
    expect(brief(await itemsOf(c.unit, 'unit'))).toEqual([
      ['unit.assignments.dueSoon', 1, 'due'],
      ['unit.communications', 2, 'due'],
      ['unit.assignments.later', 1, 'normal'],
    ]);
  });

  it("gives a facilitator their point's topics at each step and this week's meetings, not another point's", async () => {
    const tc = await topicCast(t);
    await topicAt(t, tc, 'raised');
    await topicAt(t, tc, 'raised');
    const settled = await topicAt(t, tc, 'settled');
    const other = await facilitator(t);
    await raise(t, other, { type: 'point', id: other.pointId });
    const starts = plus(new Date(), 2 * DAY);
    await api(
      t,
      tc.facilitator,
      'post',
      `/topics/${settled.id}/meetings`,
      meetingBody({ startsAt: starts.toISOString(), endsAt: plus(starts, 2 * HOUR).toISOString() }),
      201,
    );

    const items = await itemsOf(tc.facilitator, 'facilitator');
    expect(brief(items)).toEqual([
      ['facilitator.topics.raised', 2, 'due'],
      ['facilitator.topics.settled', 1, 'due'],
      ['facilitator.meetings', 1, 'normal'],
    ]);
    expect(items[2]).toMatchObject({ label: '本周协商会', href: '/topics', oldest: starts.toISOString() });
    expect(brief(await itemsOf(other, 'facilitator'))).toEqual([['facilitator.topics.raised', 1, 'due']]);
  });

  it('gives someone with two roles both groups, each counted as that role', async () => {
    const unit = await account(t, 'unit');
    await assignWith(await proposalAt(t, c, 'accepted'), unit, plus(new Date(), 30 * DAY));
    const both = await t.signIn(`todo-both-${process.pid}`, ['member', 'unit'], {
      memberId: c.co1.memberId!,
      unitId: unit.unitId!,
    });
    const auth = { Authorization: `Bearer ${both.token}` };
    const list = await todos({ ...unit, token: both.token, userId: both.userId, auth });
    expect(list.groups.map((g) => [g.role, brief(g.items)])).toEqual([
      ['member', [['member.cosign', 1, 'due']]],
      [
        'unit',
        [
          ['unit.communications', 1, 'due'],
          ['unit.assignments.later', 1, 'normal'],
        ],
      ],
    ]);
    expect(list.total).toBe(3);
    // The home page heads each group with its role.
    const web = await signInWeb(t, `todo-both-${process.pid}`, TEST_PASSWORD);
    const home = mainOf((await web.get('/').expect(200)).text);
    expect(home).toContain('<p class="caption home__roles">政协委员、承办单位</p>');
    expect([...home.matchAll(/<h3 class="heading-s todos__role">([^<]*)<\/h3>/g)].map((m) => m[1])).toEqual([
      '政协委员',
      '承办单位',
    ]);
  });
});
