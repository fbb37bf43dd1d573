import { Proposal } from '../../src/proposals/proposal.entities';
import { Account, Cast } from '../support/accounts';
import { api } from '../support/api';
import { appWithCast, messagesOf, noticesOf, shanghai, sweepAt } from '../support/deadlines';
import { proposalAt } from '../support/proposals';
import { QUEUE_MODES } from '../support/redis-keys';
import { TestApp } from '../support/test-app';

/*
 * The proposals step of the deadlines sweep, driven by the Clock: each test moves it to dates of
 * its own (in the past, so sign-ins made now stay valid) and runs `deadlines:sweep` as if then.
 */

const get = async (t: TestApp, id: number, who: Account) =>
  (await t.http().get(`/api/v1/proposals/${id}`).set(who.auth).expect(200)).body;
const listed = async (t: TestApp, who: Account, query: string) =>
  (
    (await t.http().get(`/api/v1/proposals?${query}&pageSize=100`).set(who.auth).expect(200)).body.items as {
      id: number;
    }[]
  ).map((p) => p.id);
const history = async (t: TestApp, id: number, who: Account) =>
  (await t.http().get(`/api/v1/proposals/${id}/history`).set(who.auth).expect(200)).body;
const nothing = { reminded: 0, overdue: 0, notEvaluated: 0 };

describe('提案 deadlines: reminders, the overdue mark and what clears it', () => {
  let t: TestApp;
  let c: Cast;
  let id: number;
  beforeAll(async () => {
    ({ t, c } = await appWithCast());
    // Assigned on Monday 1 June 2026 to a lead unit and a co-unit: due three months later.
    t.clock.set(shanghai('2026-06-01T10:00'));
    id = await proposalAt(t, c, 'assigned', { withCoUnit: true });
    t.clock.reset();
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.reset());

  it('reminds the units once at 15 and once at 3 days before the deadline, not again when the sweep runs again', async () => {
    expect((await get(t, id, c.staff)).deadline.slice(0, 16)).toBe('2026-09-01T02:00');
    const reminders = async (who: Account) =>
      (await messagesOf(t, who, id)).filter((n) => n.kind === 'proposal.reminded').map((n) => n.body);

    expect(await sweepAt(t, shanghai('2026-08-16T10:00'))).toEqual(nothing);
    expect(await reminders(c.unit)).toEqual([]);

    expect(await sweepAt(t, shanghai('2026-08-18T10:00'))).toEqual({ ...nothing, reminded: 1 });
    expect(await reminders(c.unit)).toEqual([
      expect.stringMatching(/^十二届二次会议\S* 第0001号提案“.+”的办理期限至2026年9月1日，还有 14 天，请按时答复。$/),
    ]);
    expect(await reminders(c.coUnit)).toHaveLength(1);
    for (const again of ['2026-08-18T12:00', '2026-08-25T10:00'])
      expect(await sweepAt(t, shanghai(again))).toEqual(nothing);
    expect(await reminders(c.unit)).toHaveLength(1);

    expect(await sweepAt(t, shanghai('2026-08-30T10:00'))).toEqual({ ...nothing, reminded: 1 });
    expect(await sweepAt(t, shanghai('2026-08-31T10:00'))).toEqual(nothing);
    expect(await reminders(c.unit)).toEqual([
      expect.stringContaining('还有 14 天'),
      expect.stringContaining('还有 2 天'),
    ]);
    expect(await reminders(c.coUnit)).toHaveLength(2);
    // Reminders are for the units only.
    expect(await noticesOf(t, c.lead, id)).not.toContain('proposal.reminded');
    expect(await noticesOf(t, c.staff, id)).not.toContain('proposal.reminded');
  });

  it('marks it overdue once the deadline has passed: audited by the system, listed by ?overdue=true, units and staff told once', async () => {
    expect(await sweepAt(t, shanghai('2026-09-01T09:00'))).toEqual(nothing);
    expect(await listed(t, c.staff, 'overdue=true')).not.toContain(id);

    expect(await sweepAt(t, shanghai('2026-09-01T11:00'))).toEqual({ ...nothing, overdue: 1 });
    expect(await get(t, id, c.staff)).toMatchObject({ status: 'assigned', overdue: true });
    expect(await listed(t, c.staff, 'overdue=true')).toContain(id);
    expect(await listed(t, c.unit, 'overdue=true')).toContain(id);
    expect(await listed(t, c.staff, 'overdue=false')).not.toContain(id);
    expect((await history(t, id, c.staff)).at(-1)).toMatchObject({
      actor: { id: null, displayName: '系统' },
      action: 'overdue',
      actionLabel: '逾期未答复',
      from: 'assigned',
      to: 'assigned',
    });

    expect(await sweepAt(t, shanghai('2026-09-02T10:00'))).toEqual(nothing);
    for (const who of [c.unit, c.coUnit, c.staff])
      expect((await noticesOf(t, who, id)).filter((k) => k === 'proposal.overdue')).toHaveLength(1);
    const [toStaff] = (await messagesOf(t, c.staff, id)).filter((n) => n.kind === 'proposal.overdue');
    expect(toStaff).toMatchObject({
      title: '提案逾期未答复',
      body: expect.stringMatching(/的办理期限（2026年9月1日）已过，\S+尚未答复。$/),
    });
    expect(await noticesOf(t, c.lead, id)).not.toContain('proposal.overdue');
  });

  it('an approved extension past the sweep’s time clears the mark; the new deadline passing marks it again', async () => {
    t.clock.set(shanghai('2026-09-03T10:00'));
    const asked = await api(
      t,
      c.unit,
      'post',
      `/proposals/${id}/extensions`,
      { months: 1, reason: '需征求多个部门意见' },
      201,
    );
    const extended = await api(
      t,
      c.staff,
      'post',
      `/proposals/${id}/extensions/${(asked.extensions as { id: number }[])[0].id}/decision`,
      { approve: true },
    );
    t.clock.reset();
    expect(extended).toMatchObject({ overdue: false, deadline: expect.stringMatching(/^2026-10-01T02:00/) });
    expect(await listed(t, c.staff, 'overdue=true')).not.toContain(id);

    expect(await sweepAt(t, shanghai('2026-10-01T11:00'))).toEqual({ ...nothing, overdue: 1 });
    expect((await noticesOf(t, c.unit, id)).filter((k) => k === 'proposal.overdue')).toHaveLength(2);
  });

  it('the reply clears the mark', async () => {
    t.clock.set(shanghai('2026-10-02T10:00'));
    await api(
      t,
      c.unit,
      'post',
      `/proposals/${id}/communications`,
      { mode: 'phone', summary: '电话沟通办理情况' },
      201,
    );
    await api(t, c.coUnit, 'post', `/proposals/${id}/co-opinions`, { content: '同意' }, 201);
    const replied = await api(t, c.unit, 'post', `/proposals/${id}/reply`, {
      classification: 'A',
      content: '已办理。',
      public: true,
    });
    t.clock.reset();
    expect(replied).toMatchObject({ status: 'replied', overdue: false });
    expect(await listed(t, c.staff, 'overdue=true')).not.toContain(id);
    expect(await listed(t, c.staff, 'overdue=false')).toContain(id);
  });
});

describe('提案 deadlines: no evaluation within the working days completes it as not evaluated', () => {
  let t: TestApp;
  let c: Cast;
  beforeAll(async () => ({ t, c } = await appWithCast()));
  afterAll(() => t.close());
  afterEach(() => t.clock.reset());

  const repliedAt = async (local: string) => {
    t.clock.set(shanghai(local));
    const id = await proposalAt(t, c, 'replied');
    t.clock.reset();
    return id;
  };

  it('skips the configured holidays: replied Wednesday 30 September 2026, due Tuesday 27 October (国庆 1–7 October off, Saturday 10 October worked)', async () => {
    const id = await repliedAt('2026-09-30T10:00');
    // Fifteen weekdays would have ended on 21 October, and three weeks on the 26th.
    for (const when of ['2026-10-21T11:00', '2026-10-26T11:00', '2026-10-27T09:00']) {
      expect(await sweepAt(t, shanghai(when))).toEqual(nothing);
      expect((await get(t, id, c.lead)).status).toBe('replied');
    }
    expect(await sweepAt(t, shanghai('2026-10-27T11:00'))).toEqual({ ...nothing, notEvaluated: 1 });
    const done = await get(t, id, c.lead);
    expect(done).toMatchObject({
      status: 'completed',
      statusLabel: '已办结',
      notEvaluated: true,
      evaluation: null,
      evaluations: [],
      evaluationLabel: '未评价',
    });
    expect(done.completedAt.slice(0, 13)).toBe('2026-10-27T03');
    expect((await history(t, id, c.lead)).at(-1)).toMatchObject({
      actor: { id: null, displayName: '系统' },
      action: 'expire_evaluation',
      actionLabel: '逾期未评价，按未评价办结',
      from: 'replied',
      to: 'completed',
      details: { round: 0, evaluationDue: expect.stringMatching(/^2026-10-27T02:00/) },
    });
    expect(await noticesOf(t, c.lead, id)).toContain('proposal.evaluation_expired');

    expect(await sweepAt(t, shanghai('2026-10-28T10:00'))).toEqual(nothing);
    const late = await t
      .http()
      .post(`/api/v1/proposals/${id}/evaluate`)
      .set(c.lead.auth)
      .send({ rating: 'satisfied' })
      .expect(409);
    expect(late.body.message).toBe('提案当前为“已办结”，不能评价');
  });

  it('skips weekends: replied Monday 2 November 2026, due Monday 23 November, not on the Friday before', async () => {
    const id = await repliedAt('2026-11-02T10:00');
    for (const when of ['2026-11-20T11:00', '2026-11-23T09:00'])
      expect(await sweepAt(t, shanghai(when))).toEqual(nothing);
    expect((await get(t, id, c.staff)).status).toBe('replied');
    expect(await sweepAt(t, shanghai('2026-11-23T11:00'))).toEqual({ ...nothing, notEvaluated: 1 });
    expect(await get(t, id, c.staff)).toMatchObject({
      status: 'completed',
      notEvaluated: true,
      evaluationLabel: '未评价',
    });
  });

  it('leaves an evaluated proposal alone', async () => {
    t.clock.set(shanghai('2026-03-02T10:00'));
    const id = await proposalAt(t, c, 'completed');
    t.clock.reset();
    expect(await sweepAt(t, shanghai('2026-06-01T10:00'))).toEqual(nothing);
    expect(await get(t, id, c.lead)).toMatchObject({
      status: 'completed',
      notEvaluated: false,
      evaluationLabel: '满意',
    });
  });
});

describe('提案 deadlines: more proposals than one batch', () => {
  let t: TestApp;
  let c: Cast;
  beforeAll(async () => ({ t, c } = await appWithCast()));
  afterAll(() => t.close());

  it('walks them all, batch after batch, and marks each once', async () => {
    t.clock.set(shanghai('2026-04-01T10:00'));
    const id = await proposalAt(t, c, 'assigned');
    t.clock.reset();
    // 100 more rows like it, written straight to the table: one more than the sweep's batch of 100.
    const repo = t.ds.getRepository(Proposal);
    const { id: _id, number: _number, ...row } = await repo.findOneByOrFail({ id });
    for (let i = 0; i < 100; i += 50)
      await repo.insert(
        Array.from({ length: 50 }, (_, j) => ({ ...row, number: null, title: `${row.title}（${i + j}）` })),
      );
    expect(await sweepAt(t, shanghai('2026-07-02T10:00'))).toEqual({ ...nothing, overdue: 101 });
    expect(await repo.countBy({ overdue: true })).toBe(101);
    expect(await sweepAt(t, shanghai('2026-07-02T10:00'))).toEqual(nothing);
    expect(await noticesOf(t, c.unit, id)).toEqual(['proposal.assigned', 'proposal.overdue']);
  });
});

describe.each(QUEUE_MODES)('提案 deadlines: the sweep through the job queue (%s)', (mode, env) => {
  let t: TestApp;
  let c: Cast;
  // With REDIS_URL the test app gets a queue prefix of its own, deleted on close.
  beforeAll(async () => ({ t, c } = await appWithCast(env)));
  afterAll(() => t.close());

  it('marks the overdue proposal and tells its unit and staff', async () => {
    expect(t.jobs.mode).toBe(mode);
    t.clock.set(shanghai('2026-05-06T10:00'));
    const id = await proposalAt(t, c, 'assigned');
    t.clock.reset();
    expect(await sweepAt(t, shanghai('2026-08-07T10:00'))).toEqual({ ...nothing, overdue: 1 });
    expect(await listed(t, c.staff, 'overdue=true')).toEqual([id]);
    expect(await noticesOf(t, c.unit, id)).toEqual(['proposal.assigned', 'proposal.overdue']);
    expect(await noticesOf(t, c.staff, id)).toEqual(['proposal.overdue']);
    expect(await sweepAt(t, shanghai('2026-08-07T10:00'))).toEqual(nothing);
  });
});
