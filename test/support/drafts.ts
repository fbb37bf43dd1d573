import { Account, Facilitator } from './accounts';
import { api } from './api';
import { TestApp } from './test-app';
import { Organizer } from './topics';

export const COVENANT = `为了维护社区秩序，建设和谐社区，经居民会议讨论，制定本公约。
第一条 爱党爱国，遵纪守法，自觉维护社区安定团结。
第二条 爱护公共设施，不在楼道堆放杂物，电动自行车不进楼入户。
第三条 文明养犬，外出牵绳，及时清理犬只粪便。
第四条 邻里和睦，互帮互助，有事好商量。
第五条 本公约自居民会议通过之日起施行。`;

let n = 0;

/** A 居民公约 for comment, drafted by `by` for `organizer` (or a topic), carried to `stage` through the API. */
export async function draftAt(
  t: TestApp,
  by: Account,
  stage: 'editing' | 'open' | 'closed' | 'revised',
  opts: { organizer?: Organizer; topicId?: number; openToPublic?: boolean; invitedMemberIds?: number[] } = {},
): Promise<{ id: number; clauseIds: number[] }> {
  const body = {
    title: `金塔社区居民公约（修订征求意见稿）${++n}`,
    text: COVENANT,
    ...(opts.topicId ? { topicId: opts.topicId } : { organizer: opts.organizer }),
    openToPublic: opts.openToPublic ?? false,
    invitedMemberIds: opts.invitedMemberIds,
  };
  const d = await api(t, by, 'post', '/drafts', body, 201);
  const clauseIds = (d.clauses as { id: number }[]).map((c) => c.id);
  if (stage === 'editing') return { id: d.id, clauseIds };
  await api(t, by, 'post', `/drafts/${d.id}/open`, {
    closesAt: new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString(),
  });
  if (stage === 'open') return { id: d.id, clauseIds };
  await api(
    t,
    by,
    'post',
    `/drafts/${d.id}/comments`,
    { authorName: '居民甲', comments: [{ clauseId: clauseIds[1], text: '建议增加文明停车的内容' }] },
    201,
  );
  await api(t, by, 'post', `/drafts/${d.id}/close`, {});
  if (stage === 'closed') return { id: d.id, clauseIds };
  await api(
    t,
    by,
    'post',
    `/drafts/${d.id}/revisions`,
    { text: `${COVENANT}\n第六条 文明停车，不占用消防通道。`, note: '增加文明停车一条' },
    201,
  );
  return { id: d.id, clauseIds };
}

/** A facilitator signed in as `username`, running a new consultation point named `pointName`. */
export async function pointHost(t: TestApp, username: string, pointName: string): Promise<Facilitator> {
  const point = await t.make.point({ name: pointName });
  const { token, userId } = await t.signIn(username, ['facilitator'], { pointId: point.id });
  return { token, userId, memberId: null, unitId: null, pointId: point.id, auth: { Authorization: `Bearer ${token}` } };
}
