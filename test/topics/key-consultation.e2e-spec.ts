import { Account, topicAccount } from '../support/accounts';
import { api } from '../support/api';
import { startTestApp, TestApp } from '../support/test-app';
import { KEY_CONSULTATION_THEMES as THEMES } from '../support/topics';

/*
 * The seed's 他山之石: a city CPPCC's 重点协商会 on 盘活工业低效用地, run by a committee. Members
 * and the city departments face each other, and 18 recommendations come out under five headings
 * (加强领导，高位推动; 拉网排查，摸清家底; 疏堵结合，因企施策; 强化保障，助力盘活; 源头管控，长效管理).
 */

describe('协商 a key consultation: 盘活工业低效用地, 18 recommendations under 5 themes', () => {
  let t: TestApp;
  let staff: Account;
  let leader: Account;
  let members: Account[];
  let units: { account: Account; name: string }[];
  let committeeId: number;
  let topicId: number;
  let meetingId: number;
  let outcomes: { id: number; unitId: number; order: number }[];

  beforeAll(async () => {
    t = await startTestApp();
    staff = await topicAccount(t, 'staff');
    leader = await topicAccount(t, 'leader');
    members = [await topicAccount(t, 'member'), await topicAccount(t, 'member'), await topicAccount(t, 'member')];
    units = [];
    for (const name of ['市自然资源和规划局', '市发展和改革委员会', '市经济和信息化局', '市财政局', '市税务局']) {
      const unit = await t.make.unit({ name });
      const { token, userId } = await t.signIn(`u${unit.id}-${process.pid % 1000}`, ['unit'], { unitId: unit.id });
      units.push({
        account: { token, userId, memberId: null, unitId: unit.id, auth: { Authorization: `Bearer ${token}` } },
        name,
      });
    }
    committeeId = (await t.ds.query(`SELECT id FROM committees WHERE name = '经济和资源环境委员会'`))[0].id;
  });
  afterAll(() => t.close());

  it('raises and settles the topic; the committee organises it', async () => {
    const raised = await api(
      t,
      staff,
      'post',
      '/topics',
      {
        title: '盘活工业低效用地',
        description: '土地要素是经济社会发展的基础。围绕工业低效用地盘活工作建言献策，助推高质量发展。',
        level: 'city',
        source: 'plan',
        organizer: { type: 'committee', id: Number(committeeId) },
      },
      201,
    );
    topicId = raised.id;
    expect(raised).toMatchObject({
      status: 'raised',
      statusLabel: '已出题',
      level: 'city',
      levelLabel: '市',
      source: 'plan',
      sourceLabel: '年度协商计划',
      organizer: { type: 'committee', typeLabel: '专委会', name: '经济和资源环境委员会' },
      raisedBy: { id: expect.any(Number) },
      published: false,
      meetings: [],
      outcomes: [],
      adoptionRate: null,
      version: 1,
    });
    const settled = await api(t, staff, 'post', `/topics/${topicId}/settle`, { version: 1 });
    expect(settled).toMatchObject({
      status: 'settled',
      statusLabel: '已定题',
      version: 2,
      settledAt: expect.any(String),
    });
  });

  it('holds the 重点协商会: members and departments take part, speak, and the minutes are kept', async () => {
    const meeting = await api(
      t,
      staff,
      'post',
      `/topics/${topicId}/meetings`,
      {
        kind: 'key',
        title: '“盘活工业低效用地”重点协商会',
        startsAt: '2026-05-20T09:00:00+08:00',
        endsAt: '2026-05-20T12:00:00+08:00',
        venue: '市政协常委会议室',
        chair: '陈柏平',
      },
      201,
    );
    meetingId = meeting.id;
    expect(meeting).toMatchObject({
      sequence: 1,
      sequenceLabel: '第1次协商',
      kind: 'key',
      kindLabel: '重点协商会',
      heldAt: null,
      topic: { id: topicId, status: 'settled' },
    });

    const withPeople = await api(
      t,
      staff,
      'post',
      `/meetings/${meetingId}/participants`,
      [
        ...members.map((m) => ({ memberId: m.memberId, side: 'member' })),
        ...units.map((u) => ({ unitId: u.account.unitId, name: '分管副局长', side: 'department' })),
        { name: '李教授', side: 'expert' },
      ],
      201,
    );
    expect(withPeople.participants).toHaveLength(9);
    expect(withPeople.participants[3]).toMatchObject({
      unitId: units[0].account.unitId,
      name: '市自然资源和规划局 分管副局长',
      side: 'department',
      sideLabel: '部门',
      attendance: null,
    });
    expect(withPeople.participants[8]).toMatchObject({ name: '李教授', sideLabel: '专家' });

    const ids = withPeople.participants.map((p: { id: number }) => p.id);
    const attended = await api(
      t,
      staff,
      'post',
      `/meetings/${meetingId}/attendance`,
      ids.map((id: number, i: number) => ({
        participantId: id,
        present: i !== 2,
        ...(i === 2 ? { excused: true } : {}),
      })),
    );
    expect(attended.participants.map((p: { attendanceLabel: string }) => p.attendanceLabel)).toEqual([
      '出席',
      '出席',
      '请假',
      '出席',
      '出席',
      '出席',
      '出席',
      '出席',
      '出席',
    ]);

    await api(
      t,
      staff,
      'post',
      `/meetings/${meetingId}/speeches`,
      { participantId: ids[0], summary: '建议对低效用地实行“一企一策”，分类处置。' },
      201,
    );
    const spoken = await api(
      t,
      staff,
      'post',
      `/meetings/${meetingId}/speeches`,
      { participantId: ids[3], summary: '自然资源部门将开展全市工业用地调查评价。' },
      201,
    );
    expect(spoken.speeches.map((s: { speaker: string }) => s.speaker)).toEqual([
      expect.stringMatching(/^委员/),
      '市自然资源和规划局 分管副局长',
    ]);

    const held = await api(t, staff, 'post', `/meetings/${meetingId}/hold`, {
      minutes: '委员们围绕盘活工业低效用地中存在的问题与市直部门面对面沟通交流，提出18条具体意见建议。',
      version: spoken.version,
    });
    expect(held).toMatchObject({
      heldAt: expect.any(String),
      minutes: expect.stringContaining('18条'),
      topic: { status: 'deliberating', statusLabel: '议题中' },
    });
  });

  it('records 18 recommendations under 5 themes, each with a unit and a due date, grouped in order', async () => {
    outcomes = [];
    let k = 0;
    for (const [theme, texts] of THEMES) {
      for (const text of texts) {
        const unit = units[k % units.length].account;
        const dueAt = `2026-${String(7 + (k % 5)).padStart(2, '0')}-30T17:00:00+08:00`;
        const o = await api(
          t,
          staff,
          'post',
          `/topics/${topicId}/outcomes`,
          { kind: 'recommendation', theme, text, unitId: unit.unitId, dueAt },
          201,
        );
        expect(o).toMatchObject({
          kind: 'recommendation',
          kindLabel: '意见建议',
          theme,
          order: k + 1,
          status: 'open',
          statusLabel: '待办理',
          unit: { id: unit.unitId },
          dueAt: new Date(dueAt).toISOString(),
        });
        outcomes.push({ id: o.id, unitId: unit.unitId!, order: o.order });
        k++;
      }
    }
    const topic = await api(t, leader, 'get', `/topics/${topicId}`);
    expect(topic.outcomes).toHaveLength(18);
    expect(topic.outcomes.map((o: { order: number }) => o.order)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(
      topic.outcomesByTheme.map((g: { theme: string; themeOrder: number; outcomes: unknown[] }) => [
        g.themeOrder,
        g.theme,
        g.outcomes.length,
      ]),
    ).toEqual(THEMES.map(([theme, texts], i) => [i + 1, theme, texts.length]));
    expect(topic.outcomesByTheme[2].outcomes.map((o: { text: string }) => o.text)).toEqual(THEMES[2][1]);
    expect(topic).toMatchObject({
      outcomeCount: 18,
      adoptionRate: 0,
      meetingCount: 1,
      meetings: [{ id: meetingId, sequenceLabel: '第1次协商', participantCount: 9 }],
    });
  });

  it('resolves; each unit reports on its own recommendations, and another unit’s is refused', async () => {
    expect((await api(t, staff, 'post', `/topics/${topicId}/resolve`, {})).status).toBe('resolving');
    const [first] = outcomes;
    const stranger = units.find((u) => u.account.unitId !== first.unitId)!.account;
    const refused = await t
      .http()
      .patch(`/api/v1/outcomes/${first.id}`)
      .set(stranger.auth)
      .send({ status: 'done', feedback: '不是我们的' })
      .expect(403);
    expect(refused.body).toMatchObject({
      code: 'NOT_OUTCOME_UNIT',
      message: '只有该议题的组织方和该项成果的责任单位可以反馈办理情况',
    });

    const early = await t
      .http()
      .post(`/api/v1/topics/${topicId}/evaluations`)
      .set(members[0].auth)
      .send({ score: 5 })
      .expect(409);
    expect(early.body).toMatchObject({ code: 'OUTCOMES_OPEN', message: '还有 18 项协商成果未办结，不能评价' });

    // Four are not adopted (the 4th, 8th, 12th and 16th), with reasons; the others go through 办理中 to 已落实.
    for (const o of outcomes) {
      const unit = units.find((u) => u.account.unitId === o.unitId)!.account;
      if (o.order % 4 === 0) {
        const res = await api(t, unit, 'patch', `/outcomes/${o.id}`, {
          status: 'not_adopted',
          feedback: '受现行政策限制，暂不具备条件',
        });
        expect(res).toMatchObject({ status: 'not_adopted', statusLabel: '未采纳', closedAt: expect.any(String) });
      } else {
        const going = await api(t, unit, 'patch', `/outcomes/${o.id}`, {
          status: 'in_progress',
          feedback: '已制定工作方案',
        });
        const done = await api(t, unit, 'patch', `/outcomes/${o.id}`, {
          status: 'done',
          feedback: '已办结',
          version: going.version,
        });
        expect(done.feedback.map((f: { toStatusLabel: string }) => f.toStatusLabel)).toEqual(['办理中', '已落实']);
      }
    }
    const topic = await api(t, staff, 'get', `/topics/${topicId}`);
    expect(topic.outcomeCounts).toEqual({ open: 0, inProgress: 0, done: 14, notAdopted: 4 });
    expect(topic.adoptionRate).toBe(0.7778);
    expect(topic.status).toBe('resolving');
  });

  it('participants evaluate; the first score closes the topic as 已评题, later ones still count', async () => {
    const first = await api(
      t,
      members[0],
      'post',
      `/topics/${topicId}/evaluations`,
      { score: 5, comment: '部门回应及时，成果落实到位' },
      201,
    );
    expect(first).toMatchObject({
      status: 'evaluated',
      statusLabel: '已评题',
      evaluatedAt: expect.any(String),
      evaluationCount: 1,
      averageScore: 5,
      evaluations: [],
    });
    await api(t, members[1], 'post', `/topics/${topicId}/evaluations`, { score: 4 }, 201);
    const byUnit = await api(t, units[1].account, 'post', `/topics/${topicId}/evaluations`, { score: 3 }, 201);
    expect(byUnit).toMatchObject({ status: 'evaluated', evaluationCount: 3, averageScore: 4 });
    const again = await t
      .http()
      .post(`/api/v1/topics/${topicId}/evaluations`)
      .set(members[0].auth)
      .send({ score: 4 })
      .expect(409);
    expect(again.body.code).toBe('ALREADY_EVALUATED');

    const seen = await api(t, staff, 'get', `/topics/${topicId}`);
    expect(seen.evaluations.map((e: { score: number; comment: string | null }) => [e.score, e.comment])).toEqual([
      [5, '部门回应及时，成果落实到位'],
      [4, null],
      [3, null],
    ]);
  });

  it('keeps the whole story in the topic’s history, and the lists find it by organiser, level and title', async () => {
    const history = await api(t, leader, 'get', `/topics/${topicId}/history`);
    const actions = history.map((h: { action: string }) => h.action);
    expect(actions.slice(0, 8)).toEqual([
      'create',
      'settle',
      'meeting',
      'participants',
      'attendance',
      'speech',
      'speech',
      'hold',
    ]);
    expect(actions.filter((a: string) => a === 'outcome')).toHaveLength(18);
    expect(actions.filter((a: string) => a === 'outcome_update')).toHaveLength(14 * 2 + 4);
    expect(actions.slice(-3)).toEqual(['evaluate', 'evaluate', 'evaluate']);
    expect(history.find((h: { action: string }) => h.action === 'hold')).toMatchObject({
      actionLabel: '召开协商会',
      from: 'settled',
      to: 'deliberating',
      details: { meetingId, sequence: 1 },
    });
    expect(history.at(-3)).toMatchObject({
      actionLabel: '评价',
      from: 'resolving',
      to: 'evaluated',
      details: { score: 5 },
    });

    const listed = await api(
      t,
      leader,
      'get',
      `/topics?organizerType=committee&organizerId=${committeeId}&level=city&q=${encodeURIComponent('低效')}`,
    );
    expect(listed).toMatchObject({
      total: 1,
      items: [{ id: topicId, adoptionRate: 0.7778, outcomeCount: 18, meetingCount: 1, status: 'evaluated' }],
    });
    expect((await api(t, leader, 'get', `/topics?level=community`)).total).toBe(0);

    // Each unit sees the topic through its recommendations; a member through the meeting.
    expect((await api(t, units[4].account, 'get', '/topics')).items.map((i: { id: number }) => i.id)).toEqual([
      topicId,
    ]);
    expect((await api(t, members[2], 'get', `/meetings/${meetingId}`)).participants).toHaveLength(9);
  });
});
