import { InstructionItem } from '../../src/instructions/instruction.entities';
import { Notification } from '../../src/notifications/notification.entity';
import { account, Account, cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { QUIET_SWEEPS, sweepStepsAt } from '../support/deadlines';
import { proposalAt } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';

/*
 * 领导批示 and their 交办事项 through the API: a leader's 批示 on a 提案单 delivered to them, staff's paper 批示 on a
 * key proposal, items handed to two units, reported, returned, accepted; the unit's own list and 待办; the sweep
 * marking an item overdue once; the refusals (roles, someone else's document or item, undelivered documents,
 * wrong state, bad input) and the year's counts.
 */

/** `YYYY-MM-DD` in Shanghai, `days` from now. */
const day = (days: number): string =>
  new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** The first message of an error: its first field's, else the error's own. */
const first = (res: Record<string, any>): string =>
  (Object.values(res.details?.fields ?? {}) as string[][])[0]?.[0] ?? res.message;

describe('领导批示 and 交办事项', () => {
  let t: TestApp;
  let c: Cast;
  let leader2: Account;
  let member: Account;
  let facilitator: Account;
  /** A 提案单 delivered to c.leader; one requested and never delivered. */
  let delivered = 0;
  let undelivered = 0;
  let keyProposal = 0;
  let plainProposal = 0;
  /** The leader's 批示 on `delivered`; its item for c.unit and for c.coUnit. */
  let instructionId = 0;
  let itemId = 0;
  let coItemId = 0;

  const sheet = async (proposalId: number): Promise<number> => {
    const res = await api(
      t,
      c.staff,
      'post',
      '/reports',
      { kind: 'proposal-sheet', subject: { type: 'proposal', id: proposalId } },
      202,
    );
    await t.jobs.finished('reports', `report:${res.id}`);
    return res.id as number;
  };
  const notices = (who: Account, kind: string) =>
    t.ds.getRepository(Notification).find({ where: { userId: who.userId, kind }, order: { id: 'ASC' } });

  beforeAll(async () => {
    t = await startTestApp(QUIET_SWEEPS);
    c = await cast(t);
    leader2 = await account(t, 'leader');
    member = c.lead;
    facilitator = await account(t, 'facilitator');
    delivered = await sheet(await proposalAt(t, c, 'assigned'));
    await api(t, c.staff, 'post', `/reports/${delivered}/deliver`, { leaderUserIds: [c.leader.userId] });
    undelivered = await sheet(await proposalAt(t, c, 'assigned'));
    keyProposal = await proposalAt(t, c, 'accepted');
    await api(t, c.leader, 'post', `/proposals/${keyProposal}/key`, {});
    plainProposal = await proposalAt(t, c, 'accepted');
  }, 180_000);
  afterAll(() => t.close());

  it('lets a leader record a 批示 on a document delivered to them; staff are told', async () => {
    const body = await api(
      t,
      c.leader,
      'post',
      '/instructions',
      { target: { type: 'report', id: delivered }, text: '请市住建局牵头研究，抓紧落实。', leaderLevel: '副市长' },
      201,
    );
    instructionId = body.id;
    expect(body).toMatchObject({
      target: { type: 'report', id: delivered, typeLabel: '文稿' },
      leaderUserId: c.leader.userId,
      leaderLevel: '副市长',
      instructedOn: day(0),
      onPaper: false,
      recordedBy: { id: c.leader.userId },
      items: [],
      carriedOut: false,
    });
    expect((await notices(c.staff, 'instruction.recorded')).map((n) => n.link)).toEqual([`/reports/${delivered}`]);
  });

  it('refuses a 批示 on a document not delivered to this leader, an undelivered one, and other roles', async () => {
    const on = (id: number) => ({ target: { type: 'report', id }, text: '同意。', leaderLevel: '市长' });
    const other = await api(t, leader2, 'post', '/instructions', on(delivered), 404);
    expect(other.message).toBe('文稿不存在');
    const notYet = await api(
      t,
      c.staff,
      'post',
      '/instructions',
      { ...on(undelivered), leaderName: '王市长', instructedOn: day(0) },
      409,
    );
    expect(notYet).toMatchObject({ code: 'REPORT_NOT_DELIVERED', message: '该文稿尚未送达领导，送达后才能记录批示' });
    for (const who of [member, facilitator, c.unit]) {
      const res = await api(t, who, 'post', '/instructions', on(delivered), 403);
      expect(res.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    await api(t, null, 'post', '/instructions', on(delivered), 401);
  });

  it('refuses bad input with Chinese messages', async () => {
    const base = { target: { type: 'report', id: delivered }, text: '请研究。', leaderLevel: '市长' };
    const bad = async (body: object) => first(await api(t, c.leader, 'post', '/instructions', body, 400));
    expect(await bad({ ...base, extra: 1 })).toMatch(/[\u4e00-\u9fa5]/);
    expect(await bad({ ...base, leaderLevel: '局长' })).toMatch(/^批示领导职务须为市委书记、/);
    expect(await bad({ ...base, text: '  ' })).toBe('请填写批示内容');
    expect(await bad({ ...base, instructedOn: '2026-13-01' })).toBe('批示日期须为日期，如 2026-12-07');
    expect(await bad({ ...base, instructedOn: day(2) })).toBe('批示日期不能晚于今天');
    expect(await bad({ ...base, target: { type: 'opinion', id: 1 } })).toBe('批示对象须为已送达的文稿或重点提案');
    await api(t, c.leader, 'post', '/instructions', { ...base, target: { type: 'report', id: 99999 } }, 404);
    // Staff record one received on paper: the leader and the day are required.
    const paper = {
      target: { type: 'proposal', id: keyProposal },
      text: '此件重要，请抓好督办。',
      leaderLevel: '市委书记',
    };
    const staffBad = async (body: object) => (await api(t, c.staff, 'post', '/instructions', body, 400)).message;
    expect(await staffBad({ ...paper, instructedOn: day(-1) })).toBe('请选择或填写批示领导');
    expect(await staffBad({ ...paper, leaderName: '张书记' })).toBe('请填写批示日期');
    expect(await staffBad({ ...paper, leaderUserId: c.staff.userId, instructedOn: day(-1) })).toMatch(
      /不是在用的领导账号/,
    );
  });

  it('lets staff record a paper 批示 on a key proposal, not on another proposal', async () => {
    const paper = {
      text: '此件重要，请抓好督办。',
      leaderLevel: '市委书记',
      leaderName: '张书记',
      instructedOn: day(-1),
    };
    const body = await api(
      t,
      c.staff,
      'post',
      '/instructions',
      { ...paper, target: { type: 'proposal', id: keyProposal } },
      201,
    );
    expect(body).toMatchObject({ leaderUserId: null, leaderName: '张书记', onPaper: true, instructedOn: day(-1) });
    const notKey = await api(
      t,
      c.staff,
      'post',
      '/instructions',
      { ...paper, target: { type: 'proposal', id: plainProposal } },
      409,
    );
    expect(notKey).toMatchObject({ code: 'NOT_KEY_PROPOSAL', message: '只能对重点提案记录领导批示' });
    const byLeader = await api(
      t,
      leader2,
      'post',
      '/instructions',
      { target: { type: 'proposal', id: keyProposal }, text: '同意。', leaderLevel: '市长' },
      201,
    );
    expect(byLeader).toMatchObject({ onPaper: false, leaderUserId: leader2.userId });
  });

  it('lets staff hand items to units with due days; the units are told; others are refused', async () => {
    const item = { unitId: c.unit.unitId, task: '制定老旧小区加装电梯三年行动方案', dueOn: day(10) };
    const body = await api(t, c.staff, 'post', `/instructions/${instructionId}/items`, item, 201);
    itemId = body.id;
    expect(body).toMatchObject({
      status: 'open',
      statusLabel: '待办理',
      dueOn: day(10),
      overdue: false,
      unitId: c.unit.unitId,
    });
    coItemId = (
      await api(
        t,
        c.staff,
        'post',
        `/instructions/${instructionId}/items`,
        { ...item, unitId: c.coUnit.unitId, dueOn: day(3) },
        201,
      )
    ).id;
    expect((await notices(c.unit, 'instruction.assigned')).map((n) => n.link)).toEqual(['/instructions/items']);
    expect((await notices(c.coUnit, 'instruction.assigned')).length).toBe(1);
    expect(
      (await api(t, c.staff, 'post', `/instructions/${instructionId}/items`, { ...item, dueOn: day(-1) }, 400)).message,
    ).toBe('办理期限不能早于今天');
    expect(
      (await api(t, c.staff, 'post', `/instructions/${instructionId}/items`, { ...item, unitId: 99999 }, 400)).message,
    ).toMatch(/不存在或已停用/);
    expect(
      first(
        await api(t, c.staff, 'post', `/instructions/${instructionId}/items`, { task: '无单位', dueOn: day(3) }, 400),
      ),
    ).toBe('请选择承办单位');
    await api(t, c.staff, 'post', '/instructions/99999/items', item, 404);
    await api(t, c.leader, 'post', `/instructions/${instructionId}/items`, item, 403);
    await api(t, c.unit, 'post', `/instructions/${instructionId}/items`, item, 403);
  });

  it('shows a unit its own items only, in its list, by id and in its 待办', async () => {
    const own = await api(t, c.unit, 'get', `/instructions/items?unitId=${c.coUnit.unitId}`);
    expect(own.items.map((i: { id: number }) => i.id)).toEqual([itemId]);
    expect(own.items[0]).toMatchObject({
      leader: `${(await api(t, c.leader, 'get', '/users/me')).displayName}（副市长）`,
      actions: ['report'],
    });
    expect(own.items[0].target).toEqual({
      type: 'report',
      id: delivered,
      title: expect.any(String),
      typeLabel: '文稿',
    });
    await api(t, c.coUnit, 'get', `/instructions/items/${itemId}`, undefined, 404);
    await api(t, c.coUnit, 'post', `/instructions/items/${itemId}/report`, { text: '已完成' }, 404);
    await api(t, member, 'get', '/instructions/items', undefined, 403);
    await api(t, c.unit, 'get', `/instructions/${instructionId}`, undefined, 403);
    const todo = (await api(t, c.unit, 'get', '/todos')).groups.find((g: { role: string }) => g.role === 'unit');
    expect(todo.items.find((i: { key: string }) => i.key === 'unit.instructions.later')).toMatchObject({
      count: 1,
      href: '/instructions/items',
    });
    const co = (await api(t, c.coUnit, 'get', '/todos')).groups.find((g: { role: string }) => g.role === 'unit');
    expect(co.items.find((i: { key: string }) => i.key === 'unit.instructions.dueSoon')).toMatchObject({
      count: 1,
      label: '7天内到期的批示交办事项',
      urgency: 'due',
    });
  });

  it('takes an item through report, return, report again and accept, each in the right state only', async () => {
    const step = (who: Account, action: string, body: object, status = 200) =>
      api(t, who, 'post', `/instructions/items/${itemId}/${action}`, body, status);
    expect((await step(c.unit, 'report', { text: ' ' }, 400)).message).toBe('请填写办理进展');
    await step(c.staff, 'accept', {}, 409);
    const reported = await step(c.unit, 'report', { text: '已完成选址和方案初稿。', version: 1 });
    expect(reported).toMatchObject({ status: 'reported', progress: '已完成选址和方案初稿。', actions: ['report'] });
    expect((await notices(c.staff, 'instruction.reported')).length).toBe(1);
    expect((await step(c.staff, 'return', { text: '' }, 400)).message).toBe('请填写退回意见');
    expect((await step(c.staff, 'return', { text: '请补充资金安排', version: 1 }, 409)).code).toBe('STALE_VERSION');
    const returned = await step(c.staff, 'return', { text: '请补充资金安排', version: reported.version });
    expect(returned).toMatchObject({ status: 'returned', returnNote: '请补充资金安排', actions: [] });
    expect((await notices(c.unit, 'instruction.returned')).map((n) => n.body)).toEqual([
      expect.stringContaining('请补充资金安排'),
    ]);
    await step(c.staff, 'accept', {}, 409);
    await step(c.unit, 'report', { text: '资金已列入明年预算。' });
    const done = await step(c.staff, 'accept', {});
    expect(done).toMatchObject({ status: 'done', statusLabel: '已办结', closedAt: expect.any(String) });
    const again = await step(c.unit, 'report', { text: '再报告' }, 409);
    expect(again).toMatchObject({ code: 'ITEM_STATE_CONFLICT', message: '该交办事项已办结，不能报告进展' });
    await step(c.leader, 'accept', {}, 403);
    await step(c.staff, 'report', { text: '代报' }, 403);
  });

  it('marks an item past its due day overdue once, tells its unit and staff, and lists it', async () => {
    // Its due day two days ago (made so in the table: a due day in the past cannot be given).
    await t.ds.getRepository(InstructionItem).update({ id: coItemId }, { dueOn: day(-2) });
    const now = new Date();
    expect((await sweepStepsAt(t, now)).instructions).toEqual({ overdueItems: 1 });
    expect((await sweepStepsAt(t, now)).instructions).toEqual({ overdueItems: 0 });
    expect((await notices(c.coUnit, 'instruction.overdue')).length).toBe(1);
    expect((await notices(c.staff, 'instruction.overdue')).map((n) => n.link)).toEqual([`/reports/${delivered}`]);
    const listed = await api(t, c.staff, 'get', '/instructions/items?overdue=true');
    expect(listed.items.map((i: { id: number; overdue: boolean }) => [i.id, i.overdue])).toEqual([[coItemId, true]]);
    const own = await api(t, c.coUnit, 'get', '/instructions/items?overdue=true');
    expect(own.items.map((i: { id: number }) => i.id)).toEqual([coItemId]);
    expect((await api(t, c.unit, 'get', '/instructions/items?overdue=true')).items).toEqual([]);
    const todo = await api(t, c.coUnit, 'get', '/todos');
    const unit = todo.groups.find((g: { role: string }) => g.role === 'unit');
    expect(unit.items.find((i: { key: string }) => i.key === 'unit.instructions.overdue')).toMatchObject({
      count: 1,
      urgency: 'overdue',
    });
  });

  it('lists a document’s 批示 with their items and progress for the leader and staff; carried out once all done', async () => {
    const q = `/instructions?targetType=report&targetId=${delivered}`;
    const list = await api(t, c.leader, 'get', q);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ itemCount: 2, doneCount: 1, carriedOut: false });
    await api(t, leader2, 'get', q, undefined, 404);
    await api(t, c.leader, 'get', `/instructions?targetType=report`, undefined, 400);
    const co = (await api(t, c.staff, 'get', `/instructions/items/${coItemId}`)) as { version: number };
    await api(t, c.coUnit, 'post', `/instructions/items/${coItemId}/report`, { text: '已办结。', version: co.version });
    await api(t, c.staff, 'post', `/instructions/items/${coItemId}/accept`, {});
    expect(await api(t, c.staff, 'get', `/instructions/${instructionId}`)).toMatchObject({
      doneCount: 2,
      carriedOut: true,
    });
    expect((await api(t, leader2, 'get', '/instructions')).items).toHaveLength(1);
  });

  it('counts the year’s 批示 and those carried out', async () => {
    const stats = await api(t, c.leader, 'get', '/stats/instructions');
    expect(stats).toMatchObject({
      total: 3,
      handedOut: 1,
      carriedOut: 1,
      overdueItems: 0,
      allTotal: 3,
      allCarriedOut: 1,
    });
    await api(t, c.unit, 'get', '/stats/instructions', undefined, 403);
    expect((await api(t, c.staff, 'get', '/stats/dashboard')).instructions).toEqual(stats);
  });
});
