import { AuditEntry } from '../../src/audit/audit.entities';
import { Proposal, ProposalSigner, ProposalUnit } from '../../src/proposals/proposal.entities';
import { account, cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { draftBody, proposalAt } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';

describe('提案 the handling loop', () => {
  let t: TestApp;
  let c: Cast;
  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
  });
  afterAll(() => t.close());

  const get = async (id: number, who = c.staff) =>
    (await t.http().get(`/api/v1/proposals/${id}`).set(who.auth).expect(200)).body;

  it('carries a joint proposal from draft to completed, with labels, number, units, reply and evaluation', async () => {
    const created = await t
      .http()
      .post('/api/v1/proposals')
      .set(c.lead.auth)
      .send(
        draftBody(c.sessionId, {
          kind: 'joint',
          category: 'economy',
          coSignerMemberIds: [c.co1.memberId, c.co2.memberId],
          agreeToPublish: true,
        }),
      )
      .expect(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      status: 'draft',
      statusLabel: '草稿',
      kind: 'joint',
      kindLabel: '联名提案',
      categoryLabel: '经济建设',
      number: null,
      agreeToPublish: true,
      version: 1,
    });
    expect(created.body.signers.map((s: { role: string; status: string }) => `${s.role}:${s.status}`)).toEqual([
      'lead:confirmed',
      'cosigner:invited',
      'cosigner:invited',
    ]);
    expect(created.body.suggestions).toEqual(['简化加装电梯审批流程', '设立专项补贴资金']);

    const pending = await t.http().post(`/api/v1/proposals/${id}/submit`).set(c.lead.auth).send({}).expect(409);
    expect(pending.body).toMatchObject({ code: 'COSIGNERS_PENDING', message: '还有 2 位附议人未确认，不能提交' });
    await api(t, c.co1, 'post', `/proposals/${id}/cosign`, {});
    await api(t, c.co2, 'post', `/proposals/${id}/cosign`, {});
    const submitted = await api(t, c.lead, 'post', `/proposals/${id}/submit`, {});
    expect(submitted).toMatchObject({
      status: 'submitted',
      statusLabel: '已提交',
      plenary: true,
      plenaryLabel: '大会提案',
    });

    const accepted = await api(t, c.staff, 'post', `/proposals/${id}/review`, { decision: 'accept' });
    expect(accepted).toMatchObject({ status: 'accepted', statusLabel: '已立案', number: 1 });
    expect(accepted.numberLabel).toMatch(/^\S+ 第0001号$/);

    const assigned = await api(t, c.staff, 'post', `/proposals/${id}/assign`, {
      leadUnitId: c.unit.unitId,
      coUnitIds: [c.coUnit.unitId],
    });
    expect(assigned).toMatchObject({
      status: 'assigned',
      handlingMode: 'lead',
      handlingModeLabel: '主办会办',
      leadUnit: { id: c.unit.unitId },
      coUnits: [{ id: c.coUnit.unitId }],
    });
    const deadline = new Date(assigned.deadline as string).getTime();
    expect(deadline - Date.now()).toBeGreaterThan(85 * 86_400_000);
    expect(deadline - Date.now()).toBeLessThan(93 * 86_400_000);

    const noContact = await t
      .http()
      .post(`/api/v1/proposals/${id}/reply`)
      .set(c.unit.auth)
      .send({ classification: 'A', content: '已采纳', public: true })
      .expect(409);
    expect(noContact.body).toMatchObject({
      code: 'COMMUNICATION_REQUIRED',
      message: '答复前须至少记录一次与提案人的沟通',
    });
    const contacted = await api(
      t,
      c.unit,
      'post',
      `/proposals/${id}/communications`,
      { mode: 'visit', summary: '上门面商，听取意见' },
      201,
    );
    expect(contacted.communications).toEqual([
      expect.objectContaining({ step: 'before', stepLabel: '办前面商', modeLabel: '走访面商' }),
    ]);
    const noOpinion = await t
      .http()
      .post(`/api/v1/proposals/${id}/reply`)
      .set(c.unit.auth)
      .send({ classification: 'A', content: '已采纳', public: true })
      .expect(409);
    expect(noOpinion.body.code).toBe('CO_OPINIONS_MISSING');
    await api(t, c.coUnit, 'post', `/proposals/${id}/co-opinions`, { content: '财政局同意安排补贴资金' }, 201);
    const replied = await api(t, c.unit, 'post', `/proposals/${id}/reply`, {
      classification: 'A',
      content: '已出台加装电梯办法。',
      public: true,
      letterNo: '市住建函〔2026〕12号',
      signer: '王局长',
      contact: '李明 0571-8888 1234',
    });
    expect(replied).toMatchObject({
      status: 'replied',
      reply: {
        classification: 'A',
        classificationLabel: '已解决或采纳',
        letterNo: '市住建函〔2026〕12号',
        public: true,
        unit: { id: c.unit.unitId },
      },
    });

    await t.http().post(`/api/v1/proposals/${id}/evaluate`).set(c.co1.auth).send({ rating: 'satisfied' }).expect(403);
    const completed = await api(t, c.lead, 'post', `/proposals/${id}/evaluate`, {
      rating: 'satisfied',
      attitude: 'basically_satisfied',
      contact: 'visit',
      comment: '办理认真',
    });
    expect(completed).toMatchObject({
      status: 'completed',
      statusLabel: '已办结',
      evaluation: { rating: 'satisfied', ratingLabel: '满意', attitudeLabel: '基本满意', contactLabel: '面商' },
    });

    const history = (await t.http().get(`/api/v1/proposals/${id}/history`).set(c.lead.auth).expect(200)).body;
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'cosign',
      'cosign',
      'submit',
      'accept',
      'assign',
      'communicate',
      'co_opinion',
      'reply',
      'evaluate',
    ]);
    expect(history[4]).toMatchObject({
      actor: { id: c.staff.userId },
      action: 'accept',
      actionLabel: '立案',
      from: 'submitted',
      to: 'accepted',
      details: { number: '第0001号' },
    });
    expect(history.at(-1)).toMatchObject({ from: 'replied', to: 'completed', comment: '办理认真' });
  });

  it('sends an unsatisfied result back for re-handling with a new deadline, counted, asking for a new contact', async () => {
    const id = await proposalAt(t, c, 'replied', { withCoUnit: true });
    const back = await api(t, c.lead, 'post', `/proposals/${id}/evaluate`, {
      rating: 'unsatisfied',
      comment: '补贴标准过低',
    });
    expect(back).toMatchObject({
      status: 'assigned',
      rehandleCount: 1,
      evaluation: { rating: 'unsatisfied', round: 0 },
    });
    expect((back.units as { repliedAt: string | null }[]).every((u) => u.repliedAt === null)).toBe(true);
    // A new round needs its own contact and co-unit opinion before the reply.
    expect(
      (
        await t
          .http()
          .post(`/api/v1/proposals/${id}/reply`)
          .set(c.unit.auth)
          .send({ classification: 'A', content: '再答复', public: false })
          .expect(409)
      ).body.code,
    ).toBe('COMMUNICATION_REQUIRED');
    await api(
      t,
      c.unit,
      'post',
      `/proposals/${id}/communications`,
      { mode: 'meeting', summary: '召开座谈会再次沟通' },
      201,
    );
    await api(t, c.coUnit, 'post', `/proposals/${id}/co-opinions`, { content: '同意提高补贴标准' }, 201);
    const again = await api(t, c.unit, 'post', `/proposals/${id}/reply`, {
      classification: 'A',
      content: '补贴标准已提高。',
      public: false,
    });
    expect(again).toMatchObject({ status: 'replied', reply: { round: 1, content: '补贴标准已提高。' } });
    expect(again.replies).toHaveLength(2);
    const done = await api(t, c.lead, 'post', `/proposals/${id}/evaluate`, { rating: 'basically_satisfied' });
    expect(done).toMatchObject({
      status: 'completed',
      rehandleCount: 1,
      evaluation: { round: 1, ratingLabel: '基本满意' },
    });
    const history = (await t.http().get(`/api/v1/proposals/${id}/history`).set(c.staff.auth).expect(200)).body;
    expect(
      history
        .filter((h: { action: string }) => h.action === 'evaluate')
        .map((h: { from: string; to: string }) => `${h.from}→${h.to}`),
    ).toEqual(['replied→assigned', 'replied→completed']);
  });

  it('under 分办 each unit replies; the proposal is replied when the last one has', async () => {
    const other = await account(t, 'unit');
    const id = await proposalAt(t, c, 'accepted');
    const assigned = await api(t, c.staff, 'post', `/proposals/${id}/assign`, {
      unitIds: [c.unit.unitId, other.unitId],
    });
    expect(assigned).toMatchObject({
      handlingMode: 'split',
      handlingModeLabel: '分办',
      leadUnit: null,
      splitUnits: [{ id: c.unit.unitId }, { id: other.unitId }],
    });
    for (const u of [c.unit, other])
      await api(t, u, 'post', `/proposals/${id}/communications`, { mode: 'phone', summary: '电话沟通' }, 201);
    expect(
      (
        await api(t, c.unit, 'post', `/proposals/${id}/reply`, {
          classification: 'B',
          content: '第一份答复',
          public: true,
        })
      ).status,
    ).toBe('assigned');
    expect(
      (
        await t
          .http()
          .post(`/api/v1/proposals/${id}/reply`)
          .set(c.unit.auth)
          .send({ classification: 'B', content: '重复', public: true })
          .expect(409)
      ).body.code,
    ).toBe('ALREADY_REPLIED');
    expect(
      (
        await api(t, other, 'post', `/proposals/${id}/reply`, {
          classification: 'C',
          content: '第二份答复',
          public: true,
        })
      ).status,
    ).toBe('replied');
  });

  it('a unit returns a wrongly assigned proposal with a reason; staff assign it again', async () => {
    const id = await proposalAt(t, c, 'assigned', { withCoUnit: true });
    expect(
      (
        await t
          .http()
          .post(`/api/v1/proposals/${id}/return`)
          .set(c.coUnit.auth)
          .send({ reason: '非本单位职责' })
          .expect(403)
      ).body.code,
    ).toBe('NOT_LEAD_UNIT');
    expect(
      (await t.http().post(`/api/v1/proposals/${id}/return`).set(c.unit.auth).send({}).expect(400)).body.details.fields,
    ).toHaveProperty('reason');
    const returned = await api(t, c.unit, 'post', `/proposals/${id}/return`, { reason: '属于区级事权' });
    expect(returned).toMatchObject({ status: 'accepted', leadUnit: null, coUnits: [], deadline: null });
    await t.http().get(`/api/v1/proposals/${id}`).set(c.unit.auth).expect(403);
    const other = await account(t, 'unit');
    expect(await api(t, c.staff, 'post', `/proposals/${id}/assign`, { leadUnitId: other.unitId })).toMatchObject({
      status: 'assigned',
      leadUnit: { id: other.unitId },
    });
    const history = (await t.http().get(`/api/v1/proposals/${id}/history`).set(c.staff.auth).expect(200)).body;
    expect(history.find((h: { action: string }) => h.action === 'return')).toMatchObject({
      from: 'assigned',
      to: 'accepted',
      comment: '属于区级事权',
    });
  });

  it('refuses a return after the configured days', async () => {
    const id = await proposalAt(t, c, 'assigned');
    const long = new Date(Date.now() - 6 * 86_400_000);
    await t.ds.getRepository(ProposalUnit).update({ proposalId: id }, { assignedAt: long });
    const res = await t
      .http()
      .post(`/api/v1/proposals/${id}/return`)
      .set(c.unit.auth)
      .send({ reason: '不属于本单位' })
      .expect(409);
    expect(res.body).toMatchObject({
      code: 'RETURN_WINDOW_PASSED',
      message: '交办已超过 5 天，不能退回，请与提案委员会联系',
    });
  });

  it('rejects with a configured ground and a reason; converts; both show in the proposal', async () => {
    const a = await proposalAt(t, c, 'submitted');
    expect(
      (
        await t
          .http()
          .post(`/api/v1/proposals/${a}/review`)
          .set(c.staff.auth)
          .send({ decision: 'reject', ground: 'academic' })
          .expect(400)
      ).body.code,
    ).toBe('REASON_REQUIRED');
    expect(
      (
        await t
          .http()
          .post(`/api/v1/proposals/${a}/review`)
          .set(c.staff.auth)
          .send({ decision: 'reject', reason: '学术问题' })
          .expect(400)
      ).body.code,
    ).toBe('GROUND_REQUIRED');
    const rejected = await api(t, c.staff, 'post', `/proposals/${a}/review`, {
      decision: 'reject',
      ground: 'academic',
      reason: '属于学术探讨',
    });
    expect(rejected).toMatchObject({
      status: 'rejected',
      statusLabel: '不予立案',
      reviewGround: 'academic',
      reviewGroundLabel: '学术探讨',
      reviewReason: '属于学术探讨',
      number: null,
    });
    const b = await proposalAt(t, c, 'submitted');
    expect(
      await api(t, c.staff, 'post', `/proposals/${b}/review`, { decision: 'convert', reason: '转社情民意' }),
    ).toMatchObject({ status: 'converted', statusLabel: '已转为意见建议', number: null });
  });

  it('marks key (the leader supervises) and excellent, both filterable', async () => {
    const id = await proposalAt(t, c, 'assigned');
    const key = await api(t, c.leader, 'post', `/proposals/${id}/key`, {});
    expect(key).toMatchObject({ key: true, supervisor: { id: c.leader.userId } });
    expect((await t.http().post(`/api/v1/proposals/${id}/key`).set(c.leader.auth).send({}).expect(409)).body.code).toBe(
      'ALREADY_KEY',
    );
    expect(await api(t, c.staff, 'post', `/proposals/${id}/excellent`, {})).toMatchObject({ excellent: true });
    const keyList = (await t.http().get(`/api/v1/proposals?key=true&excellent=true`).set(c.leader.auth).expect(200))
      .body;
    expect(keyList.items.map((p: { id: number }) => p.id)).toEqual([id]);
    const draftId = await proposalAt(t, c, 'submitted');
    expect(
      (await t.http().post(`/api/v1/proposals/${draftId}/key`).set(c.leader.auth).send({}).expect(409)).body.message,
    ).toBe('提案当前为“已提交”，不能确定为重点提案');
  });

  it('extends the deadline on request up to the configured six months, then refuses', async () => {
    const id = await proposalAt(t, c, 'assigned', { withCoUnit: true });
    const before = new Date((await get(id)).deadline).getTime();
    expect(
      (
        await t
          .http()
          .post(`/api/v1/proposals/${id}/extensions`)
          .set(c.coUnit.auth)
          .send({ months: 1, reason: '需要调研' })
          .expect(403)
      ).body.message,
    ).toBe('延期由主办单位申请');
    const tooMuch = await t
      .http()
      .post(`/api/v1/proposals/${id}/extensions`)
      .set(c.unit.auth)
      .send({ months: 4, reason: '涉及多个部门' })
      .expect(409);
    expect(tooMuch.body.code).toBe('EXTENSION_LIMIT');
    expect(
      (
        await t
          .http()
          .post(`/api/v1/proposals/${id}/extensions`)
          .set(c.unit.auth)
          .send({ months: 0, reason: '无' })
          .expect(400)
      ).body.details.fields,
    ).toHaveProperty('months');

    const asked = await api(
      t,
      c.unit,
      'post',
      `/proposals/${id}/extensions`,
      { months: 2, reason: '涉及多个部门' },
      201,
    );
    const request = (asked.extensions as { id: number; status: string }[])[0];
    expect(request).toMatchObject({ status: 'pending', statusLabel: '待审批', months: 2 });
    expect(
      (
        await t
          .http()
          .post(`/api/v1/proposals/${id}/extensions`)
          .set(c.unit.auth)
          .send({ months: 1, reason: '再延' })
          .expect(409)
      ).body.code,
    ).toBe('EXTENSION_PENDING');
    const approved = await api(t, c.staff, 'post', `/proposals/${id}/extensions/${request.id}/decision`, {
      approve: true,
      comment: '同意',
    });
    expect(approved).toMatchObject({ extensionMonths: 2, extensions: [{ status: 'approved' }] });
    expect(new Date(approved.deadline as string).getTime()).toBeGreaterThan(before + 58 * 86_400_000);
    expect(
      (
        await t
          .http()
          .post(`/api/v1/proposals/${id}/extensions/${request.id}/decision`)
          .set(c.staff.auth)
          .send({ approve: true })
          .expect(409)
      ).body.code,
    ).toBe('EXTENSION_DECIDED');

    const last = await api(t, c.unit, 'post', `/proposals/${id}/extensions`, { months: 1, reason: '最后一次' }, 201);
    const lastId = (last.extensions as { id: number }[])[1].id;
    const full = await api(t, c.staff, 'post', `/proposals/${id}/extensions/${lastId}/decision`, { approve: true });
    expect(full).toMatchObject({ extensionMonths: 3 });
    const over = await t
      .http()
      .post(`/api/v1/proposals/${id}/extensions`)
      .set(c.unit.auth)
      .send({ months: 1, reason: '还要延' })
      .expect(409);
    expect(over.body).toMatchObject({ code: 'EXTENSION_LIMIT', message: '延期后将超过交办后 6 个月的最长办理期限' });
  });

  it('staff file a sector proposal on its behalf; only the filing account may withdraw it', async () => {
    const sector = await t.make.sector();
    const res = await t
      .http()
      .post('/api/v1/proposals')
      .set(c.staff.auth)
      .send(draftBody(c.sessionId, { kind: 'sector', sectorId: sector.id }))
      .expect(201);
    expect(res.body).toMatchObject({
      kind: 'sector',
      kindLabel: '界别提案',
      groupName: sector.name,
      leadMember: null,
      sectorId: sector.id,
      signers: [],
    });
    await t
      .http()
      .post('/api/v1/proposals')
      .set(c.lead.auth)
      .send(draftBody(c.sessionId, { kind: 'sector', sectorId: sector.id }))
      .expect(403);
    await t.http().post('/api/v1/proposals').set(c.staff.auth).send(draftBody(c.sessionId)).expect(403);
    expect(
      (
        await t
          .http()
          .post('/api/v1/proposals')
          .set(c.staff.auth)
          .send(draftBody(c.sessionId, { kind: 'party' }))
          .expect(400)
      ).body.details.fields,
    ).toHaveProperty('groupName');
    await api(t, c.staff, 'post', `/proposals/${res.body.id}/submit`, {});
    const other = await account(t, 'staff');
    await t.http().post(`/api/v1/proposals/${res.body.id}/withdraw`).set(other.auth).send({}).expect(403);
    expect((await api(t, c.staff, 'post', `/proposals/${res.body.id}/withdraw`, {})).status).toBe('withdrawn');
  });

  it('is a 平时提案 when submitted outside the three months before the session deadline', async () => {
    const day = 86_400_000;
    const past = await t.make.session({ opensAt: new Date(Date.now() - 60 * day) });
    const future = await t.make.session({ opensAt: new Date(Date.now() + 150 * day) });
    for (const sessionId of [past.id, future.id]) {
      const id = await proposalAt(t, { ...c, sessionId }, 'submitted');
      expect((await get(id)).plenary).toBe(false);
      expect((await get(id)).plenaryLabel).toBe('平时提案');
    }
  });

  it('a co-signer confirms only within the configured days; the lead may invite again', async () => {
    const res = await t
      .http()
      .post('/api/v1/proposals')
      .set(c.lead.auth)
      .send(draftBody(c.sessionId, { kind: 'joint', coSignerMemberIds: [c.co1.memberId] }))
      .expect(201);
    const id = res.body.id;
    await t.ds
      .getRepository(ProposalSigner)
      .update({ proposalId: id, memberId: c.co1.memberId! }, { invitedAt: new Date(Date.now() - 8 * 86_400_000) });
    const late = await t.http().post(`/api/v1/proposals/${id}/cosign`).set(c.co1.auth).send({}).expect(409);
    expect(late.body).toMatchObject({ code: 'COSIGN_EXPIRED', message: '附议邀请已超过 7 天，请联系领衔人重新邀请' });
    await t
      .http()
      .patch(`/api/v1/proposals/${id}`)
      .set(c.lead.auth)
      .send({ coSignerMemberIds: [c.co2.memberId] })
      .expect(200);
    await t.http().get(`/api/v1/proposals/${id}`).set(c.co1.auth).expect(404);
    expect((await api(t, c.co2, 'post', `/proposals/${id}/cosign`, {})).signers).toEqual([
      expect.objectContaining({ role: 'lead' }),
      expect.objectContaining({ memberId: c.co2.memberId, status: 'confirmed', statusLabel: '已确认' }),
    ]);
    expect((await api(t, c.lead, 'post', `/proposals/${id}/submit`, {})).status).toBe('submitted');
  });

  it('edits a draft by its lead: co-signers replaced, kind follows; unknown fields are 400', async () => {
    const id = (await t.http().post('/api/v1/proposals').set(c.lead.auth).send(draftBody(c.sessionId)).expect(201)).body
      .id;
    const edited = await t
      .http()
      .patch(`/api/v1/proposals/${id}`)
      .set(c.lead.auth)
      .send({ title: '关于改善背街小巷照明的建议', coSignerMemberIds: [c.co1.memberId], version: 1 })
      .expect(200);
    expect(edited.body).toMatchObject({ title: '关于改善背街小巷照明的建议', kind: 'joint', version: 2 });
    const unknown = await t
      .http()
      .patch(`/api/v1/proposals/${id}`)
      .set(c.lead.auth)
      .send({ status: 'accepted' })
      .expect(400);
    expect(unknown.body.message).toContain('不允许的字段');
    expect(
      (await t.http().patch(`/api/v1/proposals/${id}`).set(c.lead.auth).send({ category: 'sports' }).expect(400)).body
        .details.fields,
    ).toHaveProperty('category');
    await t.http().patch(`/api/v1/proposals/${id}`).set(c.co1.auth).send({ title: '附议人改标题' }).expect(403);
    const stored = await t.ds.getRepository(Proposal).findOneByOrFail({ id });
    expect(stored.title).toBe('关于改善背街小巷照明的建议');
    expect(
      await t.ds
        .getRepository(AuditEntry)
        .countBy({ entityType: 'proposal', entityId: String(id), action: 'proposal.update' }),
    ).toBe(1);
  });
});
