import { PROPOSAL_EVENT_TYPES, ProposalEvent, ProposalEventType } from './proposal-event';
import { hasNotices, NoticeFacts, noticesFor } from './proposal-notices';

const facts: NoticeFacts = {
  id: 12,
  title: '关于推进老旧小区加装电梯的建议',
  numberLabel: '十二届二次会议 第0045号',
  deadline: new Date('2026-06-30T09:00:00Z'),
  rehandleCount: 1,
  assignment: [
    { name: '市住建局', roleLabel: '主办' },
    { name: '市财政局', roleLabel: '会办' },
  ],
  unitNames: ['市住建局'],
  classification: 'B（列入计划拟解决或正在解决）',
  mergedInto: null,
  timeZone: 'Asia/Shanghai',
  coSignDays: 7,
  evaluationWorkingDays: 15,
};
const event = (type: ProposalEventType, extra: Partial<ProposalEvent> = {}): ProposalEvent => ({
  type,
  proposalId: 12,
  actorUserId: 3,
  at: new Date('2026-03-01T02:00:00Z'),
  version: 5,
  ...extra,
});
const audiences = (type: ProposalEventType, extra: Partial<ProposalEvent> = {}) =>
  noticesFor(event(type, extra), facts).map((n) => n.to);
const only = (type: ProposalEventType, extra: Partial<ProposalEvent> = {}) => {
  const [notice, ...rest] = noticesFor(event(type, extra), facts);
  expect(rest).toEqual([]);
  return notice.message;
};

describe('who hears of a proposal event', () => {
  it.each([
    ['proposal.cosign_invited', ['invited']],
    ['proposal.accepted', ['proposers']],
    ['proposal.rejected', ['proposers']],
    ['proposal.converted', ['proposers']],
    ['proposal.assigned', ['proposers', 'units']],
    ['proposal.returned', ['staff']],
    ['proposal.replied', ['proposers']],
    ['proposal.rehandling', ['units', 'staff']],
    ['proposal.chased', ['units']],
    ['proposal.reminded', ['units']],
    ['proposal.overdue', ['units', 'staff']],
    ['proposal.evaluation_expired', ['proposers']],
  ] as const)('%s → %j', (type, expected) => {
    expect(hasNotices(type)).toBe(true);
    expect(audiences(type)).toEqual(expected);
  });

  it('the steps nobody else needs to hear of notify no one', () => {
    const silent = PROPOSAL_EVENT_TYPES.filter((type) => !hasNotices(type));
    expect(silent).toEqual([
      'proposal.created',
      'proposal.cosigned',
      'proposal.submitted',
      'proposal.withdrawn',
      'proposal.communicated',
      'proposal.co_opinion_given',
      'proposal.completed',
      'proposal.key_marked',
      'proposal.excellent_marked',
      'proposal.extension_requested',
      'proposal.extension_decided',
    ]);
    for (const type of silent) expect(noticesFor(event(type), facts)).toEqual([]);
  });

  it('a merge tells the proposers of the merged proposal, not again through the proposal it joined', () => {
    const into = { id: 7, title: '关于老旧小区改造的建议', numberLabel: '十二届二次会议 第0007号' };
    const merged = noticesFor(event('proposal.merged', { to: 'merged', relatedId: 7 }), {
      ...facts,
      numberLabel: null,
      mergedInto: into,
    });
    expect(merged.map((n) => [n.to, n.message.body])).toEqual([
      [
        'proposers',
        '提案“关于推进老旧小区加装电梯的建议”已并入十二届二次会议 第0007号提案“关于老旧小区改造的建议”一并办理。',
      ],
    ]);
    expect(audiences('proposal.merged', { to: 'accepted', relatedId: 13, memberIds: [4] })).toEqual([]);
  });
});

describe('what the notices say', () => {
  it('立案 names the number', () => {
    expect(only('proposal.accepted')).toEqual({
      kind: 'proposal.accepted',
      title: '您的提案已立案',
      body: '提案“关于推进老旧小区加装电梯的建议”已立案，编号为十二届二次会议 第0045号。',
      link: '/proposals/12',
      dedupeKey: 'proposal:12:accepted:v5',
    });
  });

  it('交办 names the units with their part and the deadline, in Shanghai', () => {
    const [proposers, units] = noticesFor(event('proposal.assigned'), facts).map((n) => n.message);
    expect(proposers.body).toBe(
      '十二届二次会议 第0045号提案“关于推进老旧小区加装电梯的建议”已交市住建局（主办）、市财政局（会办）办理，办理期限至2026年6月30日。',
    );
    expect(units).toMatchObject({
      title: '新交办的提案',
      body: expect.stringContaining('承办单位：市住建局（主办）、市财政局（会办），办理期限至2026年6月30日'),
    });
  });

  it('答复 names the unit and the class, and asks for the evaluation once the proposal is replied', () => {
    expect(only('proposal.replied', { to: 'replied' }).body).toBe(
      '市住建局已答复十二届二次会议 第0045号提案“关于推进老旧小区加装电梯的建议”，答复分类：B（列入计划拟解决或正在解决）。请在 15 个工作日内评价办理结果。',
    );
    // 分办: another unit has still to reply.
    expect(only('proposal.replied', { to: 'assigned' }).body).not.toContain('评价');
  });

  it('退回 and 催办 carry the step’s comment', () => {
    expect(only('proposal.returned', { note: '属于区级事权' }).body).toBe(
      '市住建局退回了十二届二次会议 第0045号提案“关于推进老旧小区加装电梯的建议”，理由：属于区级事权。请重新交办。',
    );
    expect(only('proposal.chased', { note: '请本周内答复' }).body).toBe(
      '请抓紧办理十二届二次会议 第0045号提案“关于推进老旧小区加装电梯的建议”并及时答复，办理期限至2026年6月30日，催办说明：请本周内答复。',
    );
    expect(only('proposal.chased').body).toMatch(/办理期限至2026年6月30日。$/);
  });

  it('不满意 tells the units the new deadline and staff the count of re-handlings', () => {
    const [units, staff] = noticesFor(event('proposal.rehandling', { note: '补贴标准过低' }), facts).map(
      (n) => n.message,
    );
    expect(units.body).toBe(
      '十二届二次会议 第0045号提案“关于推进老旧小区加装电梯的建议”的办理结果被评价为不满意，请重新办理，办理期限至2026年6月30日。',
    );
    expect(staff.body).toBe(
      '十二届二次会议 第0045号提案“关于推进老旧小区加装电梯的建议”的办理结果被评价为不满意，意见：补贴标准过低，已交承办单位重新办理（第 1 次）。',
    );
  });

  it('a co-signer is invited before the proposal has a number', () => {
    const message = noticesFor(event('proposal.cosign_invited', { memberIds: [4] }), { ...facts, numberLabel: null })[0]
      .message;
    expect(message).toMatchObject({
      title: '附议邀请',
      body: '提案“关于推进老旧小区加装电梯的建议”邀请您作为附议人，请在 7 天内确认附议。',
    });
  });

  it('names the deadline a notice is about: the reply deadline of a reminder or 催办, the end of a 附议 window', () => {
    const reminder = only('proposal.reminded', { occurrence: 'r0:2026-06-30:3d', daysLeft: 3 });
    expect(reminder.dueAt).toEqual(facts.deadline);
    expect(only('proposal.chased').dueAt).toEqual(facts.deadline);
    const invite = noticesFor(event('proposal.cosign_invited', { memberIds: [4] }), facts)[0].message;
    expect(invite.dueAt).toEqual(new Date('2026-03-08T02:00:00Z'));
    expect(only('proposal.accepted').dueAt).toBeUndefined();
  });

  it('the deadline jobs’ notices are keyed by their occurrence, so a sweep run again adds nothing', () => {
    const reminder = only('proposal.reminded', {
      actorUserId: null,
      version: undefined,
      occurrence: 'r0:2026-06-30:15d',
      daysLeft: 14,
    });
    expect(reminder).toMatchObject({
      title: '提案即将到期',
      dedupeKey: 'proposal:12:reminded:r0:2026-06-30:15d',
      body: expect.stringContaining('还有 14 天'),
    });
    expect(only('proposal.reminded', { occurrence: 'r0:2026-06-30:3d', daysLeft: 0 }).body).toContain(
      '的办理期限至2026年6月30日，今天到期，请按时答复。',
    );
    const [units, staff] = noticesFor(event('proposal.overdue', { actorUserId: null }), facts).map((n) => n.message);
    expect(units).toMatchObject({ title: '提案办理已逾期', dedupeKey: 'proposal:12:overdue:v5' });
    expect(staff.body).toBe(
      '十二届二次会议 第0045号提案“关于推进老旧小区加装电梯的建议”的办理期限（2026年6月30日）已过，市住建局尚未答复。',
    );
    expect(only('proposal.evaluation_expired').dueAt).toBeUndefined();
    expect(only('proposal.evaluation_expired').body).toBe(
      '十二届二次会议 第0045号提案“关于推进老旧小区加装电梯的建议”答复后 15 个工作日内未评价，已按“未评价”办结。',
    );
  });

  it('every notice links to the proposal page and fits the inbox’s limits', () => {
    for (const type of PROPOSAL_EVENT_TYPES) {
      for (const { message } of noticesFor(event(type, { to: 'merged', note: '说明' }), facts)) {
        expect(message.link).toBe('/proposals/12');
        expect(message.kind.length).toBeLessThanOrEqual(40);
        expect(message.title).toMatch(/^[\u4e00-\u9fa5]+$/);
        expect(message.dedupeKey).toMatch(/^proposal:12:/);
      }
    }
  });
});
