import { Proposal } from '../../src/proposals/proposal.entities';
import { Account, accountOf, cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { draft, proposalAt } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * 提案统计 over a small set built by hand in a session of its own; every expected number below is
 * counted from the table, not computed by the code under test.
 *
 * | #   | state                               | lead | sector | category | units            |
 * | p1  | draft                               | a    | A      | economy  |                  |
 * | p2  | withdrawn                           | a    | A      | economy  |                  |
 * | p3  | submitted                           | b    | B      | society  |                  |
 * | p4  | rejected                            | a    | A      | economy  |                  |
 * | p5  | converted                           | b    | B      | culture  |                  |
 * | p6  | accepted, key                       | a    | A      | economy  |                  |
 * | p7  | assigned, overdue                   | a    | A      | society  | U1 lead, U3 co   |
 * | p8  | replied                             | b    | B      | society  | U1               |
 * | p9  | completed (满意, 办理工作 基本满意), excellent | a | A | ecology | U2           |
 * | p10 | completed after 不满意/不满意, then 基本满意 (no 办理工作) | b | B | ecology | U1 |
 * | p11 | assigned again after 不满意/不满意     | a    | A      | society  | U2               |
 * | p12 | merged into p6                      | b    | B      | economy  |                  |
 * | p13 | committee proposal, accepted        | —    | none   | politics |                  |
 * and one completed proposal (society, U1, 满意) in another session.
 */
describe('提案统计 GET /stats/proposals', () => {
  let t: TestApp;
  let c: Cast;
  let a: Account;
  let b: Account;
  let u2: Account;
  let sectorA: number;
  let sectorB: number;
  let otherSession: number;

  const memberIn = async (sectorId: number, name: string) => {
    const member = await t.make.member({ sectorId, name });
    return accountOf(t, (await t.signIn(`stats-${name}`, ['member'], { memberId: member.id })).token);
  };
  const at = (
    stage: Parameters<typeof proposalAt>[2],
    lead: Account,
    category: string,
    opts: Parameters<typeof proposalAt>[3] = {},
  ) => proposalAt(t, c, stage, { lead, draft: { category }, ...opts });

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    sectorA = (await t.make.sector('统计甲界')).id;
    sectorB = (await t.make.sector('统计乙界')).id;
    a = await memberIn(sectorA, '统计委员甲');
    b = await memberIn(sectorB, '统计委员乙');
    u2 = await accountOf(t, (await t.signInAs('unit')).token);

    // The overdue mark is the deadlines sweep's to set; here it is set as the sweep would, past p7's deadline.
    const p7 = await at('assigned', a, 'society', { withCoUnit: true });
    await t.ds.getRepository(Proposal).update({ id: p7 }, { overdue: true });

    await draft(t, a, c.sessionId, { category: 'economy' });
    await api(t, a, 'post', `/proposals/${await at('submitted', a, 'economy')}/withdraw`, {});
    await at('submitted', b, 'society');
    await api(t, c.staff, 'post', `/proposals/${await at('submitted', a, 'economy')}/review`, {
      decision: 'reject',
      ground: 'academic',
      reason: '学术探讨',
    });
    await api(t, c.staff, 'post', `/proposals/${await at('submitted', b, 'culture')}/review`, { decision: 'convert' });
    const p6 = await at('accepted', a, 'economy');
    await api(t, c.leader, 'post', `/proposals/${p6}/key`, {});
    await at('replied', b, 'society');
    const p9 = await at('replied', a, 'ecology', { unit: u2 });
    await api(t, a, 'post', `/proposals/${p9}/evaluate`, { rating: 'satisfied', attitude: 'basically_satisfied' });
    await api(t, c.staff, 'post', `/proposals/${p9}/excellent`, {});
    const p10 = await at('replied', b, 'ecology');
    await api(t, b, 'post', `/proposals/${p10}/evaluate`, { rating: 'unsatisfied', attitude: 'unsatisfied' });
    await api(t, c.unit, 'post', `/proposals/${p10}/communications`, { mode: 'visit', summary: '再次面商' }, 201);
    await api(t, c.unit, 'post', `/proposals/${p10}/reply`, {
      classification: 'A',
      content: '已重新办理。',
      public: true,
    });
    await api(t, b, 'post', `/proposals/${p10}/evaluate`, { rating: 'basically_satisfied' });
    const p11 = await at('replied', a, 'society', { unit: u2 });
    await api(t, a, 'post', `/proposals/${p11}/evaluate`, { rating: 'unsatisfied', attitude: 'unsatisfied' });
    await api(t, c.staff, 'post', `/proposals/${await at('submitted', b, 'economy')}/review`, {
      decision: 'merge',
      mergeIntoId: p6,
    });
    const committeeId = (await t.make.committee()).id;
    const group = await t
      .http()
      .post('/api/v1/proposals')
      .set(c.staff.auth)
      .send({
        sessionId: c.sessionId,
        kind: 'committee',
        committeeId,
        title: '专委会提案：关于法治宣传的建议',
        category: 'politics',
        background: '情况。',
        suggestions: ['建议'],
      })
      .expect(201);
    await api(t, c.staff, 'post', `/proposals/${group.body.id}/submit`, {});
    await api(t, c.staff, 'post', `/proposals/${group.body.id}/review`, { decision: 'accept' });

    otherSession = (await t.make.session()).id;
    await proposalAt(t, { ...c, sessionId: otherSession }, 'completed', { lead: a });
  });
  afterAll(() => t.close());

  const stats = async (query: string, who: Account = c.staff) =>
    (await t.http().get(`/api/v1/stats/proposals${query}`).set(who.auth).expect(200)).body;
  const rate = (numerator: number, denominator: number, value: number | null) => ({
    numerator,
    denominator,
    rate: value,
  });

  it('counts one session by status, with the rates’ numerators and denominators, overdue, key and excellent', async () => {
    const s = await stats(`?sessionId=${c.sessionId}`);
    expect(s.session).toEqual({ id: c.sessionId, name: expect.any(String) });
    expect(s.total).toBe(11);
    expect(Object.fromEntries(s.byStatus.map((x: { status: string; count: number }) => [x.status, x.count]))).toEqual({
      submitted: 1,
      withdrawn: 1,
      accepted: 2,
      rejected: 1,
      converted: 1,
      merged: 1,
      assigned: 2,
      replied: 1,
      completed: 2,
    });
    expect(s.byStatus.find((x: { status: string }) => x.status === 'completed').label).toBe('已办结');
    expect(s.rates).toEqual({
      acceptance: rate(7, 10, 0.7),
      reply: rate(3, 5, 0.6),
      satisfaction: { attitude: rate(1, 2, 0.5), result: rate(2, 3, 0.6667) },
    });
    expect({ overdue: s.overdue, key: s.key, excellent: s.excellent }).toEqual({ overdue: 1, key: 1, excellent: 1 });
  });

  it('by category with the configured Chinese labels, every category listed', async () => {
    const s = await stats(`?sessionId=${c.sessionId}`);
    expect(s.byCategory).toEqual([
      { category: 'economy', label: '经济建设', total: 3, reviewed: 3, accepted: 1 },
      { category: 'politics', label: '政治建设', total: 1, reviewed: 1, accepted: 1 },
      { category: 'culture', label: '文化建设', total: 1, reviewed: 1, accepted: 0 },
      { category: 'society', label: '社会建设', total: 4, reviewed: 3, accepted: 3 },
      { category: 'ecology', label: '生态文明建设', total: 2, reviewed: 2, accepted: 2 },
      { category: 'other', label: '其他', total: 0, reviewed: 0, accepted: 0 },
    ]);
  });

  it('by sector, and by unit: assigned, replied and overdue per unit', async () => {
    const s = await stats(`?sessionId=${c.sessionId}`);
    expect(s.bySector).toEqual([
      { sectorId: sectorA, name: '统计甲界', total: 5, reviewed: 5, accepted: 4 },
      { sectorId: sectorB, name: '统计乙界', total: 5, reviewed: 4, accepted: 2 },
      { sectorId: null, name: '未归属界别', total: 1, reviewed: 1, accepted: 1 },
    ]);
    expect(s.byUnit).toEqual([
      { unitId: c.unit.unitId, name: expect.any(String), assigned: 3, replied: 2, overdue: 1 },
      { unitId: u2.unitId, name: expect.any(String), assigned: 2, replied: 1, overdue: 0 },
      { unitId: c.coUnit.unitId, name: expect.any(String), assigned: 1, replied: 0, overdue: 1 },
    ]);
  });

  it('without sessionId counts every session; another session alone counts only its own', async () => {
    const all = await stats('', c.leader);
    expect(all.session).toBeNull();
    expect(all.total).toBe(12);
    expect(all.rates).toEqual({
      acceptance: rate(8, 11, 0.7273),
      reply: rate(4, 6, 0.6667),
      satisfaction: { attitude: rate(1, 2, 0.5), result: rate(3, 4, 0.75) },
    });
    expect(all.byUnit[0]).toMatchObject({ unitId: c.unit.unitId, assigned: 4, replied: 3, overdue: 1 });
    const other = await stats(`?sessionId=${otherSession}`);
    expect(other).toMatchObject({
      total: 1,
      overdue: 0,
      key: 0,
      excellent: 0,
      rates: {
        acceptance: rate(1, 1, 1),
        reply: rate(1, 1, 1),
        satisfaction: { attitude: rate(0, 0, null), result: rate(1, 1, 1) },
      },
    });
    expect(other.bySector).toEqual([{ sectorId: sectorA, name: '统计甲界', total: 1, reviewed: 1, accepted: 1 }]);
  });

  it('an empty session has zero counts and null rates; an unknown session is 400; members and units are refused', async () => {
    const empty = (await t.make.session()).id;
    const s = await stats(`?sessionId=${empty}`);
    expect(s).toMatchObject({
      total: 0,
      bySector: [],
      byUnit: [],
      overdue: 0,
      rates: { acceptance: rate(0, 0, null), reply: rate(0, 0, null) },
    });
    expect(
      (await t.http().get('/api/v1/stats/proposals?sessionId=999999').set(c.staff.auth).expect(400)).body.details
        .fields,
    ).toHaveProperty('sessionId');
    await t.http().get('/api/v1/stats/proposals?sessionId=abc').set(c.staff.auth).expect(400);
    for (const who of [a, c.unit])
      expect((await t.http().get('/api/v1/stats/proposals').set(who.auth).expect(403)).body.message).toMatch(
        /[\u4e00-\u9fa5]/,
      );
  });
});
