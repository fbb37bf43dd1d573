import { Notification } from '../../src/notifications/notification.entity';
import { Account, facilitator, Facilitator } from '../support/accounts';
import { api } from '../support/api';
import { QUIET_SWEEPS, shanghai, sweepStepsAt } from '../support/deadlines';
import { startTestApp, TestApp } from '../support/test-app';
import { topicAt, topicCast, TopicCast, TopicFixture } from '../support/topics';

/*
 * 协商成果 past their due date: the `topics` step of the deadlines sweep marks each once (open or in
 * progress only), tells its unit and the organiser once; GET /outcomes lists them by role.
 */

type Item = {
  id: number;
  topicId: number;
  overdue: boolean;
  overdueAt: string | null;
  status: string;
  unit: { id: number } | null;
  topic: { id: number; title: string; statusLabel: string; organizer: { type: string; name: string } };
};

describe('协商成果 overdue, and the outcomes list', () => {
  let t: TestApp;
  let c: TopicCast;
  let other: Facilitator;
  /** The point's topic: its outcome for c.unit due 30 September, one for c.unit2 due 10 October, one without a due date. */
  let point: TopicFixture;
  let forUnit2 = 0;
  let undated = 0;
  /** A committee's topic run by staff: its outcome for c.unit due 15 September, in progress. */
  let committee: { id: number; outcomeId: number };

  beforeAll(async () => {
    t = await startTestApp(QUIET_SWEEPS);
    c = await topicCast(t);
    other = await facilitator(t);
    point = await topicAt(t, c, 'deliberating');
    forUnit2 = (
      await api(
        t,
        c.facilitator,
        'post',
        `/topics/${point.id}/outcomes`,
        {
          kind: 'recommendation',
          theme: '停车管理',
          text: '划定临时停车区',
          unitId: c.unit2.unitId,
          dueAt: '2026-10-10T17:00:00+08:00',
        },
        201,
      )
    ).id;
    undated = (
      await api(
        t,
        c.facilitator,
        'post',
        `/topics/${point.id}/outcomes`,
        { kind: 'recommendation', text: '加强宣传引导' },
        201,
      )
    ).id;
    const settled = await topicAt(t, c, 'settled', {
      organizer: { type: 'committee', id: c.committeeId },
      by: c.staff,
    });
    const added = await api(
      t,
      c.staff,
      'post',
      `/topics/${settled.id}/outcomes`,
      { kind: 'decision', text: '规范停车收费', unitId: c.unit.unitId, dueAt: '2026-09-15T17:00:00+08:00' },
      201,
    );
    committee = { id: settled.id, outcomeId: added.id };
    await api(t, c.unit, 'patch', `/outcomes/${committee.outcomeId}`, {
      status: 'in_progress',
      feedback: '已完成方案设计',
    });
  });
  afterAll(() => t.close());

  const sweep = async (when: string) =>
    ((await sweepStepsAt(t, shanghai(when))).topics as { overdueOutcomes: number }).overdueOutcomes;
  const notices = (who: Account, topicId: number) =>
    t.ds.getRepository(Notification).find({
      where: { userId: who.userId, link: `/topics/${topicId}`, kind: 'topic.outcome_overdue' },
      order: { id: 'ASC' },
    });
  const list = async (who: Account, query = '') =>
    (await api(t, who, 'get', `/outcomes?pageSize=100${query}`)) as {
      items: Item[];
      total: number;
      page: number;
      pageSize: number;
    };
  const ids = async (who: Account, query = '') => (await list(who, query)).items.map((i) => i.id);
  const outcome = async (id: number) => (await list(c.staff)).items.find((i) => i.id === id)!;

  it('marks an outcome past its due date once, by 系统, and tells its unit and the organiser once', async () => {
    expect(await sweep('2026-09-15T16:59')).toBe(0);
    expect(await sweep('2026-09-15T17:00')).toBe(1);
    expect(await outcome(committee.outcomeId)).toMatchObject({
      overdue: true,
      overdueAt: expect.stringMatching(/^2026-09-15T09:00/),
      status: 'in_progress',
    });
    expect(await sweep('2026-09-20T10:05')).toBe(0);
    expect(await sweep('2026-09-25T10:00')).toBe(0);
    // A committee's topic is run by staff: the unit and staff hear of it, the point's facilitator does not.
    expect((await notices(c.unit, committee.id)).map((n) => n.body)).toEqual([
      expect.stringMatching(
        /^协商议题“.+”的第1项成果“规范停车收费”办理期限为2026年9月15日，现已超期，请抓紧办理并反馈。$/,
      ),
    ]);
    expect(await notices(c.staff, committee.id)).toHaveLength(1);
    expect(await notices(c.facilitator, committee.id)).toEqual([]);
    const history = await api(t, c.staff, 'get', `/topics/${committee.id}/history`);
    expect(history.at(-1)).toMatchObject({
      action: 'outcome_overdue',
      actionLabel: '成果办理超期',
      actor: { id: null, displayName: '系统' },
    });

    // The point's outcome for c.unit (30 September): the unit and the point's facilitator; one done in time is never overdue.
    await api(t, c.unit2, 'patch', `/outcomes/${forUnit2}`, { status: 'done', feedback: '已划定' });
    expect(await sweep('2026-10-11T10:00')).toBe(1);
    expect(await notices(c.unit, point.id)).toHaveLength(1);
    expect(await notices(c.facilitator, point.id)).toHaveLength(1);
    expect(await notices(c.unit2, point.id)).toEqual([]);
    expect(await notices(c.staff, point.id)).toEqual([]);
    expect(await outcome(forUnit2)).toMatchObject({ overdue: false, overdueAt: null });
    expect(await outcome(undated)).toMatchObject({ overdue: false, overdueAt: null });
    const topic = await api(t, c.facilitator, 'get', `/topics/${point.id}`);
    expect(topic.outcomes.find((o: Item) => o.id === point.outcomeId)).toMatchObject({ overdue: true });
  });

  it('GET /outcomes?overdue=true: staff all, longest overdue first; a unit its own; a facilitator their point’s', async () => {
    expect(await ids(c.staff, '&overdue=true')).toEqual([committee.outcomeId, point.outcomeId]);
    expect(await ids(c.unit, '&overdue=true')).toEqual([committee.outcomeId, point.outcomeId]);
    expect(await ids(c.unit2, '&overdue=true')).toEqual([]);
    expect(await ids(c.facilitator, '&overdue=true')).toEqual([point.outcomeId]);
    expect(await ids(other, '&overdue=true')).toEqual([]);
    expect(await ids(c.leader, '&overdue=true')).toEqual([committee.outcomeId, point.outcomeId]);
    expect(await ids(c.staff, '&overdue=false')).toEqual([undated, forUnit2]);
  });

  it('GET /outcomes by role, newest first, with its topic; filters by status, topic and unit; paginated', async () => {
    expect(await ids(c.facilitator)).toEqual([undated, forUnit2, point.outcomeId]);
    expect(await ids(c.unit)).toEqual([committee.outcomeId, point.outcomeId]);
    expect(await ids(c.unit2)).toEqual([forUnit2]);
    expect(await ids(other)).toEqual([]);
    const first = (await list(c.unit)).items[0];
    expect(first.topic).toEqual({
      id: committee.id,
      title: expect.any(String),
      status: 'settled',
      statusLabel: '已定题',
      version: expect.any(Number),
      organizer: { type: 'committee', typeLabel: '专委会', id: c.committeeId, name: expect.any(String) },
    });
    expect(await ids(c.staff, `&topicId=${point.id}&status=open`)).toEqual([undated, point.outcomeId]);
    expect(await ids(c.staff, `&unitId=${c.unit2.unitId}`)).toEqual([forUnit2]);
    expect(await ids(c.facilitator, `&topicId=${committee.id}`)).toEqual([]);
    const paged = await api(t, c.facilitator, 'get', '/outcomes?pageSize=1&page=2');
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 1, items: [{ id: forUnit2 }] });
    for (const bad of ['overdue=soon', 'status=closed', 'topicId=x', 'pageSize=101'])
      await t.http().get(`/api/v1/outcomes?${bad}`).set(c.staff.auth).expect(400);
    await t.http().get('/api/v1/outcomes').set(c.member.auth).expect(403);
    await t.http().get('/api/v1/outcomes').expect(401);
  });

  it('a closed outcome is no longer overdue; its mark stays as a record', async () => {
    await api(t, c.unit, 'patch', `/outcomes/${point.outcomeId}`, { status: 'done', feedback: '已增设停车位' });
    expect(await outcome(point.outcomeId!)).toMatchObject({
      overdue: false,
      overdueAt: expect.stringMatching(/^2026-10-11T02:00/),
    });
    expect(await ids(c.staff, '&overdue=true')).toEqual([committee.outcomeId]);
    expect(await sweep('2026-10-20T10:00')).toBe(0);
    expect(await notices(c.unit, point.id)).toHaveLength(1);
  });
});
