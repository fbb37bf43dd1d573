import { account, Account, Cast } from '../support/accounts';
import { api } from '../support/api';
import { appWithCast, messagesOf, noticesOf } from '../support/deadlines';
import { draft, draftBody, proposalAt } from '../support/proposals';
import { TestApp } from '../support/test-app';

/* Who hears of each step of a proposal in their inbox (消息); the rules themselves: src/proposals/proposal-notices.ts. */

describe('提案 notifications: who hears of each step', () => {
  let t: TestApp;
  let c: Cast;
  beforeAll(async () => ({ t, c } = await appWithCast()));
  afterAll(() => t.close());

  it('invited co-signers hear of the invitation; the lead who invited them does not', async () => {
    const id = (
      await t
        .http()
        .post('/api/v1/proposals')
        .set(c.lead.auth)
        .send(draftBody(c.sessionId, { kind: 'joint', coSignerMemberIds: [c.co1.memberId, c.co2.memberId] }))
        .expect(201)
    ).body.id;
    for (const co of [c.co1, c.co2]) expect(await noticesOf(t, co, id)).toEqual(['proposal.cosign_invited']);
    expect((await messagesOf(t, c.co1, id))[0]).toMatchObject({
      title: '附议邀请',
      body: expect.stringContaining('请在 7 天内确认附议'),
    });
    expect(await noticesOf(t, c.lead, id)).toEqual([]);
  });

  it('立案 reaches the lead, the confirmed co-signers and the proposers merged in, with the number; not the staff who accepted', async () => {
    const id = await draft(t, c.lead, c.sessionId, { kind: 'joint', coSignerMemberIds: [c.co1.memberId] });
    await api(t, c.co1, 'post', `/proposals/${id}/cosign`, {});
    await api(t, c.lead, 'post', `/proposals/${id}/submit`, {});
    const other = await account(t, 'member');
    const merged = await draft(t, other, c.sessionId);
    await api(t, other, 'post', `/proposals/${merged}/submit`, {});
    await api(t, c.staff, 'post', `/proposals/${merged}/review`, { decision: 'merge', mergeIntoId: id });
    expect(await noticesOf(t, other, merged)).toEqual(['proposal.merged']);

    const accepted = await api(t, c.staff, 'post', `/proposals/${id}/review`, { decision: 'accept' });
    for (const who of [c.lead, other]) expect(await noticesOf(t, who, id)).toEqual(['proposal.accepted']);
    expect(await noticesOf(t, c.co1, id)).toEqual(['proposal.cosign_invited', 'proposal.accepted']);
    expect((await messagesOf(t, other, id))[0]).toMatchObject({
      title: '您的提案已立案',
      body: `提案“${accepted.title}”已立案，编号为${accepted.numberLabel}。`,
    });
    expect(await noticesOf(t, c.staff, id)).toEqual([]);
  });

  it('交办 reaches the proposers and every unit of the assignment, naming the units and the deadline; not the staff who assigned', async () => {
    const id = await proposalAt(t, c, 'assigned', { withCoUnit: true });
    expect(await noticesOf(t, c.lead, id)).toEqual(['proposal.accepted', 'proposal.assigned']);
    for (const unit of [c.unit, c.coUnit]) expect(await noticesOf(t, unit, id)).toEqual(['proposal.assigned']);
    const [toLead] = (await messagesOf(t, c.lead, id)).filter((n) => n.kind === 'proposal.assigned');
    expect(toLead.body).toMatch(/已交\S+（主办）、\S+（会办）办理，办理期限至\d{4}年\d{1,2}月\d{1,2}日。$/);
    expect(await noticesOf(t, c.staff, id)).toEqual([]);
  });

  it('答复 reaches the proposers with the class and asks for the evaluation; the unit that replied is not told', async () => {
    const id = await proposalAt(t, c, 'replied');
    const [replied] = (await messagesOf(t, c.lead, id)).filter((n) => n.kind === 'proposal.replied');
    expect(replied).toMatchObject({
      title: '您的提案已答复',
      body: expect.stringMatching(/答复分类：B（列入计划拟解决或正在解决）。请在 15 个工作日内评价办理结果。$/),
    });
    expect(await noticesOf(t, c.unit, id)).toEqual(['proposal.assigned']);
  });

  it('退回 reaches staff with the reason; the unit that returned it is not told', async () => {
    const id = await proposalAt(t, c, 'assigned');
    await api(t, c.unit, 'post', `/proposals/${id}/return`, { reason: '属于区级事权' });
    expect(await noticesOf(t, c.staff, id)).toEqual(['proposal.returned']);
    expect((await messagesOf(t, c.staff, id))[0].body).toMatch(
      /退回了.+ 第\d{4}号提案“.+”，理由：属于区级事权。请重新交办。$/,
    );
    expect(await noticesOf(t, c.unit, id)).toEqual(['proposal.assigned']);
  });

  it('不满意 reaches staff and the units again with the new deadline; the lead who evaluated is not told', async () => {
    const id = await proposalAt(t, c, 'replied', { withCoUnit: true });
    await api(t, c.lead, 'post', `/proposals/${id}/evaluate`, { rating: 'unsatisfied', comment: '补贴标准过低' });
    expect(await noticesOf(t, c.staff, id)).toEqual(['proposal.rehandling']);
    expect((await messagesOf(t, c.staff, id))[0].body).toContain(
      '的办理结果被评价为不满意，意见：补贴标准过低，已交承办单位重新办理（第 1 次）。',
    );
    for (const unit of [c.unit, c.coUnit])
      expect(await noticesOf(t, unit, id)).toEqual(['proposal.assigned', 'proposal.rehandling']);
    expect(await noticesOf(t, c.lead, id)).toEqual(['proposal.accepted', 'proposal.assigned', 'proposal.replied']);
  });

  it('nobody hears of their own step: staff filing a group proposal hear of its acceptance from a colleague only', async () => {
    const colleague = await account(t, 'staff');
    const sector = await t.make.sector();
    const group = async () => {
      const id = (
        await t
          .http()
          .post('/api/v1/proposals')
          .set(c.staff.auth)
          .send(draftBody(c.sessionId, { kind: 'sector', sectorId: sector.id }))
          .expect(201)
      ).body.id;
      await api(t, c.staff, 'post', `/proposals/${id}/submit`, {});
      return id;
    };
    const own = await group();
    await api(t, c.staff, 'post', `/proposals/${own}/review`, { decision: 'accept' });
    expect(await noticesOf(t, c.staff, own)).toEqual([]);
    const theirs = await group();
    await api(t, colleague, 'post', `/proposals/${theirs}/review`, { decision: 'accept' });
    expect(await noticesOf(t, c.staff, theirs)).toEqual(['proposal.accepted']);
    expect(await noticesOf(t, colleague, theirs)).toEqual([]);
  });

  it('the messages are in the proposer’s inbox, linking to the proposal page', async () => {
    const id = await proposalAt(t, c, 'accepted');
    const inbox = await t.http().get('/api/v1/notifications?unread=1&pageSize=100').set(c.lead.auth).expect(200);
    expect(inbox.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'proposal.accepted',
        title: '您的提案已立案',
        link: `/proposals/${id}`,
        readAt: null,
      }),
    );
  });
});

describe('催办 POST /api/v1/proposals/:id/chase', () => {
  let t: TestApp;
  let c: Cast;
  beforeAll(async () => ({ t, c } = await appWithCast()));
  afterAll(() => t.close());
  const chase = (who: Account | null, id: number, body: object = {}) => {
    const req = t.http().post(`/api/v1/proposals/${id}/chase`);
    return (who ? req.set(who.auth) : req).send(body);
  };

  it('staff chase an assigned proposal: counted, stamped, audited, and its units told with the note', async () => {
    const id = await proposalAt(t, c, 'assigned', { withCoUnit: true });
    const first = (await chase(c.staff, id, { note: '请本周内答复' }).expect(200)).body;
    expect(first).toMatchObject({ status: 'assigned', chaseCount: 1, lastChasedAt: expect.any(String) });
    expect(Math.abs(new Date(first.lastChasedAt).getTime() - Date.now())).toBeLessThan(60_000);
    expect((await chase(c.staff, id, { version: first.version }).expect(200)).body.chaseCount).toBe(2);
    for (const unit of [c.unit, c.coUnit])
      expect(await noticesOf(t, unit, id)).toEqual(['proposal.assigned', 'proposal.chased', 'proposal.chased']);
    const [withNote] = (await messagesOf(t, c.unit, id)).filter((n) => n.kind === 'proposal.chased');
    expect(withNote).toMatchObject({
      title: '提案催办',
      body: expect.stringMatching(
        /^请抓紧办理.+ 第\d{4}号提案“.+”并及时答复，办理期限至\d{4}年\d{1,2}月\d{1,2}日，催办说明：请本周内答复。$/,
      ),
    });
    expect(await noticesOf(t, c.staff, id)).toEqual([]);
    expect(await noticesOf(t, c.lead, id)).not.toContain('proposal.chased');
    const history = (await t.http().get(`/api/v1/proposals/${id}/history`).set(c.staff.auth).expect(200)).body;
    expect(history.filter((h: { action: string }) => h.action === 'chase')).toEqual([
      expect.objectContaining({
        actor: { id: c.staff.userId, displayName: expect.any(String) },
        actionLabel: '催办',
        from: 'assigned',
        to: 'assigned',
        comment: '请本周内答复',
        details: { chaseCount: 1, unitIds: [c.unit.unitId, c.coUnit.unitId] },
      }),
      expect.objectContaining({ comment: null, details: { chaseCount: 2, unitIds: [c.unit.unitId, c.coUnit.unitId] } }),
    ]);
    expect((await chase(c.staff, id, { version: first.version }).expect(409)).body.code).toBe('STALE_VERSION');
  });

  it('under 分办 only the units still to reply are chased', async () => {
    const other = await account(t, 'unit');
    const id = await proposalAt(t, c, 'accepted');
    await api(t, c.staff, 'post', `/proposals/${id}/assign`, { unitIds: [c.unit.unitId, other.unitId] });
    await api(t, c.unit, 'post', `/proposals/${id}/communications`, { mode: 'phone', summary: '电话沟通' }, 201);
    await api(t, c.unit, 'post', `/proposals/${id}/reply`, {
      classification: 'A',
      content: '本单位部分已办理。',
      public: true,
    });
    await chase(c.staff, id).expect(200);
    expect(await noticesOf(t, other, id)).toEqual(['proposal.assigned', 'proposal.chased']);
    expect(await noticesOf(t, c.unit, id)).toEqual(['proposal.assigned']);
  });

  it('the leader supervising a key proposal may chase it; another leader may not', async () => {
    const id = await proposalAt(t, c, 'assigned');
    await api(t, c.leader, 'post', `/proposals/${id}/key`, {});
    expect((await chase(c.leader, id).expect(200)).body.chaseCount).toBe(1);
    const otherLeader = await account(t, 'leader');
    expect((await chase(otherLeader, id).expect(403)).body.message).toBe(
      '只有提案工作人员或该重点提案的督办领导可以催办',
    );
  });

  it('is refused to members, units and anonymous callers, and for a proposal not assigned (409 naming its state)', async () => {
    const id = await proposalAt(t, c, 'assigned');
    await chase(c.lead, id).expect(403);
    await chase(c.unit, id).expect(403);
    await chase(null, id).expect(401);
    expect((await chase(c.staff, id, { note: '催', urgent: true }).expect(400)).body.message).toContain('不允许的字段');
    const accepted = await proposalAt(t, c, 'accepted');
    expect((await chase(c.staff, accepted).expect(409)).body).toMatchObject({
      code: 'PROPOSAL_WRONG_STATE',
      message: '提案当前为“已立案”，不能催办',
    });
    const replied = await proposalAt(t, c, 'replied');
    expect((await chase(c.staff, replied).expect(409)).body.message).toBe('提案当前为“已答复”，不能催办');
    expect((await t.http().get(`/api/v1/proposals/${id}`).set(c.staff.auth).expect(200)).body).toMatchObject({
      chaseCount: 0,
      lastChasedAt: null,
    });
  });
});
