import { Account, facilitator, Facilitator, topicAccount } from './accounts';
import { api } from './api';
import { TestApp } from './test-app';

let n = 0;
const uniq = (prefix: string) => `${prefix}${process.pid % 1000}t${++n}`;

/** Everyone a topic meets: the office, a leader, the facilitator of a point, two members and two units. */
export interface TopicCast {
  staff: Account;
  leader: Account;
  facilitator: Facilitator;
  member: Account;
  member2: Account;
  unit: Account;
  unit2: Account;
  committeeId: number;
}

export async function topicCast(t: TestApp): Promise<TopicCast> {
  return {
    staff: await topicAccount(t, 'staff'),
    leader: await topicAccount(t, 'leader'),
    facilitator: await facilitator(t),
    member: await topicAccount(t, 'member'),
    member2: await topicAccount(t, 'member'),
    unit: await topicAccount(t, 'unit'),
    unit2: await topicAccount(t, 'unit'),
    committeeId: (await t.make.committee()).id,
  };
}

export type Organizer = { type: 'committee' | 'sector' | 'point'; id: number };

export const topicBody = (organizer: Organizer, extra: object = {}) => ({
  title: uniq('关于小区停车位规划的议题'),
  description: '小区停车位少，居民停车难，请求协商解决。',
  level: 'community',
  source: 'public',
  organizer,
  ...extra,
});

export const meetingBody = (extra: object = {}) => ({
  kind: 'deliberation',
  title: uniq('协商议事会'),
  startsAt: '2026-06-18T09:00:00+08:00',
  endsAt: '2026-06-18T11:30:00+08:00',
  venue: '社区党群服务中心二楼会议室',
  chair: '吴海明',
  ...extra,
});

export async function raise(t: TestApp, who: Account, organizer: Organizer, extra: object = {}): Promise<number> {
  return (await api(t, who, 'post', '/topics', topicBody(organizer, extra), 201)).id;
}

export type TopicStage = 'raised' | 'settled' | 'declined' | 'deliberating' | 'resolving' | 'evaluated';

export interface TopicFixture {
  id: number;
  /** The held meeting (from deliberating on). */
  meetingId: number | null;
  /** A meeting arranged but never held (with `spareMeeting`). */
  spareMeetingId: number | null;
  /** The outcome assigned to the unit (from deliberating on). */
  outcomeId: number | null;
}

/**
 * A topic organised by `organizer` (default: the cast's facilitator's point), run by `by` (default:
 * that facilitator), with `topic`'s fields when given, and carried to `stage` through the API: one meeting with `c.member` and `c.unit`
 * taking part, held; one outcome for `c.unit`, done before evaluation; `c.member` evaluates.
 */
export async function topicAt(
  t: TestApp,
  c: TopicCast,
  stage: TopicStage,
  opts: {
    organizer?: Organizer;
    by?: Account;
    spareMeeting?: boolean;
    unit?: Account;
    member?: Account;
    topic?: object;
  } = {},
): Promise<TopicFixture> {
  const by = opts.by ?? c.facilitator;
  const unit = opts.unit ?? c.unit;
  const member = opts.member ?? c.member;
  const id = await raise(t, by, opts.organizer ?? { type: 'point', id: c.facilitator.pointId }, opts.topic);
  const f: TopicFixture = { id, meetingId: null, spareMeetingId: null, outcomeId: null };
  if (stage === 'raised') return f;
  if (stage === 'declined') {
    await api(t, by, 'post', `/topics/${id}/decline`, { reason: '属于物业合同纠纷，建议通过法律途径解决' });
    return f;
  }
  await api(t, by, 'post', `/topics/${id}/settle`, {});
  if (stage === 'settled') return f;
  f.meetingId = (await api(t, by, 'post', `/topics/${id}/meetings`, meetingBody(), 201)).id;
  await api(
    t,
    by,
    'post',
    `/meetings/${f.meetingId}/participants`,
    [
      { memberId: member.memberId, side: 'member' },
      { unitId: unit.unitId, name: '王科长', side: 'department' },
    ],
    201,
  );
  await api(t, by, 'post', `/meetings/${f.meetingId}/hold`, { minutes: '与会各方充分协商，形成共识。' });
  f.outcomeId = (
    await api(
      t,
      by,
      'post',
      `/topics/${id}/outcomes`,
      { kind: 'decision', text: '增设停车位37个', unitId: unit.unitId, dueAt: '2026-09-30T17:00:00+08:00' },
      201,
    )
  ).id;
  if (stage === 'deliberating') return f;
  if (opts.spareMeeting) f.spareMeetingId = (await api(t, by, 'post', `/topics/${id}/meetings`, meetingBody(), 201)).id;
  await api(t, by, 'post', `/topics/${id}/resolve`, {});
  if (stage === 'resolving') return f;
  await api(t, unit, 'patch', `/outcomes/${f.outcomeId}`, { status: 'done', feedback: '已完成施工' });
  await api(t, member, 'post', `/topics/${id}/evaluations`, { score: 5 }, 201);
  return f;
}

/** The seed's 他山之石, 盘活工业低效用地: its 18 recommendations under five themes, in order. */
export const KEY_CONSULTATION_THEMES: [string, string[]][] = [
  [
    '加强领导，高位推动',
    ['成立盘活工业低效用地工作领导小组', '将盘活工作纳入年度目标考核', '建立市级领导包保重点地块制度'],
  ],
  [
    '拉网排查，摸清家底',
    ['全面开展工业用地调查评价', '建立低效用地台账并动态更新', '按亩均效益对企业分类', '向社会公开低效用地清单'],
  ],
  [
    '疏堵结合，因企施策',
    ['实行“一企一策”盘活方案', '支持企业技改扩能提高容积率', '引导闲置厂房招商引资', '依法收回长期闲置土地'],
  ],
  ['强化保障，助力盘活', ['设立盘活专项资金', '简化用地变更审批流程', '落实税费减免政策', '搭建低效用地交易平台']],
  ['源头管控，长效管理', ['严格新增项目准入标准', '实行工业用地弹性年期出让', '建立用地履约监管机制']],
];
