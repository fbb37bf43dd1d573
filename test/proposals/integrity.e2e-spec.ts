import { AuditEntry } from '../../src/audit/audit.entities';
import { Proposal, ProposalCounter, ProposalUnit } from '../../src/proposals/proposal.entities';
import { account, cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { draft, proposalAt } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';

describe('提案 versions, transactions and numbering', () => {
  let t: TestApp;
  let c: Cast;
  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
  });
  afterAll(() => t.close());

  const row = (id: number) => t.ds.getRepository(Proposal).findOneByOrFail({ id });
  const auditCount = (id: number) =>
    t.ds.getRepository(AuditEntry).countBy({ entityType: 'proposal', entityId: String(id) });

  it('a stale version is a 409 and changes nothing: no number taken, no audit entry', async () => {
    const id = await proposalAt(t, c, 'submitted');
    const before = await row(id);
    const entries = await auditCount(id);
    const res = await t
      .http()
      .post(`/api/v1/proposals/${id}/review`)
      .set(c.staff.auth)
      .send({ decision: 'accept', version: before.version - 1 })
      .expect(409);
    expect(res.body).toEqual({ statusCode: 409, code: 'STALE_VERSION', message: '该记录已被他人修改，请刷新后重试' });
    expect(await row(id)).toEqual(before);
    expect(await auditCount(id)).toBe(entries);
    const counter = await t.ds.getRepository(ProposalCounter).findOneByOrFail({ sessionId: c.sessionId });
    const accepted = await api(t, c.staff, 'post', `/proposals/${id}/review`, {
      decision: 'accept',
      version: before.version,
    });
    expect(accepted).toMatchObject({ number: counter.lastNumber + 1, version: before.version + 1 });
  });

  it('two editors of one draft: the second, holding the old version, gets a 409', async () => {
    const id = await proposalAt(t, c, 'draft');
    const { version } = await row(id);
    await t
      .http()
      .patch(`/api/v1/proposals/${id}`)
      .set(c.lead.auth)
      .send({ title: '第一位编辑的案由', version })
      .expect(200);
    await t
      .http()
      .patch(`/api/v1/proposals/${id}`)
      .set(c.lead.auth)
      .send({ title: '第二位编辑的案由', version })
      .expect(409);
    expect((await row(id)).title).toBe('第一位编辑的案由');
  });

  it('two accepts of one proposal at once: one wins, the other is a 409, one number used', async () => {
    const id = await proposalAt(t, c, 'submitted');
    const { lastNumber } = await t.ds.getRepository(ProposalCounter).findOneByOrFail({ sessionId: c.sessionId });
    const answers = await Promise.all(
      [0, 1].map(() => t.http().post(`/api/v1/proposals/${id}/review`).set(c.staff.auth).send({ decision: 'accept' })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await row(id)).number).toBe(lastNumber + 1);
    expect((await t.ds.getRepository(ProposalCounter).findOneByOrFail({ sessionId: c.sessionId })).lastNumber).toBe(
      lastNumber + 1,
    );
  });

  it('an assignment with one bad unit id leaves nothing half-written', async () => {
    const id = await proposalAt(t, c, 'accepted');
    const before = await row(id);
    const entries = await auditCount(id);
    const disabled = await t.make.unit({ disabled: true });
    for (const coUnitIds of [[c.coUnit.unitId, 999999], [disabled.id]]) {
      const res = await t
        .http()
        .post(`/api/v1/proposals/${id}/assign`)
        .set(c.staff.auth)
        .send({ leadUnitId: c.unit.unitId, coUnitIds })
        .expect(400);
      expect(res.body.details.fields.coUnitIds[0]).toMatch(/不存在或已停用/);
    }
    expect(await t.ds.getRepository(ProposalUnit).countBy({ proposalId: id })).toBe(0);
    expect(await row(id)).toEqual(before);
    expect(await auditCount(id)).toBe(entries);
    await t
      .http()
      .post(`/api/v1/proposals/${id}/assign`)
      .set(c.staff.auth)
      .send({ leadUnitId: c.unit.unitId, unitIds: [c.unit.unitId, c.coUnit.unitId] })
      .expect(400);
    expect(
      (
        await api(t, c.staff, 'post', `/proposals/${id}/assign`, {
          leadUnitId: c.unit.unitId,
          coUnitIds: [c.coUnit.unitId],
        })
      ).status,
    ).toBe('assigned');
  });

  it('a reply with an unknown classification writes no reply and moves nothing', async () => {
    const id = await proposalAt(t, c, 'assigned');
    await api(t, c.unit, 'post', `/proposals/${id}/communications`, { mode: 'phone', summary: '电话沟通' }, 201);
    const before = await row(id);
    const res = await t
      .http()
      .post(`/api/v1/proposals/${id}/reply`)
      .set(c.unit.auth)
      .send({ classification: 'D', content: '答复', public: true })
      .expect(400);
    expect(res.body.details.fields).toHaveProperty('classification');
    expect(await row(id)).toEqual(before);
    expect((await t.http().get(`/api/v1/proposals/${id}`).set(c.unit.auth)).body.replies).toEqual([]);
  });

  it('50 parallel accepts get numbers 1..50 of their session, no gap, no duplicate', async () => {
    const session = await t.make.session();
    const local = { ...c, sessionId: session.id };
    const ids: number[] = [];
    for (let i = 0; i < 50; i++) ids.push(await proposalAt(t, local, 'submitted'));
    // One listening server, so the 50 requests really run side by side (supertest would otherwise listen per request).
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const answers = await Promise.all(
      ids.map((id) => t.http().post(`/api/v1/proposals/${id}/review`).set(c.staff.auth).send({ decision: 'accept' })),
    );
    expect(answers.map((r) => r.status)).toEqual(ids.map(() => 200));
    const numbers = answers.map((r) => r.body.number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(
      answers.every((r) => r.body.numberLabel === `${session.name} 第${String(r.body.number).padStart(4, '0')}号`),
    ).toBe(true);
    expect((await t.ds.getRepository(ProposalCounter).findOneByOrFail({ sessionId: session.id })).lastNumber).toBe(50);
  });

  it('numbers count per session, and a rejected or converted proposal takes none', async () => {
    const session = await t.make.session();
    const local = { ...c, sessionId: session.id };
    const rejected = await proposalAt(t, local, 'submitted');
    await api(t, c.staff, 'post', `/proposals/${rejected}/review`, { decision: 'convert' });
    const first = await proposalAt(t, local, 'accepted');
    expect((await row(first)).number).toBe(1);
    const other = await account(t, 'member');
    const second = await proposalAt(t, { ...local, lead: other }, 'accepted');
    expect((await row(second)).number).toBe(2);
  });
  it('stores and replies to the longest proposal the form accepts (30 suggestions of 2,000 characters, a 50,000-character reply) on either engine', async () => {
    const longest = Array.from({ length: 30 }, (_, i) =>
      `${i + 1}`.padEnd(2000, '完善社区养老服务设施𠀀'.repeat(200)).slice(0, 2000),
    );
    const id = await draft(t, c.lead, c.sessionId, { background: '情'.repeat(20000), suggestions: longest });
    await api(t, c.lead, 'post', `/proposals/${id}/submit`, {});
    await api(t, c.staff, 'post', `/proposals/${id}/review`, { decision: 'accept' });
    await api(t, c.staff, 'post', `/proposals/${id}/assign`, { leadUnitId: c.unit.unitId });
    await api(t, c.unit, 'post', `/proposals/${id}/communications`, { mode: 'phone', summary: '电话沟通' }, 201);
    await api(t, c.unit, 'post', `/proposals/${id}/reply`, {
      classification: 'A',
      content: '复'.repeat(50000),
      public: false,
    });
    const view = (await t.http().get(`/api/v1/proposals/${id}`).set(c.lead.auth)).body;
    expect(view.suggestions).toEqual(longest);
    expect(view.background).toHaveLength(20000);
    expect(view.reply.content).toHaveLength(50000);
  });
});
