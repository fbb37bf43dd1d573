import { account, Account, cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { draft, proposalAt, Stage } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';

const LABELS: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交',
  withdrawn: '已撤回',
  accepted: '已立案',
  rejected: '不予立案',
  assigned: '已交办',
  replied: '已答复',
  completed: '已办结',
};

describe('提案 wrong state, wrong person, scoping', () => {
  let t: TestApp;
  let c: Cast;
  /** One proposal of c.lead in each state (assigned to c.unit with c.coUnit as co-unit). */
  const at: Record<string, number> = {};
  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    for (const stage of ['draft', 'submitted', 'accepted', 'assigned', 'replied', 'completed'] as Stage[])
      at[stage] = await proposalAt(t, c, stage, { withCoUnit: true });
    at.withdrawn = await proposalAt(t, c, 'submitted');
    await api(t, c.lead, 'post', `/proposals/${at.withdrawn}/withdraw`, {});
    at.rejected = await proposalAt(t, c, 'submitted');
    await api(t, c.staff, 'post', `/proposals/${at.rejected}/review`, {
      decision: 'reject',
      ground: 'academic',
      reason: '学术探讨',
    });
  });
  afterAll(() => t.close());

  const post = (who: Account, id: number, action: string, body: object = {}) =>
    t.http().post(`/api/v1/proposals/${id}/${action}`).set(who.auth).send(body);

  /** Each step by the person who may take it, in every state they can see but the step does not allow. */
  const ACTIONS: {
    action: string;
    who: () => Account;
    body: () => object;
    verb: string;
    allowedIn: string[];
    sees: string[];
  }[] = [
    {
      action: 'submit',
      who: () => c.lead,
      body: () => ({}),
      verb: '提交',
      allowedIn: ['draft'],
      sees: Object.keys(LABELS),
    },
    {
      action: 'withdraw',
      who: () => c.lead,
      body: () => ({}),
      verb: '撤回',
      allowedIn: ['draft', 'submitted'],
      sees: Object.keys(LABELS),
    },
    {
      action: 'evaluate',
      who: () => c.lead,
      body: () => ({ rating: 'satisfied' }),
      verb: '评价',
      allowedIn: ['replied'],
      sees: Object.keys(LABELS),
    },
    {
      action: 'review',
      who: () => c.staff,
      body: () => ({ decision: 'accept' }),
      verb: '立案',
      allowedIn: ['submitted'],
      sees: Object.keys(LABELS).filter((s) => s !== 'draft'),
    },
    {
      action: 'review',
      who: () => c.staff,
      body: () => ({ decision: 'convert' }),
      verb: '转为意见建议',
      allowedIn: ['submitted'],
      sees: Object.keys(LABELS).filter((s) => s !== 'draft'),
    },
    {
      action: 'assign',
      who: () => c.staff,
      body: () => ({ leadUnitId: c.unit.unitId }),
      verb: '交办',
      allowedIn: ['accepted'],
      sees: Object.keys(LABELS).filter((s) => s !== 'draft'),
    },
    {
      action: 'excellent',
      who: () => c.staff,
      body: () => ({}),
      verb: '评为优秀提案',
      allowedIn: ['accepted', 'assigned', 'replied', 'completed'],
      sees: Object.keys(LABELS).filter((s) => s !== 'draft'),
    },
    {
      action: 'key',
      who: () => c.leader,
      body: () => ({}),
      verb: '确定为重点提案',
      allowedIn: ['accepted', 'assigned', 'replied', 'completed'],
      sees: Object.keys(LABELS).filter((s) => s !== 'draft'),
    },
    {
      action: 'return',
      who: () => c.unit,
      body: () => ({ reason: '非本单位职责' }),
      verb: '退回',
      allowedIn: ['assigned'],
      sees: ['assigned', 'replied', 'completed'],
    },
    {
      action: 'reply',
      who: () => c.unit,
      body: () => ({ classification: 'A', content: '答复', public: true }),
      verb: '答复',
      allowedIn: ['assigned'],
      sees: ['assigned', 'replied', 'completed'],
    },
    {
      action: 'communications',
      who: () => c.unit,
      body: () => ({ mode: 'phone', summary: '沟通' }),
      verb: '记录沟通',
      allowedIn: ['assigned', 'replied'],
      sees: ['assigned', 'replied', 'completed'],
    },
    {
      action: 'co-opinions',
      who: () => c.coUnit,
      body: () => ({ content: '意见' }),
      verb: '提交会办意见',
      allowedIn: ['assigned'],
      sees: ['assigned', 'replied', 'completed'],
    },
    {
      action: 'extensions',
      who: () => c.unit,
      body: () => ({ months: 1, reason: '调研' }),
      verb: '申请延期',
      allowedIn: ['assigned'],
      sees: ['assigned', 'replied', 'completed'],
    },
  ];
  const wrongState = ACTIONS.flatMap((a) =>
    Object.keys(LABELS)
      .filter((s) => a.sees.includes(s) && !a.allowedIn.includes(s))
      .map((s) => [`${a.action} ${a.verb}`, s, a] as const),
  );

  it.each(wrongState)('%s in state %s is a 409 naming the state', async (_, state, a) => {
    const id = at[state];
    const before = (await t.http().get(`/api/v1/proposals/${id}`).set(c.staff.auth)).body.version;
    const res = await post(a.who(), id, a.action, a.body()).expect(409);
    expect(res.body).toEqual({
      statusCode: 409,
      code: 'PROPOSAL_WRONG_STATE',
      message: `提案当前为“${LABELS[state]}”，不能${a.verb}`,
    });
    if (before !== undefined)
      expect((await t.http().get(`/api/v1/proposals/${id}`).set(c.staff.auth)).body.version).toBe(before);
  });

  it('a PATCH or a co-signature after submission is a 409 naming the state', async () => {
    expect(
      (await t.http().patch(`/api/v1/proposals/${at.submitted}`).set(c.lead.auth).send({ title: '改' }).expect(409))
        .body.message,
    ).toBe('提案当前为“已提交”，不能修改');
  });

  it('the wrong person is a 403 with a Chinese message', async () => {
    const joint = await draft(t, c.lead, c.sessionId, { kind: 'joint', coSignerMemberIds: [c.co1.memberId] });
    const cases: [Account, number, string, object, string][] = [
      [c.co1, joint, 'submit', {}, 'NOT_LEAD_PROPOSER'],
      [c.lead, joint, 'cosign', {}, 'FORBIDDEN'],
      [c.staff, at.submitted, 'withdraw', {}, 'NOT_LEAD_PROPOSER'],
      [c.staff, at.replied, 'evaluate', { rating: 'satisfied' }, 'NOT_LEAD_PROPOSER'],
      [c.lead, at.submitted, 'review', { decision: 'accept' }, 'FORBIDDEN'],
      [c.coUnit, at.assigned, 'reply', { classification: 'A', content: '答复', public: true }, 'NOT_LEAD_UNIT'],
      [c.coUnit, at.assigned, 'return', { reason: '不是我们的' }, 'NOT_LEAD_UNIT'],
      [c.unit, at.assigned, 'co-opinions', { content: '主办不写会办意见' }, 'FORBIDDEN'],
      [c.unit, at.assigned, 'key', {}, 'FORBIDDEN'],
    ];
    for (const [who, id, action, body, code] of cases) {
      const res = await post(who, id, action, body);
      expect({ action, status: res.status, code: res.body.code }).toEqual({ action, status: 403, code });
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    await api(t, c.co1, 'post', `/proposals/${joint}/cosign`, {});
    expect((await post(c.co1, joint, 'cosign').expect(409)).body.code).toBe('ALREADY_CONFIRMED');
  });

  it('someone else’s draft is a 404 to everyone else, a filed proposal a 403 to those outside it', async () => {
    const stranger = await account(t, 'member');
    const otherUnit = await account(t, 'unit');
    for (const who of [stranger, c.co2, c.staff, c.leader, c.unit]) {
      await t.http().get(`/api/v1/proposals/${at.draft}`).set(who.auth).expect(404);
      await t.http().get(`/api/v1/proposals/${at.draft}/history`).set(who.auth).expect(404);
    }
    await t.http().patch(`/api/v1/proposals/${at.draft}`).set(stranger.auth).send({ title: '偷改' }).expect(404);
    await post(stranger, at.draft, 'submit').expect(404);
    const forbidden = await t.http().get(`/api/v1/proposals/${at.submitted}`).set(stranger.auth).expect(403);
    expect(forbidden.body).toMatchObject({ code: 'FORBIDDEN', message: '您无权查看该提案' });
    await t.http().get(`/api/v1/proposals/${at.assigned}`).set(otherUnit.auth).expect(403);
    await post(otherUnit, at.assigned, 'reply', { classification: 'A', content: '冒充答复', public: true }).expect(403);
    await t.http().get('/api/v1/proposals/999999').set(c.staff.auth).expect(404);
    await t.http().get(`/api/v1/proposals/${at.assigned}`).set(c.coUnit.auth).expect(200);
  });

  it('lists by role: a member their own, co-signed and merged-in; a unit its assignments; staff and leaders all but drafts', async () => {
    const s = await t.make.session();
    const a = await account(t, 'member');
    const b = await account(t, 'member');
    const u = await account(t, 'unit');
    const local: Cast = { ...c, sessionId: s.id, lead: a, unit: u };
    const aDraft = await draft(t, a, s.id);
    const bDraft = await draft(t, b, s.id);
    const bJointWithA = await draft(t, b, s.id, { kind: 'joint', coSignerMemberIds: [a.memberId] });
    const aAssigned = await proposalAt(t, local, 'assigned');
    const bSubmitted = await proposalAt(t, { ...local, lead: b }, 'submitted');
    const list = async (who: Account, query = '') =>
      (await t.http().get(`/api/v1/proposals?sessionId=${s.id}${query}`).set(who.auth).expect(200)).body;
    const ids = async (who: Account, query = '') => (await list(who, query)).items.map((p: { id: number }) => p.id);

    expect(await ids(a)).toEqual([aAssigned, bJointWithA, aDraft]);
    expect(await ids(b)).toEqual([bSubmitted, bJointWithA, bDraft]);
    expect(await ids(u)).toEqual([aAssigned]);
    expect(await ids(c.staff)).toEqual([bSubmitted, aAssigned]);
    expect(await ids(c.leader)).toEqual([bSubmitted, aAssigned]);
    for (const role of ['admin', 'facilitator'] as const)
      await t
        .http()
        .get('/api/v1/proposals')
        .set('Authorization', `Bearer ${await t.tokenFor(role)}`)
        .expect(403);

    // With a status filter the staff's view is the same: members' drafts stay hidden, the office's own group drafts show.
    expect(await ids(c.staff, '&status=draft')).toEqual([]);
    expect(await ids(c.leader, '&status=submitted')).toEqual([bSubmitted]);
    const aMember = await t.http().get(`/api/v1/members/${a.memberId}`).set(c.staff.auth).expect(200);
    const groupDraft = await draft(t, c.staff, s.id, {
      kind: 'sector',
      sectorId: aMember.body.sectorId,
      category: 'culture',
    });
    expect(await ids(c.staff)).toEqual([groupDraft, bSubmitted, aAssigned]);
    expect(await ids(c.staff, '&status=draft')).toEqual([groupDraft]);
    expect(await ids(c.staff, '&status=submitted')).toEqual([bSubmitted]);
    expect(await ids(c.leader, '&status=draft')).toEqual([]);

    const page = await list(c.staff, '&status=assigned');
    expect(page).toMatchObject({
      total: 1,
      page: 1,
      pageSize: 20,
      items: [{ id: aAssigned, statusLabel: '已交办', leadUnit: { id: u.unitId }, leadMember: { id: a.memberId } }],
    });
    expect(await ids(c.staff, `&unitId=${u.unitId}`)).toEqual([aAssigned]);
    expect(await ids(c.staff, '&category=economy')).toEqual([]);
    expect(await ids(c.staff, '&category=society&pageSize=1&page=2')).toEqual([aAssigned]);
    expect(await ids(c.staff, `&sectorId=${aMember.body.sectorId}`)).toEqual([groupDraft, bSubmitted, aAssigned]);
    const title = (await t.http().get(`/api/v1/proposals/${bSubmitted}`).set(c.staff.auth)).body.title as string;
    expect(await ids(c.staff, `&q=${encodeURIComponent(title.slice(-8))}`)).toEqual([bSubmitted]);
    expect(await ids(c.staff, `&q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(
      (await t.http().get('/api/v1/proposals?status=finished').set(c.staff.auth).expect(400)).body.details.fields,
    ).toHaveProperty('status');

    await api(t, u, 'post', `/proposals/${aAssigned}/return`, { reason: '非本单位' });
    expect(await ids(u)).toEqual([]);
  });

  it('merging: the merged proposal’s proposers join the target, read it and find it in their list; both histories show it', async () => {
    const x = await account(t, 'member');
    const y = await account(t, 'member');
    const z = await account(t, 'member');
    const target = await proposalAt(t, { ...c, lead: z }, 'accepted');
    const merged = await draft(t, x, c.sessionId, { kind: 'joint', coSignerMemberIds: [y.memberId] });
    await api(t, y, 'post', `/proposals/${merged}/cosign`, {});
    await api(t, x, 'post', `/proposals/${merged}/submit`, {});
    await t.http().get(`/api/v1/proposals/${target}`).set(x.auth).expect(403);

    expect(
      (await post(c.staff, merged, 'review', { decision: 'merge', mergeIntoId: merged }).expect(400)).body.code,
    ).toBe('MERGE_INTO_SELF');
    expect((await post(c.staff, merged, 'review', { decision: 'merge' }).expect(400)).body.code).toBe(
      'MERGE_TARGET_REQUIRED',
    );
    expect(
      (await post(c.staff, merged, 'review', { decision: 'merge', mergeIntoId: at.draft }).expect(400)).body.details
        .fields,
    ).toHaveProperty('mergeIntoId');
    expect(
      (await post(c.staff, merged, 'review', { decision: 'merge', mergeIntoId: at.completed }).expect(409)).body,
    ).toMatchObject({ code: 'MERGE_TARGET_STATE', message: '目标提案当前为“已办结”，不能并入' });

    const done = await api(t, c.staff, 'post', `/proposals/${merged}/review`, {
      decision: 'merge',
      mergeIntoId: target,
      reason: '内容相同',
    });
    expect(done).toMatchObject({ status: 'merged', statusLabel: '已并案', number: null, mergedInto: { id: target } });
    for (const who of [x, y]) {
      const seen = (await t.http().get(`/api/v1/proposals/${target}`).set(who.auth).expect(200)).body;
      expect(seen.mergedFrom).toEqual([expect.objectContaining({ id: merged })]);
      expect(
        (await t.http().get('/api/v1/proposals').set(who.auth).expect(200)).body.items.map((p: { id: number }) => p.id),
      ).toEqual([merged, target]);
    }
    const signers = (await t.http().get(`/api/v1/proposals/${target}`).set(c.staff.auth)).body.signers;
    expect(signers.map((s: { memberId: number; role: string }) => [s.memberId, s.role])).toEqual([
      [z.memberId, 'lead'],
      [x.memberId, 'merged'],
      [y.memberId, 'merged'],
    ]);
    expect(signers[1]).toMatchObject({ roleLabel: '并案提案人', mergedFromId: merged });
    const history = (await t.http().get(`/api/v1/proposals/${target}/history`).set(x.auth).expect(200)).body;
    expect(history.at(-1)).toMatchObject({
      action: 'merge_in',
      actionLabel: '并入其他提案',
      actor: { id: c.staff.userId },
      from: 'accepted',
      to: 'accepted',
      details: { mergedFromId: merged },
    });
    expect(history.at(-1).comment).toContain('并入提案');
    const own = (await t.http().get(`/api/v1/proposals/${merged}/history`).set(y.auth).expect(200)).body;
    expect(own.at(-1)).toMatchObject({
      action: 'merge',
      from: 'submitted',
      to: 'merged',
      comment: '内容相同',
      details: { mergedIntoId: target },
    });
  });
  it('shows a unit only its own extension requests under 分办, and the proposer only approved ones; staff see all', async () => {
    const id = await proposalAt(t, c, 'accepted');
    await api(t, c.staff, 'post', `/proposals/${id}/assign`, { unitIds: [c.unit.unitId, c.coUnit.unitId] });
    await api(
      t,
      c.unit,
      'post',
      `/proposals/${id}/extensions`,
      { months: 1, reason: '需要实地调研，协调多个部门' },
      201,
    );
    const seen = async (who: Account) =>
      (
        (await t.http().get(`/api/v1/proposals/${id}`).set(who.auth).expect(200)).body.extensions as {
          reason: string;
        }[]
      ).map((x) => x.reason);
    expect(await seen(c.staff)).toEqual(['需要实地调研，协调多个部门']);
    expect(await seen(c.leader)).toEqual(['需要实地调研，协调多个部门']);
    expect(await seen(c.unit)).toEqual(['需要实地调研，协调多个部门']);
    expect(await seen(c.coUnit)).toEqual([]);
    expect(await seen(c.lead)).toEqual([]);
    const request = (await t.http().get(`/api/v1/proposals/${id}`).set(c.staff.auth)).body.extensions[0];
    await api(t, c.staff, 'post', `/proposals/${id}/extensions/${request.id}/decision`, { approve: true });
    expect(await seen(c.lead)).toEqual(['需要实地调研，协调多个部门']);
    expect(await seen(c.coUnit)).toEqual([]);
  });
});
