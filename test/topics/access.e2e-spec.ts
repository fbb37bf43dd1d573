import { AuditEntry } from '../../src/audit/audit.entities';
import { Meeting, MeetingParticipant, Outcome, Topic, TopicEvaluation } from '../../src/topics/topic.entities';
import { Account, facilitator, Facilitator, topicAccount } from '../support/accounts';
import { api } from '../support/api';
import { startTestApp, TestApp } from '../support/test-app';
import {
  meetingBody,
  raise,
  topicAt,
  topicBody,
  topicCast,
  TopicCast,
  TopicFixture,
  TopicStage,
} from '../support/topics';

const LABELS: Record<TopicStage, string> = {
  raised: '已出题',
  settled: '已定题',
  declined: '不予定题',
  deliberating: '议题中',
  resolving: '解题中',
  evaluated: '已评题',
};
const STAGES = Object.keys(LABELS) as TopicStage[];
const DAY = 86_400_000;

describe('协商 wrong step, wrong person, bad input, scoping', () => {
  let t: TestApp;
  let c: TopicCast;
  let other: Facilitator;
  /** One topic of c.facilitator's point in each stage; the evaluated one has a meeting never held. */
  const at = {} as Record<TopicStage, TopicFixture>;

  beforeAll(async () => {
    t = await startTestApp();
    c = await topicCast(t);
    other = await facilitator(t);
    for (const stage of STAGES) at[stage] = await topicAt(t, c, stage, { spareMeeting: stage === 'evaluated' });
  });
  afterAll(() => t.close());

  const topicRow = (id: number) => t.ds.getRepository(Topic).findOneByOrFail({ id });
  const auditCount = (id: number) =>
    t.ds.getRepository(AuditEntry).countBy({ entityType: 'topic', entityId: String(id) });
  /** The topic's row and audit trail, to show a refused request changed neither. */
  const snapshot = async (id: number) => ({ row: await topicRow(id), audit: await auditCount(id) });
  const send = (who: Account, method: 'post' | 'patch', path: string, body: unknown) => {
    const http = t.http();
    return http[method](`/api/v1${path}`)
      .set(who.auth)
      .send(body as object);
  };

  /** Each step by someone who may take it, in every stage they can see but the step does not allow. */
  const ACTIONS: {
    name: string;
    who: () => Account;
    method?: 'patch';
    path: (f: TopicFixture) => string;
    body: () => unknown;
    verb: string;
    allowedIn: TopicStage[];
    sees?: TopicStage[];
  }[] = [
    {
      name: 'settle',
      who: () => c.facilitator,
      path: (f) => `/topics/${f.id}/settle`,
      body: () => ({}),
      verb: '定题',
      allowedIn: ['raised'],
    },
    {
      name: 'decline',
      who: () => c.facilitator,
      path: (f) => `/topics/${f.id}/decline`,
      body: () => ({ reason: '不属于协商范围' }),
      verb: '作不予定题处理',
      allowedIn: ['raised'],
    },
    {
      name: 'meetings',
      who: () => c.facilitator,
      path: (f) => `/topics/${f.id}/meetings`,
      body: () => meetingBody(),
      verb: '安排协商会',
      allowedIn: ['settled', 'deliberating', 'resolving'],
    },
    {
      name: 'outcomes',
      who: () => c.facilitator,
      path: (f) => `/topics/${f.id}/outcomes`,
      body: () => ({ kind: 'decision', text: '增设电动自行车充电桩' }),
      verb: '添加协商成果',
      allowedIn: ['settled', 'deliberating', 'resolving'],
    },
    {
      name: 'resolve',
      who: () => c.facilitator,
      path: (f) => `/topics/${f.id}/resolve`,
      body: () => ({}),
      verb: '确认解题',
      allowedIn: ['deliberating'],
    },
    {
      name: 'publish',
      who: () => c.facilitator,
      path: (f) => `/topics/${f.id}/publish`,
      body: () => ({}),
      verb: '公开协商成果',
      allowedIn: ['deliberating', 'resolving', 'evaluated'],
    },
    {
      name: 'close',
      who: () => c.staff,
      path: (f) => `/topics/${f.id}/close`,
      body: () => ({}),
      verb: '结束评题',
      allowedIn: ['resolving'],
    },
    // The member takes part from the first meeting on: before that the topic is not theirs to see.
    {
      name: 'evaluations',
      who: () => c.member,
      path: (f) => `/topics/${f.id}/evaluations`,
      body: () => ({ score: 4 }),
      verb: '评价',
      allowedIn: ['resolving', 'evaluated'],
      sees: ['deliberating', 'resolving', 'evaluated'],
    },
    {
      name: 'outcome update',
      who: () => c.unit,
      method: 'patch',
      path: (f) => `/outcomes/${f.outcomeId}`,
      body: () => ({ status: 'in_progress', feedback: '办理中' }),
      verb: '反馈成果办理情况',
      allowedIn: ['deliberating', 'resolving'],
      sees: ['deliberating', 'resolving', 'evaluated'],
    },
    {
      name: 'participants',
      who: () => c.facilitator,
      path: (f) => `/meetings/${f.spareMeetingId}/participants`,
      body: () => [{ name: '居民代表', side: 'resident' }],
      verb: '登记协商会情况',
      allowedIn: [],
      sees: ['evaluated'],
    },
    {
      name: 'attendance',
      who: () => c.facilitator,
      path: (f) => `/meetings/${f.spareMeetingId}/attendance`,
      body: () => [{ participantId: 1, present: true }],
      verb: '登记协商会情况',
      allowedIn: [],
      sees: ['evaluated'],
    },
    {
      name: 'speeches',
      who: () => c.facilitator,
      path: (f) => `/meetings/${f.spareMeetingId}/speeches`,
      body: () => ({ participantId: 1, summary: '发言' }),
      verb: '登记协商会情况',
      allowedIn: [],
      sees: ['evaluated'],
    },
    {
      name: 'hold',
      who: () => c.facilitator,
      path: (f) => `/meetings/${f.spareMeetingId}/hold`,
      body: () => ({ minutes: '纪要' }),
      verb: '召开协商会',
      allowedIn: [],
      sees: ['evaluated'],
    },
  ];
  const wrongStep = ACTIONS.flatMap((a) =>
    STAGES.filter((s) => (a.sees ?? STAGES).includes(s) && !a.allowedIn.includes(s)).map(
      (s) => [`${a.name} ${a.verb}`, s, a] as const,
    ),
  );

  it.each(wrongStep)('%s in stage %s is a 409 naming the step, and changes nothing', async (_, stage, a) => {
    const f = at[stage];
    const before = await snapshot(f.id);
    const res = await send(a.who(), a.method ?? 'post', a.path(f), a.body()).expect(409);
    expect(res.body).toEqual({
      statusCode: 409,
      code: 'TOPIC_WRONG_STATE',
      message: `协商议题当前为“${LABELS[stage]}”，不能${a.verb}`,
    });
    expect(await snapshot(f.id)).toEqual(before);
  });

  it('another point’s facilitator: 404 to read, 403 to act, and not in their list', async () => {
    const f = at.resolving;
    for (const path of [`/topics/${f.id}`, `/topics/${f.id}/history`, `/meetings/${f.meetingId}`])
      await t.http().get(`/api/v1${path}`).set(other.auth).expect(404);
    const before = await snapshot(f.id);
    const steps: [string, 'post' | 'patch', unknown][] = [
      [`/topics/${at.raised.id}/settle`, 'post', {}],
      [`/topics/${f.id}/meetings`, 'post', meetingBody()],
      [`/meetings/${f.meetingId}/participants`, 'post', [{ name: '居民', side: 'resident' }]],
      [`/topics/${f.id}/outcomes`, 'post', { kind: 'decision', text: '文字' }],
      [`/outcomes/${f.outcomeId}`, 'patch', { status: 'done', feedback: '完成' }],
      [`/topics/${f.id}/publish`, 'post', {}],
    ];
    for (const [path, method, body] of steps) {
      const res = await send(other, method, path, body);
      expect({ path, status: res.status, message: res.body.message }).toEqual({
        path,
        status: 403,
        message: '该协商议题不由您所在的协商议事点组织',
      });
    }
    expect(await snapshot(f.id)).toEqual(before);
    expect((await api(t, other, 'get', '/topics')).total).toBe(0);
    for (const organizer of [
      { type: 'point', id: c.facilitator.pointId },
      { type: 'committee', id: c.committeeId },
    ]) {
      expect((await send(other, 'post', '/topics', topicBody(organizer as never)).expect(403)).body.message).toBe(
        '议事点组织者只能为本协商议事点出题',
      );
    }
  });

  it('an outcome belongs to its unit: another unit gets 403, and nothing changes', async () => {
    const f = at.resolving;
    const outcome = await t.ds.getRepository(Outcome).findOneByOrFail({ id: f.outcomeId! });
    const res = await send(c.unit2, 'patch', `/outcomes/${f.outcomeId}`, { status: 'done', feedback: '已完成' }).expect(
      403,
    );
    expect(res.body).toMatchObject({ statusCode: 403, message: '您无权操作该协商议题' });
    expect(await t.ds.getRepository(Outcome).findOneByOrFail({ id: f.outcomeId! })).toEqual(outcome);
    // A second unit with an outcome of its own on the topic reads it, but still may not report on the first unit's.
    await api(
      t,
      c.facilitator,
      'post',
      `/topics/${f.id}/outcomes`,
      { kind: 'recommendation', text: '完善充电设施', unitId: c.unit2.unitId },
      201,
    );
    expect(
      (await send(c.unit2, 'patch', `/outcomes/${f.outcomeId}`, { status: 'done', feedback: '已完成' }).expect(403))
        .body.code,
    ).toBe('NOT_OUTCOME_UNIT');
    await t.http().patch(`/api/v1/outcomes/${f.outcomeId}`).set(c.member.auth).send({ status: 'done' }).expect(403);
  });

  it('a meeting ending before (or when) it starts is a 400 and no meeting is written', async () => {
    const f = at.deliberating;
    const before = {
      ...(await snapshot(f.id)),
      meetings: await t.ds.getRepository(Meeting).countBy({ topicId: f.id }),
    };
    for (const endsAt of ['2026-06-18T08:59:00+08:00', '2026-06-18T09:00:00+08:00']) {
      const res = await send(
        c.facilitator,
        'post',
        `/topics/${f.id}/meetings`,
        meetingBody({ startsAt: '2026-06-18T09:00:00+08:00', endsAt }),
      ).expect(400);
      expect(res.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: '结束时间须晚于开始时间',
        details: { fields: { endsAt: ['结束时间须晚于开始时间'] } },
      });
    }
    const local = await send(
      c.facilitator,
      'post',
      `/topics/${f.id}/meetings`,
      meetingBody({ startsAt: '2026-06-18 09:00' }),
    ).expect(400);
    expect(local.body.details.fields.startsAt[0]).toMatch(/带时区/);
    expect({
      ...(await snapshot(f.id)),
      meetings: await t.ds.getRepository(Meeting).countBy({ topicId: f.id }),
    }).toEqual(before);
  });

  it('no outcome on a declined or raised topic: 409 naming the step, none written', async () => {
    for (const stage of ['declined', 'raised'] as const) {
      const res = await send(c.staff, 'post', `/topics/${at[stage].id}/outcomes`, {
        kind: 'recommendation',
        text: '建议',
      }).expect(409);
      expect(res.body.message).toBe(`协商议题当前为“${LABELS[stage]}”，不能添加协商成果`);
      expect(await t.ds.getRepository(Outcome).countBy({ topicId: at[stage].id })).toBe(0);
    }
    expect((await api(t, c.staff, 'get', `/topics/${at.declined.id}`)).declineReason).toBe(
      '属于物业合同纠纷，建议通过法律途径解决',
    );
  });

  it('a score of 0 or 6 (or 2.5) is a 400, and no evaluation is written', async () => {
    const f = await topicAt(t, c, 'resolving');
    await api(t, c.unit, 'patch', `/outcomes/${f.outcomeId}`, { status: 'done', feedback: '已完成' });
    const before = await snapshot(f.id);
    for (const score of [0, 6]) {
      const res = await send(c.member, 'post', `/topics/${f.id}/evaluations`, { score }).expect(400);
      expect(res.body).toEqual({ statusCode: 400, code: 'SCORE_RANGE', message: '评分须为 1–5 的整数' });
    }
    expect(
      (await send(c.member, 'post', `/topics/${f.id}/evaluations`, { score: 2.5 }).expect(400)).body.details.fields
        .score,
    ).toEqual(['评分须为 1–5 的整数']);
    expect(await t.ds.getRepository(TopicEvaluation).countBy({ topicId: f.id })).toBe(0);
    expect(await snapshot(f.id)).toEqual(before);
    // Someone who reads the topic but took no part may not rate it.
    await api(t, c.facilitator, 'post', `/topics/${f.id}/publish`, {});
    expect((await send(c.member2, 'post', `/topics/${f.id}/evaluations`, { score: 3 }).expect(403)).body.code).toBe(
      'NOT_PARTICIPANT',
    );
  });

  it('participants with one bad entry: 400 naming the entry, none written', async () => {
    const f = at.deliberating;
    const count = () => t.ds.getRepository(MeetingParticipant).countBy({ meetingId: f.meetingId! });
    const before = { ...(await snapshot(f.id)), participants: await count() };
    const cases: [unknown, string, RegExp][] = [
      [
        [
          { memberId: c.member2.memberId, side: 'member' },
          { memberId: 999999, side: 'member' },
        ],
        '1.memberId',
        /^委员（编号 999999）不存在或已停用$/,
      ],
      [[{ memberId: c.member.memberId, side: 'member' }], '0.memberId', /已在参会名单中$/],
      [[{ name: '居民', side: 'resident' }, { side: 'resident' }], '1.name', /^请填写委员、单位或参会人姓名$/],
      [[{ name: '居民', side: 'landlord' }], '0.side', /^参会身份须为/],
      [[{ name: '居民', side: 'resident', phone: '123' }], '0.phone', /^不允许的字段$/],
      [[], 'body', /^请提交参会人员列表$/],
    ];
    for (const [body, field, message] of cases) {
      const res = await send(c.facilitator, 'post', `/meetings/${f.meetingId}/participants`, body).expect(400);
      expect(res.body.details.fields[field]).toEqual([expect.stringMatching(message)]);
    }
    expect({ ...(await snapshot(f.id)), participants: await count() }).toEqual(before);
  });

  it('attendance for someone not at the meeting records none of the list', async () => {
    const f = at.deliberating;
    const [mine] = await t.ds.getRepository(MeetingParticipant).findBy({ meetingId: f.meetingId! });
    const foreign = (await t.ds.getRepository(MeetingParticipant).findBy({ meetingId: at.resolving.meetingId! }))[0];
    const res = await send(c.facilitator, 'post', `/meetings/${f.meetingId}/attendance`, [
      { participantId: mine.id, present: true },
      { participantId: foreign.id, present: false },
    ]).expect(400);
    expect(res.body.details.fields['1.participantId']).toEqual([`参会人员（编号 ${foreign.id}）不在本次会议名单中`]);
    expect(
      (
        await send(c.facilitator, 'post', `/meetings/${f.meetingId}/attendance`, [
          { participantId: mine.id, present: true, excused: true },
        ]).expect(400)
      ).body.details.fields['0.excused'],
    ).toEqual(['已出席的人员不能同时请假']);
    expect((await t.ds.getRepository(MeetingParticipant).findOneByOrFail({ id: mine.id })).attendance).toBeNull();
  });

  it('holding needs minutes, and a meeting is held once', async () => {
    const f = await topicAt(t, c, 'settled');
    const m = await api(t, c.facilitator, 'post', `/topics/${f.id}/meetings`, meetingBody(), 201);
    const res = await send(c.facilitator, 'post', `/meetings/${m.id}/hold`, { minutes: '  ' }).expect(400);
    expect(res.body).toMatchObject({ code: 'MINUTES_REQUIRED', message: '请填写会议纪要' });
    expect((await topicRow(f.id)).status).toBe('settled');
    expect((await t.ds.getRepository(Meeting).findOneByOrFail({ id: m.id })).heldAt).toBeNull();
    await api(t, c.facilitator, 'post', `/meetings/${m.id}/hold`, { minutes: '已召开' });
    expect(
      (await send(c.facilitator, 'post', `/meetings/${m.id}/hold`, { minutes: '再次' }).expect(409)).body.code,
    ).toBe('MEETING_HELD');
  });

  it('declining needs a reason', async () => {
    const id = await raise(t, c.facilitator, { type: 'point', id: c.facilitator.pointId });
    expect((await send(c.facilitator, 'post', `/topics/${id}/decline`, {}).expect(400)).body).toMatchObject({
      code: 'REASON_REQUIRED',
      message: '不予定题须说明理由',
    });
    expect((await topicRow(id)).status).toBe('raised');
  });

  it('an outcome moves forward only, and not adopted needs a reason', async () => {
    const f = await topicAt(t, c, 'resolving');
    expect(
      (await send(c.unit, 'patch', `/outcomes/${f.outcomeId}`, { status: 'not_adopted' }).expect(400)).body.message,
    ).toBe('未采纳须说明理由');
    await api(t, c.unit, 'patch', `/outcomes/${f.outcomeId}`, { status: 'done', feedback: '已完成' });
    const closed = await send(c.unit, 'patch', `/outcomes/${f.outcomeId}`, {
      status: 'in_progress',
      feedback: '重新打开',
    }).expect(409);
    expect(closed.body).toMatchObject({
      code: 'OUTCOME_CLOSED',
      message: '该项协商成果当前为“已落实”，已办结，不能再更改',
    });
  });

  it('a stale version is a 409 and writes nothing: topic, meeting and outcome', async () => {
    const f = await topicAt(t, c, 'resolving');
    const row = await topicRow(f.id);
    const outcome = await t.ds.getRepository(Outcome).findOneByOrFail({ id: f.outcomeId! });
    const before = await snapshot(f.id);
    const stale = [
      send(c.facilitator, 'post', `/topics/${f.id}/publish`, { version: row.version - 1 }),
      send(c.unit, 'patch', `/outcomes/${f.outcomeId}`, {
        status: 'done',
        feedback: '完成',
        version: outcome.version + 1,
      }),
      send(c.facilitator, 'post', `/meetings/${f.meetingId}/speeches`, {
        participantId: 1,
        summary: '发言',
        version: 0,
      }),
    ];
    for (const res of await Promise.all(stale))
      expect(res.body).toEqual({ statusCode: 409, code: 'STALE_VERSION', message: '该记录已被他人修改，请刷新后重试' });
    expect(await snapshot(f.id)).toEqual(before);
    expect((await api(t, c.facilitator, 'post', `/topics/${f.id}/publish`, { version: row.version })).version).toBe(
      row.version + 1,
    );
  });

  it('unknown fields and bad enumerations are 400 in Chinese', async () => {
    const organizer = { type: 'point', id: c.facilitator.pointId };
    const cases: [object, string][] = [
      [topicBody(organizer as never, { status: 'settled' }), 'status'],
      [topicBody({ ...organizer, name: '别处' } as never), 'organizer.name'],
      [topicBody(organizer as never, { level: 'province' }), 'level'],
      [topicBody(organizer as never, { responsePolicy: '123' }), 'responsePolicy'],
      [topicBody({ type: 'committee', id: 999999 }), 'organizer.id'],
    ];
    for (const [body, field] of cases) {
      const res = await send(c.staff, 'post', '/topics', body).expect(400);
      expect(res.body.details.fields[field]?.[0]).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('staff close 评题 after the evaluation period when no one rates', async () => {
    const recent = await topicAt(t, c, 'resolving');
    await api(t, c.unit, 'patch', `/outcomes/${recent.outcomeId}`, { status: 'done', feedback: '已完成' });
    const early = await send(c.staff, 'post', `/topics/${recent.id}/close`, {}).expect(409);
    expect(early.body).toMatchObject({
      code: 'EVALUATION_PERIOD',
      message: '解题后 15 天内由参会人员评价，期满后才能结束评题',
    });
    // Resolved 15 days and a minute ago (the sign-ins stay valid: time runs back, not on).
    t.clock.advance(-(15 * DAY + 60_000));
    let old: TopicFixture;
    try {
      old = await topicAt(t, c, 'resolving');
      await api(t, c.unit, 'patch', `/outcomes/${old.outcomeId}`, { status: 'done', feedback: '已完成' });
    } finally {
      t.clock.reset();
    }
    await send(c.facilitator, 'post', `/topics/${old.id}/close`, {}).expect(403);
    const closed = await api(t, c.staff, 'post', `/topics/${old.id}/close`, {});
    expect(closed).toMatchObject({ status: 'evaluated', evaluationCount: 0, evaluatedAt: expect.any(String) });
    expect((await api(t, c.staff, 'get', `/topics/${old.id}/history`)).at(-1)).toMatchObject({
      action: 'close',
      actionLabel: '结束评题',
      from: 'resolving',
      to: 'evaluated',
    });
  });

  it('scoping: members see what they raised, take part in or is published; units what concerns them; leaders all', async () => {
    const raiser = await topicAccount(t, 'member');
    const own = await raise(t, raiser, { type: 'committee', id: c.committeeId }, { level: 'city', source: 'member' });
    const raiserSees = (await api(t, raiser, 'get', '/topics?pageSize=100')).items.map((i: { id: number }) => i.id);
    expect(raiserSees).toContain(own);
    expect(raiserSees).not.toEqual(expect.arrayContaining([at.raised.id, at.settled.id, at.deliberating.id]));
    await t.http().get(`/api/v1/topics/${own}`).set(c.member2.auth).expect(404);
    await t.http().get(`/api/v1/topics/${at.raised.id}`).set(c.member.auth).expect(404);
    const memberSees = (await api(t, c.member, 'get', '/topics?pageSize=100')).items.map((i: { id: number }) => i.id);
    expect(memberSees).toEqual(expect.arrayContaining([at.deliberating.id, at.resolving.id, at.evaluated.id]));
    expect(memberSees).not.toContain(at.settled.id);
    const unitSees = (await api(t, c.unit, 'get', '/topics?pageSize=100')).items.map((i: { id: number }) => i.id);
    expect(unitSees).toEqual(expect.arrayContaining([at.deliberating.id, at.resolving.id, at.evaluated.id]));
    expect(unitSees).not.toContain(own);
    await t.http().get(`/api/v1/topics/${own}`).set(c.unit.auth).expect(404);
    const all = await api(t, c.leader, 'get', '/topics?pageSize=100');
    expect(all.items.map((i: { id: number }) => i.id)).toEqual(
      expect.arrayContaining([own, ...STAGES.map((s) => at[s].id)]),
    );
    expect((await api(t, c.leader, 'get', '/topics?status=declined')).items.map((i: { id: number }) => i.id)).toEqual([
      at.declined.id,
    ]);
    // The member who raised a topic may not settle it, and a leader reads but does not act.
    await send(raiser, 'post', `/topics/${own}/settle`, {}).expect(403);
    await send(c.leader, 'post', `/topics/${own}/settle`, {}).expect(403);
    // Each person's score is shown to the organiser and leaders only; a participant sees the count and the average.
    expect((await api(t, c.member, 'get', `/topics/${at.evaluated.id}`)).evaluations).toEqual([]);
    expect((await api(t, c.facilitator, 'get', `/topics/${at.evaluated.id}`)).evaluations).toEqual([
      expect.objectContaining({ score: 5, by: { id: c.member.userId, displayName: expect.any(String) } }),
    ]);
  });
});
