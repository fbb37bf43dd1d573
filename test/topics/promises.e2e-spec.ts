import { Notification } from '../../src/notifications/notification.entity';
import { Account, facilitator, Facilitator, topicAccount } from '../support/accounts';
import { api } from '../support/api';
import { atTime, plus, QUIET_SWEEPS, shanghai, sweepStepsAt } from '../support/deadlines';
import { startTestApp, TestApp } from '../support/test-app';
import { raise, topicAt, topicCast, TopicCast } from '../support/topics';

/*
 * The "252" response promise (config/topics.json): 回应 within 2 minutes, 答复 within 5, 解决 (解题) within
 * 2 days of 出题. Each test raises its topics on a day of its own in the past (so sign-ins made now stay
 * valid) and moves the Clock through it; the sweep runs as if then.
 */

const MIN = 60_000;
const DAY = 86_400_000;
const POLICY_252 = { responsePolicy: '252' };
const LABEL_252 = '“252”工作法：2分钟内回应、5分钟内答复、2天内解决';

describe('协商 response promises: the 252 clocks', () => {
  let t: TestApp;
  let c: TopicCast;
  let other: Facilitator;
  beforeAll(async () => {
    t = await startTestApp(QUIET_SWEEPS);
    c = await topicCast(t);
    other = await facilitator(t);
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.reset());

  /** Runs `fn` as if it were `when` (time runs on from there), then puts the Clock back. */
  const at = <T>(when: Date, fn: () => Promise<T>): Promise<T> => atTime(t, when, fn);
  const raise252 = (when: Date, who: Account = c.facilitator) =>
    at(when, () => raise(t, who, { type: 'point', id: c.facilitator.pointId }, POLICY_252));
  const get = async (id: number, who: Account = c.staff) => api(t, who, 'get', `/topics/${id}`);
  const sweep = async (when: Date) =>
    (await sweepStepsAt(t, when)).topics as { breaches: number; overdueOutcomes: number };
  const breachNotices = (who: Account, id: number) =>
    t.ds.getRepository(Notification).find({
      where: { userId: who.userId, link: `/topics/${id}`, kind: 'topic.promise_breached' },
      order: { id: 'ASC' },
    });
  const history = async (id: number) =>
    (await api(t, c.staff, 'get', `/topics/${id}/history`)) as {
      at: string;
      actor: { id: number | null; displayName: string };
      action: string;
      actionLabel: string;
      comment: string | null;
    }[];

  it('raising a topic with the 252 policy starts its three clocks; one without a policy has none', async () => {
    const t0 = shanghai('2026-03-02T09:00');
    const id = await raise252(t0);
    const topic = await get(id);
    expect(topic.responsePolicy).toBe('252');
    expect(topic.responsePolicyLabel).toBe(LABEL_252);
    expect(topic.promise).toEqual({
      policy: '252',
      policyLabel: LABEL_252,
      acknowledgeBy: expect.any(String),
      answerBy: expect.any(String),
      solveBy: expect.any(String),
      acknowledgedAt: null,
      answeredAt: null,
      answer: null,
      solvedAt: null,
      breached: [],
      breachedLabels: [],
    });
    // Due exactly the policy's durations after 出题 (the Clock runs on by the milliseconds the request took).
    const raisedAt = Date.parse(topic.createdAt);
    expect(raisedAt - t0.getTime()).toBeLessThan(MIN);
    expect(
      [topic.promise.acknowledgeBy, topic.promise.answerBy, topic.promise.solveBy].map(
        (d: string) => Date.parse(d) - raisedAt,
      ),
    ).toEqual([2 * MIN, 5 * MIN, 2 * DAY]);
    const plain = await get(await raise(t, c.facilitator, { type: 'point', id: c.facilitator.pointId }));
    expect(plain).toMatchObject({ responsePolicy: null, responsePolicyLabel: null, promise: null });
    const res = await t
      .http()
      .post('/api/v1/topics')
      .set(c.staff.auth)
      .send({
        ...POLICY_252,
        responsePolicy: '365',
        title: '议题',
        description: '说明',
        level: 'grid',
        source: 'public',
        organizer: { type: 'committee', id: c.committeeId },
      })
      .expect(400);
    expect(res.body.details.fields.responsePolicy).toEqual(['响应承诺须为 252 之一']);
  });

  it('acknowledged and answered in time: no breach, the answer kept, each only once (409), audited', async () => {
    const t0 = shanghai('2026-03-12T09:00');
    const id = await raise252(t0);
    const acknowledged = await at(plus(t0, MIN), () => api(t, c.facilitator, 'post', `/topics/${id}/acknowledge`, {}));
    expect(Date.parse(acknowledged.promise.acknowledgedAt) - t0.getTime()).toBeLessThan(2 * MIN);
    expect(acknowledged.promise.breached).toEqual([]);
    const again = await at(plus(t0, MIN + 5000), () =>
      t.http().post(`/api/v1/topics/${id}/acknowledge`).set(c.staff.auth).send({}),
    );
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ statusCode: 409, code: 'ALREADY_ACKNOWLEDGED', message: '该议题已经回应过' });

    const answered = await at(plus(t0, 4 * MIN), () =>
      api(t, c.staff, 'post', `/topics/${id}/answer`, { text: '已联系物业，明早清理楼道杂物' }),
    );
    expect(answered.promise).toMatchObject({ answer: '已联系物业，明早清理楼道杂物', breached: [], solvedAt: null });
    expect(Date.parse(answered.promise.answeredAt) - t0.getTime()).toBeLessThan(5 * MIN);
    const twice = await at(plus(t0, 4 * MIN + 5000), () =>
      t.http().post(`/api/v1/topics/${id}/answer`).set(c.facilitator.auth).send({ text: '再次答复' }),
    );
    expect(twice.body).toMatchObject({ statusCode: 409, code: 'ALREADY_ANSWERED' });

    await sweep(plus(t0, 10 * MIN));
    expect((await get(id)).promise.breached).toEqual([]);
    expect((await history(id)).map((h) => [h.action, h.actionLabel, h.comment])).toEqual([
      ['create', '出题', null],
      ['acknowledge', '回应', null],
      ['answer', '答复', '已联系物业，明早清理楼道杂物'],
    ]);
    expect(await breachNotices(c.staff, id)).toEqual([]);
  });

  it('acknowledged 3 minutes late: 回应超时 recorded at that moment by 系统, staff told once, the late facilitator not', async () => {
    const t0 = shanghai('2026-03-22T09:00');
    const id = await raise252(t0);
    const late = await at(plus(t0, 3 * MIN), () => api(t, c.facilitator, 'post', `/topics/${id}/acknowledge`, {}));
    expect(late.promise).toMatchObject({ breached: ['acknowledge'], breachedLabels: ['回应超时'] });
    const steps = await history(id);
    expect(steps.slice(-2).map((h) => [h.action, h.actor.id, h.comment])).toEqual([
      ['acknowledge', c.facilitator.userId, null],
      ['breach', null, '回应超时'],
    ]);
    expect(steps.at(-1)!.actor.displayName).toBe('系统');
    expect(Date.parse(steps.at(-1)!.at) - t0.getTime()).toBeGreaterThanOrEqual(3 * MIN);
    expect((await breachNotices(c.staff, id)).map((n) => [n.title, n.body])).toEqual([
      [
        expect.stringMatching(/^响应承诺回应超时：/),
        expect.stringMatching(
          /^协商议题“.+”未在2026年3月22日 09:02前回应（“252”工作法：2分钟内回应、5分钟内答复、2天内解决）。$/,
        ),
      ],
    ]);
    expect(await breachNotices(c.facilitator, id)).toEqual([]);
    // The sweep afterwards finds nothing more to mark on it; the answer clock (5 minutes) is still running.
    await sweep(plus(t0, 4 * MIN));
    expect((await get(id)).promise.breached).toEqual(['acknowledge']);
    expect(await breachNotices(c.staff, id)).toHaveLength(1);
  });

  it('answer late: the sweep marks 答复超时 once at its time and tells the point’s facilitators and staff once; the late answer adds nothing', async () => {
    const t0 = shanghai('2026-04-01T09:00');
    const id = await raise252(t0);
    await at(plus(t0, MIN), () => api(t, c.facilitator, 'post', `/topics/${id}/acknowledge`, {}));
    const marked = await sweep(plus(t0, 6 * MIN));
    expect(marked.breaches).toBeGreaterThanOrEqual(1);
    const topic = await get(id);
    expect(topic.promise).toMatchObject({ breached: ['answer'], breachedLabels: ['答复超时'], answeredAt: null });
    const breach = (await history(id)).at(-1)!;
    expect(breach).toMatchObject({
      action: 'breach',
      actionLabel: '响应超时',
      actor: { id: null, displayName: '系统' },
      comment: '答复超时',
    });
    expect(Date.parse(breach.at) - (t0.getTime() + 6 * MIN)).toBeLessThan(MIN);
    expect(await sweep(plus(t0, 6 * MIN + 1000))).toEqual({ breaches: 0, overdueOutcomes: 0 });
    for (const who of [c.facilitator, c.staff]) expect(await breachNotices(who, id)).toHaveLength(1);
    expect(await breachNotices(other, id)).toEqual([]);

    const answered = await at(plus(t0, 8 * MIN), () =>
      api(t, c.facilitator, 'post', `/topics/${id}/answer`, { text: '已协调城管处理' }),
    );
    expect(answered.promise).toMatchObject({ breached: ['answer'], answer: '已协调城管处理' });
    expect((await history(id)).filter((h) => h.action === 'breach')).toHaveLength(1);
    for (const who of [c.facilitator, c.staff]) expect(await breachNotices(who, id)).toHaveLength(1);
  });

  it('an answer without a 回应 first counts as both: in time for neither when it is late', async () => {
    const t0 = shanghai('2026-04-11T09:00');
    const id = await raise252(t0);
    const answered = await at(plus(t0, 3 * MIN), () =>
      api(t, c.facilitator, 'post', `/topics/${id}/answer`, { text: '马上安排网格员上门' }),
    );
    expect(answered.promise).toMatchObject({ breached: ['acknowledge'], answer: '马上安排网格员上门' });
    expect(answered.promise.acknowledgedAt).toBe(answered.promise.answeredAt);
    const ack = await at(plus(t0, 4 * MIN), () =>
      t.http().post(`/api/v1/topics/${id}/acknowledge`).set(c.facilitator.auth).send({}),
    );
    expect(ack.body).toMatchObject({ statusCode: 409, code: 'ALREADY_ACKNOWLEDGED' });
  });

  it('解决: resolved within 2 days keeps the promise; past 2 days the sweep marks it once, and resolving on day 3 adds nothing', async () => {
    const t0 = shanghai('2026-04-21T09:00');
    const inTime = await at(t0, () => topicAt(t, c, 'deliberating', { topic: POLICY_252 }));
    const swept = await at(t0, () => topicAt(t, c, 'deliberating', { topic: POLICY_252 }));
    for (const f of [inTime, swept]) {
      await at(plus(t0, MIN), () => api(t, c.facilitator, 'post', `/topics/${f.id}/answer`, { text: '已受理' }));
    }
    const resolved = await at(plus(t0, DAY), () => api(t, c.facilitator, 'post', `/topics/${inTime.id}/resolve`, {}));
    expect(resolved).toMatchObject({ status: 'resolving', promise: { breached: [] } });
    expect(resolved.promise.solvedAt).toBe(resolved.resolvedAt);

    await sweep(plus(t0, 2 * DAY + MIN));
    expect((await get(swept.id)).promise.breached).toEqual(['solve']);
    expect((await get(inTime.id)).promise.breached).toEqual([]);
    expect(await sweep(plus(t0, 2 * DAY + 2 * MIN))).toEqual({ breaches: 0, overdueOutcomes: 0 });

    const late = await at(plus(t0, 3 * DAY), () => api(t, c.facilitator, 'post', `/topics/${swept.id}/resolve`, {}));
    expect(late.promise).toMatchObject({ breached: ['solve'], breachedLabels: ['解决超时'] });
    expect((await history(swept.id)).filter((h) => h.action === 'breach')).toHaveLength(1);
    expect(await breachNotices(c.staff, swept.id)).toHaveLength(1);
  });

  it('a late 解题 the sweep did not see records 解决超时 itself, after the step', async () => {
    const t0 = shanghai('2026-05-01T09:00');
    const f = await at(t0, () => topicAt(t, c, 'deliberating', { topic: POLICY_252 }));
    await at(plus(t0, MIN), () => api(t, c.facilitator, 'post', `/topics/${f.id}/answer`, { text: '已受理' }));
    const late = await at(plus(t0, 3 * DAY), () => api(t, c.staff, 'post', `/topics/${f.id}/resolve`, {}));
    expect(late.promise.breached).toEqual(['solve']);
    expect((await history(f.id)).slice(-2).map((h) => [h.action, h.actor.id])).toEqual([
      ['resolve', c.staff.userId],
      ['breach', null],
    ]);
    // The staff member who resolved late is not told; the point's facilitator is, once.
    expect(await breachNotices(c.staff, f.id)).toEqual([]);
    expect(await breachNotices(c.facilitator, f.id)).toHaveLength(1);
  });

  it('who may act: the point’s facilitator and staff; another point’s facilitator 403 (404 to read); members, units and leaders refused; wrong topic or state 409; an answer needs its text', async () => {
    const t0 = shanghai('2026-05-11T09:00');
    const id = await raise252(t0);
    const send = (who: Account, action: string, body: object = {}) =>
      at(plus(t0, 30_000), () => t.http().post(`/api/v1/topics/${id}/${action}`).set(who.auth).send(body));
    for (const [action, body] of [
      ['acknowledge', {}],
      ['answer', { text: '答复' }],
    ] as const) {
      const res = await send(other, action, body);
      expect([res.status, res.body.message]).toEqual([403, '该协商议题不由您所在的协商议事点组织']);
      for (const who of [c.member, c.unit, c.leader]) expect((await send(who, action, body)).status).toBe(403);
    }
    await t.http().get(`/api/v1/topics/${id}`).set(other.auth).expect(404);
    expect((await send(c.facilitator, 'answer', {})).body).toMatchObject({
      statusCode: 400,
      code: 'TEXT_REQUIRED',
      message: '请填写答复内容',
    });
    expect((await send(c.facilitator, 'answer', { text: '好', extra: 1 })).status).toBe(400);
    expect((await get(id)).promise).toMatchObject({ acknowledgedAt: null, answeredAt: null });

    const plain = await raise(t, c.facilitator, { type: 'point', id: c.facilitator.pointId });
    const none = await t.http().post(`/api/v1/topics/${plain}/acknowledge`).set(c.staff.auth).send({}).expect(409);
    expect(none.body).toEqual({ statusCode: 409, code: 'NO_RESPONSE_POLICY', message: '该议题没有响应承诺，无须回应' });

    // 不予定题 stops the clocks: nothing is marked on it later.
    const declined = await raise252(t0);
    await at(plus(t0, MIN), () =>
      api(t, c.facilitator, 'post', `/topics/${declined}/decline`, { reason: '属于物业合同纠纷' }),
    );
    const wrong = await at(plus(t0, 90_000), () =>
      t.http().post(`/api/v1/topics/${declined}/answer`).set(c.facilitator.auth).send({ text: '答复' }),
    );
    expect(wrong.body).toMatchObject({
      statusCode: 409,
      code: 'TOPIC_WRONG_STATE',
      message: '协商议题当前为“不予定题”，不能答复',
    });
    await sweep(plus(t0, 3 * DAY));
    expect((await get(declined)).promise.breached).toEqual([]);
    expect((await get(id)).promise.breached).toEqual(['acknowledge', 'answer', 'solve']);
  });

  it('GET /topics?breached=true lists the missed promises: the facilitator their point’s, staff all; breached=false those kept so far', async () => {
    const t0 = shanghai('2026-05-21T09:00');
    const own = await raise252(t0);
    const kept = await raise252(t0);
    const committee = await at(t0, () => raise(t, c.staff, { type: 'committee', id: c.committeeId }, POLICY_252));
    await at(plus(t0, MIN), () => api(t, c.facilitator, 'post', `/topics/${kept}/answer`, { text: '已处理' }));
    await at(plus(t0, MIN), () => api(t, c.staff, 'post', `/topics/${committee}/answer`, { text: '已处理' }));
    await sweep(plus(t0, 10 * MIN));
    const ids = async (who: Account, query: string) =>
      (
        (await api(t, who, 'get', `/topics?${query}&pageSize=100`)).items as {
          id: number;
          promise: { breached: string[] };
        }[]
      ).map((i) => i.id);

    const mine = await ids(c.facilitator, 'breached=true');
    expect(mine).toContain(own);
    expect(mine).not.toContain(kept);
    expect(mine).not.toContain(committee);
    expect(await ids(other, 'breached=true')).toEqual([]);
    const listed = (await api(t, c.staff, 'get', '/topics?breached=true&pageSize=100')).items as {
      id: number;
      promise: { breached: string[]; breachedLabels: string[] };
    }[];
    expect(listed.find((i) => i.id === own)?.promise).toMatchObject({
      breached: ['acknowledge', 'answer'],
      breachedLabels: ['回应超时', '答复超时'],
    });
    expect(listed.map((i) => i.id)).not.toContain(kept);
    const keptList = await ids(c.staff, 'breached=false');
    expect(keptList).toEqual(expect.arrayContaining([kept, committee]));
    expect(keptList).not.toContain(own);
    expect(
      (await t.http().get('/api/v1/topics?breached=maybe').set(c.staff.auth).expect(400)).body.details.fields.breached,
    ).toEqual(['breached 须为 true 或 false']);
    // A member sees no breach list of others' topics.
    const member = await topicAccount(t, 'member');
    expect(await ids(member, 'breached=true')).toEqual([]);
  });
});
