import { Account, Facilitator, topicAccount } from '../support/accounts';
import { api } from '../support/api';
import { startTestApp, TestApp } from '../support/test-app';
import { meetingBody } from '../support/topics';

/*
 * 年度协商计划: the office draws up the year's plan (the key consultation 盘活工业低效用地 with a
 * committee, a 对口协商 with a bureau, a courtyard's 协商议事会), approves it, and starts the items as
 * topics one by one; the plan shows each item's step, the counts and what is overdue for its quarter.
 */
describe('年度协商计划: items by quarter, approval, starting items as topics, progress', () => {
  let t: TestApp;
  let staff: Account;
  let leader: Account;
  let member: Account;
  let host: Facilitator;
  let committeeId: number;
  let unitId: number;
  let planId: number;
  const items: Record<string, number> = {};
  // A year whose quarters are all over, so that unfinished items are overdue whatever today is.
  const year = new Date().getFullYear() - 1;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await topicAccount(t, 'staff');
    leader = await topicAccount(t, 'leader');
    member = await topicAccount(t, 'member');
    host = (await topicAccount(t, 'facilitator')) as Facilitator;
    committeeId = (await t.make.committee('城乡建设委员会')).id;
    unitId = (await t.make.unit({ name: '市自然资源局' })).id;
  });
  afterAll(() => t.close());

  it('staff draw up one plan per year and scope; others may not', async () => {
    const plan = await api(t, staff, 'post', '/plans', { year }, 201);
    planId = plan.id;
    expect(plan).toMatchObject({
      year,
      title: `${year}年度协商计划`,
      scope: { type: 'all', typeLabel: '全委', name: '政协全委' },
      status: 'draft',
      statusLabel: '草案',
      items: [],
      progress: { total: 0 },
    });
    expect((await t.http().post('/api/v1/plans').set(staff.auth).send({ year }).expect(409)).body.code).toBe(
      'PLAN_EXISTS',
    );
    const committeePlan = await api(
      t,
      staff,
      'post',
      '/plans',
      { year, scope: { type: 'committee', id: committeeId } },
      201,
    );
    expect(committeePlan.scope).toMatchObject({ type: 'committee', name: '城乡建设委员会' });
    for (const who of [leader, member, host])
      await t
        .http()
        .post('/api/v1/plans')
        .set(who.auth)
        .send({ year: year + 1 })
        .expect(403);
    expect(
      (
        await t
          .http()
          .post('/api/v1/plans')
          .set(staff.auth)
          .send({ year: year + 1, owner: 'me' })
          .expect(400)
      ).body.message,
    ).toContain('owner');
  });

  it('adds items with form, organiser, quarter, lead unit and notes while a 草案', async () => {
    const add = (body: object) => api(t, staff, 'post', `/plans/${planId}/items`, body, 201);
    const key = await add({
      title: '盘活工业低效用地',
      form: 'key',
      organizer: { type: 'committee', id: committeeId },
      quarter: 2,
      leadUnitId: unitId,
      notes: '围绕工业低效用地盘活开展重点协商',
    });
    items.key = key.id;
    expect(key).toMatchObject({
      position: 1,
      form: 'key',
      formLabel: '重点协商会',
      quarter: 2,
      quarterLabel: '第二季度',
      level: 'city',
      levelLabel: '市',
      leadUnit: { id: unitId, name: '市自然资源局' },
      topic: null,
      state: 'not_started',
      stateLabel: '未启动',
      overdue: true,
    });
    items.counterpart = (
      await add({
        title: '优化营商环境',
        form: 'counterpart',
        organizer: { type: 'committee', id: committeeId },
        quarter: 3,
      })
    ).id;
    items.courtyard = (
      await add({
        title: '老旧小区改造后的环境维护',
        form: 'deliberation',
        organizer: { type: 'point', id: host.pointId },
        quarter: 1,
      })
    ).id;
    expect((await api(t, staff, 'get', `/plans/${planId}`)).items.map((i: { title: string }) => i.title)).toEqual([
      '老旧小区改造后的环境维护',
      '盘活工业低效用地',
      '优化营商环境',
    ]);
    const bad = await t
      .http()
      .post(`/api/v1/plans/${planId}/items`)
      .set(staff.auth)
      .send({ title: '无季度', form: 'party', organizer: { type: 'committee', id: committeeId }, quarter: 5 })
      .expect(400);
    expect(Object.keys(bad.body.details.fields).sort()).toEqual(['form', 'quarter']);
    const changed = await api(t, staff, 'patch', `/plan-items/${items.counterpart}`, {
      quarter: 4,
      notes: '与市商务局对口协商',
    });
    expect(changed).toMatchObject({ quarter: 4, notes: '与市商务局对口协商' });
    const extra = await add({
      title: '临时事项',
      form: 'other',
      organizer: { type: 'committee', id: committeeId },
      quarter: 4,
    });
    await t.http().delete(`/api/v1/plan-items/${extra.id}`).set(staff.auth).expect(204);
    await t.http().delete(`/api/v1/plan-items/${extra.id}`).set(staff.auth).expect(404);
  });

  it('items start only once the plan is approved; approval freezes it', async () => {
    expect(
      (await t.http().post(`/api/v1/plan-items/${items.key}/start`).set(staff.auth).send({}).expect(409)).body.code,
    ).toBe('PLAN_WRONG_STATE');
    await t.http().post(`/api/v1/plans/${planId}/approve`).set(leader.auth).send({}).expect(403);
    const plan = await api(t, staff, 'post', `/plans/${planId}/approve`, {});
    expect(plan).toMatchObject({
      status: 'approved',
      statusLabel: '已批准',
      approvedBy: { id: staff.userId },
      approvedAt: expect.any(String),
    });
    expect(
      (await t.http().post(`/api/v1/plans/${planId}/approve`).set(staff.auth).send({}).expect(409)).body.code,
    ).toBe('PLAN_WRONG_STATE');
    expect(
      (
        await t
          .http()
          .post(`/api/v1/plans/${planId}/items`)
          .set(staff.auth)
          .send({ title: '迟来', form: 'other', organizer: { type: 'committee', id: committeeId }, quarter: 4 })
          .expect(409)
      ).body.message,
    ).toBe('年度协商计划当前为“已批准”，不能增删改计划事项');
    await t.http().patch(`/api/v1/plan-items/${items.key}`).set(staff.auth).send({ quarter: 3 }).expect(409);
    await t.http().delete(`/api/v1/plan-items/${items.key}`).set(staff.auth).expect(409);
    const empty = await api(t, staff, 'post', '/plans', { year: year + 2 }, 201);
    expect(
      (await t.http().post(`/api/v1/plans/${empty.id}/approve`).set(staff.auth).send({}).expect(409)).body.code,
    ).toBe('PLAN_EMPTY');
  });

  it('starting an item makes a settled topic from the plan, linked both ways; a second start is a 409', async () => {
    const started = await api(t, staff, 'post', `/plan-items/${items.key}/start`, {});
    expect(started).toMatchObject({
      state: 'under_way',
      stateLabel: '进行中',
      topic: { title: '盘活工业低效用地', status: 'settled', statusLabel: '已定题' },
      startedAt: expect.any(String),
    });
    const topic = await api(t, staff, 'get', `/topics/${started.topic.id}`);
    expect(topic).toMatchObject({
      source: 'plan',
      sourceLabel: '年度协商计划',
      status: 'settled',
      level: 'city',
      organizer: { type: 'committee', id: committeeId },
      planItem: { id: items.key, planId, year, quarter: 2 },
    });
    expect(topic.description).toContain(`列入${year}年度协商计划（第二季度，重点协商会）`);
    const history = await api(t, staff, 'get', `/topics/${topic.id}/history`);
    expect(history.map((h: { action: string; comment: string | null }) => [h.action, h.comment])).toEqual([
      ['create', null],
      ['settle', `列入${year}年度协商计划`],
    ]);
    const twice = await t.http().post(`/api/v1/plan-items/${items.key}/start`).set(staff.auth).send({}).expect(409);
    expect(twice.body).toMatchObject({
      code: 'ITEM_STARTED',
      message: `该计划事项已启动为协商议题（编号 ${topic.id}）`,
    });
    await t.http().post(`/api/v1/plan-items/${items.courtyard}/start`).set(host.auth).send({}).expect(403);
    const courtyard = await api(t, staff, 'post', `/plan-items/${items.courtyard}/start`, {});
    // The point's facilitator runs the topic started for their point.
    const meeting = await api(t, host, 'post', `/topics/${courtyard.topic.id}/meetings`, meetingBody(), 201);
    await api(t, host, 'post', `/meetings/${meeting.id}/hold`, { minutes: '议定后期维护办法' });
    await api(
      t,
      host,
      'post',
      `/topics/${courtyard.topic.id}/outcomes`,
      { kind: 'decision', text: '新种绿篱由物业管护' },
      201,
    );
    await api(t, host, 'post', `/topics/${courtyard.topic.id}/resolve`, {});
  });

  it('shows the progress: each item’s step, the counts and the items overdue for their quarter; leaders read it, others may not', async () => {
    const plan = await api(t, leader, 'get', `/plans/${planId}`);
    expect(
      plan.items.map(
        (i: { title: string; stateLabel: string; topic: { statusLabel: string } | null; overdue: boolean }) => [
          i.title,
          i.stateLabel,
          i.topic?.statusLabel ?? null,
          i.overdue,
        ],
      ),
    ).toEqual([
      ['老旧小区改造后的环境维护', '已完成', '解题中', false],
      ['盘活工业低效用地', '进行中', '已定题', true],
      ['优化营商环境', '未启动', null, true],
    ]);
    expect(plan.progress).toEqual({ total: 3, notStarted: 1, underWay: 1, done: 1, overdue: 2, doneRate: 0.3333 });
    const list = await api(t, leader, 'get', `/plans?year=${year}`);
    expect(
      list.items.map((p: { scope: { typeLabel: string }; progress: { total: number } }) => [
        p.scope.typeLabel,
        p.progress.total,
      ]),
    ).toEqual([
      ['全委', 3],
      ['专委会', 0],
    ]);
    expect((await api(t, staff, 'get', `/plans?year=${year + 5}`)).total).toBe(0);
    for (const who of [member, host]) {
      await t.http().get(`/api/v1/plans/${planId}`).set(who.auth).expect(403);
      await t.http().get('/api/v1/plans').set(who.auth).expect(403);
    }
  });
});
