import { Account, facilitator, Facilitator, topicAccount } from '../support/accounts';
import { api } from '../support/api';
import { startTestApp, TestApp } from '../support/test-app';
import { meetingBody } from '../support/topics';

/*
 * The seed's 清水湾社区: a courtyard's parking and property matters, raised by residents and run
 * by the community's facilitator at its consultation point over four 协商议事会 (党员代表, 业主代表,
 * 物业代表 at the table), ending in the decision 停车费由每月580元下调至380元, published for all.
 */

const DECISIONS = [
  '停车费由每月580元下调至380元',
  '临停车在园区内停放调整为可免费停车半小时，超过半小时以每小时2元收费',
  '临停车可停放地下车库调整为临停车仅限地面停车',
  '物业公司整理小区公共部分收益收支台账，在下次会议开始前分发给各方并公示于公示栏',
];

describe('协商 a community topic over four 协商议事会: 停车费由每月580元下调至380元', () => {
  let t: TestApp;
  let host: Facilitator;
  let otherHost: Facilitator;
  let property: Account;
  let resident: Account;
  let topicId: number;
  const meetings: number[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const point = await t.make.point({ name: '清水湾社区协商议事室', district: '金凤区上海西路街道' });
    const { token, userId } = await t.signIn(`wuhm${process.pid % 1000}`, ['facilitator'], { pointId: point.id });
    host = {
      token,
      userId,
      memberId: null,
      unitId: null,
      pointId: point.id,
      auth: { Authorization: `Bearer ${token}` },
    };
    otherHost = await facilitator(t);
    const company = await t.make.unit({ name: '吉泰润园物业服务有限公司', kind: 'enterprise' });
    const signed = await t.signIn(`wy${process.pid % 1000}`, ['unit'], { unitId: company.id });
    property = {
      token: signed.token,
      userId: signed.userId,
      memberId: null,
      unitId: company.id,
      auth: { Authorization: `Bearer ${signed.token}` },
    };
    resident = await topicAccount(t, 'member');
  });
  afterAll(() => t.close());

  it('the facilitator raises the topic for their own point and settles it; not for another point', async () => {
    const body = {
      title: '吉泰润园小区停车收费和公共收益问题',
      description: '居民反映小区停车位收费偏高、临停管理混乱、公共部分收益不透明。',
      level: 'community',
      source: 'public',
      organizer: { type: 'point', id: host.pointId },
    };
    const refused = await t.http().post('/api/v1/topics').set(otherHost.auth).send(body).expect(403);
    expect(refused.body.message).toBe('议事点组织者只能为本协商议事点出题');
    const raised = await api(t, host, 'post', '/topics', body, 201);
    topicId = raised.id;
    expect(raised).toMatchObject({
      status: 'raised',
      levelLabel: '社区',
      sourceLabel: '群众',
      organizer: { type: 'point', typeLabel: '协商议事点', id: host.pointId, name: '清水湾社区协商议事室' },
    });
    expect((await api(t, host, 'post', `/topics/${topicId}/settle`, {})).status).toBe('settled');
  });

  it('holds four 协商议事会, numbered 第1–4次; the first one starts the deliberation', async () => {
    for (let i = 1; i <= 4; i++) {
      const day = String(3 + (i - 1) * 7).padStart(2, '0');
      const m = await api(
        t,
        host,
        'post',
        `/topics/${topicId}/meetings`,
        meetingBody({
          title: `吉泰润园小区居民协商议事会（第${i}次）`,
          startsAt: `2026-03-${day}T19:00:00+08:00`,
          endsAt: `2026-03-${day}T21:00:00+08:00`,
          venue: '吉泰润园小区物业服务中心',
          chair: '吴海明',
        }),
        201,
      );
      expect(m).toMatchObject({
        sequence: i,
        sequenceLabel: `第${i}次协商`,
        kind: 'deliberation',
        kindLabel: '协商议事会',
      });
      meetings.push(m.id);
      const people = await api(
        t,
        host,
        'post',
        `/meetings/${m.id}/participants`,
        [
          { name: '社区党委', side: 'organizer' },
          { name: '张党员', side: 'party_member' },
          { name: '业主代表刘女士', side: 'resident' },
          { unitId: property.unitId, name: '物业经理', side: 'enterprise' },
          ...(i === 4 ? [{ memberId: resident.memberId, side: 'member' }] : []),
        ],
        201,
      );
      expect(people.participants.map((p: { sideLabel: string }) => p.sideLabel).slice(0, 4)).toEqual([
        '组织方/两委',
        '党员代表',
        '居民/群众代表',
        '企业',
      ]);
      await api(
        t,
        host,
        'post',
        `/meetings/${m.id}/speeches`,
        { participantId: people.participants[2].id, summary: '小区停车位收费要参照目前的市场标准，不能乱收费。' },
        201,
      );
      const held = await api(t, host, 'post', `/meetings/${m.id}/hold`, {
        minutes: `第${i}次协商：各方就停车收费、临停管理和公共收益公开深入协商。`,
      });
      expect(held.topic.status).toBe('deliberating');
    }
    const topic = await api(t, host, 'get', `/topics/${topicId}`);
    expect(
      topic.meetings.map((m: { sequenceLabel: string; heldAt: string | null }) => [m.sequenceLabel, m.heldAt !== null]),
    ).toEqual([
      ['第1次协商', true],
      ['第2次协商', true],
      ['第3次协商', true],
      ['第4次协商', true],
    ]);
    const history = await api(t, host, 'get', `/topics/${topicId}/history`);
    expect(
      history
        .filter((h: { action: string }) => h.action === 'hold')
        .map((h: { from: string; to: string }) => `${h.from}→${h.to}`),
    ).toEqual([
      'settled→deliberating',
      'deliberating→deliberating',
      'deliberating→deliberating',
      'deliberating→deliberating',
    ]);
  });

  it('records the decisions of the fourth meeting, resolves and publishes them', async () => {
    for (const text of DECISIONS) {
      const o = await api(
        t,
        host,
        'post',
        `/topics/${topicId}/outcomes`,
        { kind: 'decision', text, unitId: property.unitId, dueAt: '2026-04-30T17:00:00+08:00' },
        201,
      );
      expect(o).toMatchObject({
        kind: 'decision',
        kindLabel: '共识',
        theme: null,
        themeOrder: 1,
        unit: { name: '吉泰润园物业服务有限公司' },
      });
    }
    const early = await t.http().post(`/api/v1/topics/${topicId}/resolve`).set(otherHost.auth).send({}).expect(403);
    expect(early.body.message).toBe('该协商议题不由您所在的协商议事点组织');
    expect((await api(t, host, 'post', `/topics/${topicId}/resolve`, {})).status).toBe('resolving');

    // Before publication an unrelated member does not see it.
    const stranger = await topicAccount(t, 'member');
    await t.http().get(`/api/v1/topics/${topicId}`).set(stranger.auth).expect(404);
    const published = await api(t, host, 'post', `/topics/${topicId}/publish`, {});
    expect(published).toMatchObject({ published: true, publishedAt: expect.any(String), status: 'resolving' });
    expect(published.outcomes.map((o: { text: string }) => o.text)).toEqual(DECISIONS);
    expect(published.outcomes[0].text).toBe('停车费由每月580元下调至380元');
    const again = await t.http().post(`/api/v1/topics/${topicId}/publish`).set(host.auth).send({}).expect(409);
    expect(again.body.code).toBe('ALREADY_PUBLISHED');

    const seen = await api(t, stranger, 'get', `/topics/${topicId}`);
    expect(seen).toMatchObject({ published: true, evaluations: [] });
    expect((await api(t, stranger, 'get', '/topics')).items.map((i: { id: number }) => i.id)).toContain(topicId);
  });

  it('the property company reports on the fee; the adoption rate follows, and the member at the 4th meeting rates it', async () => {
    const topic = await api(t, property, 'get', `/topics/${topicId}`);
    const [fee, ...rest] = topic.outcomes;
    const done = await api(t, property, 'patch', `/outcomes/${fee.id}`, {
      status: 'done',
      feedback: '自2026年5月起按每月380元收取',
      version: fee.version,
    });
    expect(done).toMatchObject({
      status: 'done',
      statusLabel: '已落实',
      feedback: [{ fromStatus: 'open', toStatus: 'done', text: '自2026年5月起按每月380元收取' }],
    });
    expect((await api(t, host, 'get', `/topics/${topicId}`)).adoptionRate).toBe(0.25);
    for (const o of rest) await api(t, property, 'patch', `/outcomes/${o.id}`, { status: 'done', feedback: '已落实' });
    const rated = await api(
      t,
      resident,
      'post',
      `/topics/${topicId}/evaluations`,
      { score: 5, comment: '大家的事大家作主' },
      201,
    );
    expect(rated).toMatchObject({ status: 'evaluated', adoptionRate: 1, evaluationCount: 1 });
  });

  it('another point’s facilitator neither sees nor touches the topic', async () => {
    await t.http().get(`/api/v1/topics/${topicId}`).set(otherHost.auth).expect(404);
    await t.http().get(`/api/v1/topics/${topicId}/history`).set(otherHost.auth).expect(404);
    await t.http().get(`/api/v1/meetings/${meetings[0]}`).set(otherHost.auth).expect(404);
    expect((await api(t, otherHost, 'get', '/topics')).total).toBe(0);
    expect((await api(t, host, 'get', '/topics')).items.map((i: { id: number }) => i.id)).toEqual([topicId]);
  });
});
