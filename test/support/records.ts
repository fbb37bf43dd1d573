import { Account, cast, Cast } from './accounts';
import { api } from './api';
import { draft, draftBody, proposalAt } from './proposals';
import { TestApp } from './test-app';

/** The seeded year's "now": every stamp the services set (立案, outcomes closed) falls in 2026 whenever the suite runs. */
export const SEEDED_NOW = Date.parse('2026-11-20T10:00:00+08:00');

export interface SeededYear {
  c: Cast;
  /** The member whose 2026 is counted by hand below. */
  a: Account;
  /** Leads P6 (co-signed by A) and co-signs P2. */
  co: Account;
  /** A member with nothing in 2026. */
  idle: Account;
  proposals: Record<'p1' | 'p2' | 'p3' | 'p6' | 'p2025', number>;
  meetings: Record<'m1' | 'm2' | 'm3' | 'm5' | 'm6' | 'm2025', number>;
  visits: Record<'v1' | 'v2' | 'v3' | 'v4' | 'v5' | 'v6' | 'v2025', number>;
  topicId: number;
  outcomeDone: number;
}

const at = (day: string, hour = 9) => `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;

/**
 * A year to count by hand (year 2026; the clock is moved to SEEDED_NOW first):
 * proposals of A in session 2026 — P1 led, accepted, assigned, key and excellent; P2 led, joint with CO,
 * accepted; P3 led, only submitted; a draft (never counted); P6 led by CO, co-signed by A, accepted;
 * and P2025 led and accepted in a 2025 session (not this year's).
 * Meetings of a committee's topic with A asked: M1 present + one speech, M2 请假, M3 absent, M5 (重点协商会)
 * absent, M6 not recorded; M2025 (December 2025) present. A raised a topic whose two outcomes are one
 * done (已落实, adopted) and one in progress.
 * Visits of the committee with A invited: V1 (调研, March, CO invited too) A and CO 参加; V2 (视察, May) A 请假;
 * V3 (走访, July) A 参加; V4 (调研, September) A never answered — all four completed; V5 (December) still
 * planned and V6 (August) cancelled, A having accepted both (neither counts); V2025 (November 2025) A 参加.
 */
export async function seedYear(t: TestApp): Promise<SeededYear> {
  t.clock.advance(SEEDED_NOW - t.clock.now().getTime());
  const s2026 = await t.make.session({ opensAt: new Date(at('2025-12-01')), closesAt: new Date(at('2026-03-01')) });
  const s2025 = await t.make.session({ opensAt: new Date(at('2024-12-01')), closesAt: new Date(at('2025-03-01')) });
  const c: Cast = { ...(await cast(t)), sessionId: s2026.id };
  const { lead: a, co1: co, co2: idle, staff, leader } = c;

  const p1 = await proposalAt(t, c, 'assigned', { draft: { title: '关于建设城市社区嵌入式养老服务设施的建议' } });
  await api(t, leader, 'post', `/proposals/${p1}/key`, {});
  await api(t, staff, 'post', `/proposals/${p1}/excellent`, {});
  const p2 = (
    await t
      .http()
      .post('/api/v1/proposals')
      .set(a.auth)
      .send(
        draftBody(s2026.id, { kind: 'joint', title: '关于加强黄河湿地保护的建议', coSignerMemberIds: [co.memberId] }),
      )
      .expect(201)
  ).body.id as number;
  await api(t, co, 'post', `/proposals/${p2}/cosign`, {});
  await api(t, a, 'post', `/proposals/${p2}/submit`, {});
  await api(t, staff, 'post', `/proposals/${p2}/review`, { decision: 'accept' });
  const p3 = await proposalAt(t, c, 'submitted');
  await draft(t, a, s2026.id);
  const p6 = (
    await t
      .http()
      .post('/api/v1/proposals')
      .set(co.auth)
      .send(
        draftBody(s2026.id, { kind: 'joint', title: '关于完善农村客运网络的建议', coSignerMemberIds: [a.memberId] }),
      )
      .expect(201)
  ).body.id as number;
  await api(t, a, 'post', `/proposals/${p6}/cosign`, {});
  await api(t, co, 'post', `/proposals/${p6}/submit`, {});
  await api(t, staff, 'post', `/proposals/${p6}/review`, { decision: 'accept' });
  const p2025 = await proposalAt(t, { ...c, sessionId: s2025.id }, 'accepted');

  const committeeId = (await t.make.committee()).id;
  const topicId = (
    await api(
      t,
      staff,
      'post',
      '/topics',
      {
        title: '关于推进“15分钟便民生活圈”建设的协商',
        description: '年度重点协商议题',
        level: 'city',
        source: 'plan',
        organizer: { type: 'committee', id: committeeId },
      },
      201,
    )
  ).id as number;
  await api(t, staff, 'post', `/topics/${topicId}/settle`, {});
  const meeting = async (
    title: string,
    day: string,
    kind = 'thematic',
    attendance?: { present: boolean; excused?: boolean },
    speech?: string,
  ) => {
    const id = (
      await api(
        t,
        staff,
        'post',
        `/topics/${topicId}/meetings`,
        { kind, title, startsAt: at(day), endsAt: at(day, 11), venue: '市政协三楼会议室', chair: '马国庆' },
        201,
      )
    ).id as number;
    const m = await api(
      t,
      staff,
      'post',
      `/meetings/${id}/participants`,
      [
        { memberId: a.memberId, side: 'member' },
        { memberId: co.memberId, side: 'member' },
      ],
      201,
    );
    const mine = (m.participants as Array<{ id: number; memberId: number | null }>).find(
      (p) => p.memberId === a.memberId,
    )!;
    if (attendance)
      await api(t, staff, 'post', `/meetings/${id}/attendance`, [{ participantId: mine.id, ...attendance }]);
    if (speech)
      await api(t, staff, 'post', `/meetings/${id}/speeches`, { participantId: mine.id, summary: speech }, 201);
    return id;
  };
  const meetings = {
    m2025: await meeting('2025年第四季度专题协商会', '2025-12-10', 'thematic', { present: true }),
    m1: await meeting(
      '便民生活圈专题协商会',
      '2026-04-16',
      'thematic',
      { present: true },
      '建议统筹布局社区菜市场和快递驿站',
    ),
    m2: await meeting('便民生活圈对口协商会', '2026-05-20', 'counterpart', { present: false, excused: true }),
    m3: await meeting('便民生活圈界别协商会', '2026-06-18', 'sector', { present: false }),
    m5: await meeting('年度重点协商会', '2026-09-10', 'key', { present: false }),
    m6: await meeting('便民生活圈回头看座谈会', '2026-10-15', 'other'),
  };

  const raised = (
    await api(
      t,
      a,
      'post',
      '/topics',
      {
        title: '关于老旧小区停车难的协商',
        description: '小区停车位少，请求协商解决。',
        level: 'community',
        source: 'member',
        organizer: { type: 'committee', id: committeeId },
      },
      201,
    )
  ).id as number;
  await api(t, staff, 'post', `/topics/${raised}/settle`, {});
  const outcomeDone = (
    await api(
      t,
      staff,
      'post',
      `/topics/${raised}/outcomes`,
      { kind: 'decision', text: '利用闲置地块新增停车位120个' },
      201,
    )
  ).id as number;
  const outcomeOpen = (
    await api(
      t,
      staff,
      'post',
      `/topics/${raised}/outcomes`,
      { kind: 'recommendation', theme: '加强管理', text: '推行错时共享停车' },
      201,
    )
  ).id as number;
  await api(t, staff, 'patch', `/outcomes/${outcomeDone}`, { status: 'done', feedback: '已建成投用' });
  await api(t, staff, 'patch', `/outcomes/${outcomeOpen}`, { status: 'in_progress', feedback: '正在试点' });

  const visit = async (
    kind: string,
    title: string,
    day: string,
    invited: Array<{ who: Account; answer?: 'accept' | 'decline' }>,
    end: 'complete' | 'cancel' | null,
  ) => {
    const v = await api(
      t,
      staff,
      'post',
      '/visits',
      {
        kind,
        title,
        purpose: '了解情况，提出意见建议。',
        organizer: { type: 'committee', id: committeeId },
        startsAt: at(day, 14),
        endsAt: at(day, 17),
        stops: [],
        participantMemberIds: invited.map((i) => i.who.memberId),
        allowConflicts: true,
      },
      201,
    );
    for (const i of invited)
      if (i.answer)
        await api(
          t,
          i.who,
          'post',
          `/visits/${v.id}/rsvp`,
          i.answer === 'accept' ? { answer: 'accept' } : { answer: 'decline', reason: '外出学习' },
        );
    if (end) await api(t, staff, 'post', `/visits/${v.id}/${end}`, {});
    return v.id as number;
  };
  const visits = {
    v2025: await visit('research', '2025年冬季供暖保障调研', '2025-11-10', [{ who: a, answer: 'accept' }], 'complete'),
    v1: await visit(
      'research',
      '农村饮水安全专题调研',
      '2026-03-10',
      [
        { who: a, answer: 'accept' },
        { who: co, answer: 'accept' },
      ],
      'complete',
    ),
    v2: await visit('inspection', '黄河滩区生态治理视察', '2026-05-12', [{ who: a, answer: 'decline' }], 'complete'),
    v3: await visit('call', '走访小微企业', '2026-07-08', [{ who: a, answer: 'accept' }], 'complete'),
    v4: await visit('research', '职业教育产教融合调研', '2026-09-03', [{ who: a }], 'complete'),
    v5: await visit('research', '冬季安全检查调研', '2026-12-10', [{ who: a, answer: 'accept' }], null),
    v6: await visit('observation', '智慧社区建设观摩', '2026-08-20', [{ who: a, answer: 'accept' }], 'cancel'),
  };

  return { c, a, co, idle, proposals: { p1, p2, p3, p6, p2025 }, meetings, visits, topicId: raised, outcomeDone };
}
