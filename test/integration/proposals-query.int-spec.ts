import { Actor } from '../../src/common/actor';
import { ProposalQuery } from '../../src/proposals/dto/file-proposal.dto';
import { PublicProposalQuery } from '../../src/proposals/dto/public-proposal.dto';
import { proposalFields } from '../../src/proposals/proposal-text-fields';
import { Proposal } from '../../src/proposals/proposal.entities';
import { ProposalsQuery } from '../../src/proposals/proposals-query';
import { TextIndexService } from '../../src/search/text-index.service';
import { beijing, rows } from '../support/rows';
import { startTestApp, TestApp } from '../support/test-app';

/*
 * ProposalsQuery against the database, without HTTP: who sees which proposals (scope by role, and the
 * union for several roles), every filter, paging and batches, and the public list. Ten proposals,
 * inserted as rows, P1 oldest (lowest id) to P10 newest:
 *
 *        status     session lead kind       sector  other
 *   P1   draft      2026    M1   individual A
 *   P2   submitted  2026    M1   individual A       co-signed by M3; category economy
 *   P3   assigned   2026    M2   joint      B       co-signed by M1; society; key; U1 active, U2 returned
 *   P4   replied    2025    M2   individual B       overdue; U2 active; extension pending
 *   P5   draft      2026    -    sector     A       group draft filed by STAFF1
 *   P6   completed  2026    M3   individual A       U1; excellent; agreed to publish, round-0 reply public; completed 2026-06-10
 *   P7   completed  2025    M3   individual A       U1; agreed to publish, reply not public
 *   P8   completed  2026    M1   individual A       U1; reply public, did not agree to publish
 *   P9   completed  2026    M2   individual B       U2; agreed; rehandled once, only round 0's reply public
 *   P10  completed  2026    M2   individual B       U2; agreed; rehandled once, round 1's reply public; completed 2026-05-20
 */
describe('ProposalsQuery (integration: the database, no HTTP)', () => {
  let t: TestApp;
  let query: ProposalsQuery;
  const P: Record<string, number> = {};
  const who: Record<string, Actor> = {};
  let sectorB: number;
  let s2026: number;
  let u2: number;
  const ids = (list: Proposal[]) => list.map((p) => Object.entries(P).find(([, id]) => id === p.id)?.[0] ?? `#${p.id}`);
  const q = (fields: Partial<ProposalQuery> = {}) => Object.assign(new ProposalQuery(), fields);
  const listed = async (actor: Actor, fields: Partial<ProposalQuery> = {}) =>
    ids((await query.page(actor, q(fields))).items);

  beforeAll(async () => {
    t = await startTestApp();
    query = t.app.get(ProposalsQuery);
    const r = rows(t);
    const sectorA = (await t.make.sector()).id;
    sectorB = (await t.make.sector()).id;
    s2026 = (await t.make.session({ opensAt: beijing('2025-12-01'), closesAt: beijing('2026-03-01') })).id;
    const s2025 = (await t.make.session({ opensAt: beijing('2024-12-01'), closesAt: beijing('2025-03-01') })).id;
    const [m1, m2, m3] = [
      await t.make.member({ sectorId: sectorA }),
      await t.make.member({ sectorId: sectorB }),
      await t.make.member({ sectorId: sectorA }),
    ];
    const [u1, unit2] = [await t.make.unit(), await t.make.unit()];
    u2 = unit2.id;
    const users = {
      staff1: await r.user(['staff']),
      staff2: await r.user(['staff']),
      leader: await r.user(['leader']),
      m1: await r.user(['member'], { memberId: m1.id }),
      m2: await r.user(['member'], { memberId: m2.id }),
      m3: await r.user(['member'], { memberId: m3.id }),
      u1: await r.user(['unit'], { unitId: u1.id }),
      u2: await r.user(['unit'], { unitId: u2 }),
      m2AndU2: await r.user(['member', 'unit'], { memberId: m2.id, unitId: u2 }),
      facilitator: await r.user(['facilitator'], { pointId: (await t.make.point()).id }),
      admin: await r.user(['admin']),
    };
    for (const [k, u] of Object.entries(users)) who[k] = r.actor(u);

    const individual = async (key: string, lead: typeof m1, leadUser: number, fields: Partial<Proposal>) => {
      const p = await r.proposal({
        sessionId: s2026,
        leadMemberId: lead.id,
        filedByUserId: leadUser,
        sectorId: lead.sectorId,
        ...fields,
      });
      await r.signer(p.id, lead.id);
      P[key] = p.id;
      return p;
    };
    const completed = { status: 'completed' as const, agreeToPublish: true, completedAt: beijing('2026-04-01') };
    await individual('P1', m1, users.m1.id, { status: 'draft', submittedAt: null });
    await individual('P2', m1, users.m1.id, { category: 'economy' });
    await r.signer(P.P2, m3.id, { role: 'cosigner' });
    await individual('P3', m2, users.m2.id, {
      kind: 'joint',
      status: 'assigned',
      category: 'society',
      isKey: true,
      title: '关于推进老旧小区加装电梯的建议',
    });
    await r.signer(P.P3, m1.id, { role: 'cosigner' });
    await r.assignment(P.P3, u1.id);
    await r.assignment(P.P3, u2, { role: 'co', active: false, returnedAt: t.clock.now() });
    await individual('P4', m2, users.m2.id, { sessionId: s2025, status: 'replied', overdue: true });
    await r.assignment(P.P4, u2);
    await r.extension(P.P4, u2, users.u2.id);
    P.P5 = (
      await r.proposal({
        sessionId: s2026,
        kind: 'sector',
        status: 'draft',
        filedByUserId: users.staff1.id,
        sectorId: sectorA,
        groupName: '教育界',
        submittedAt: null,
      })
    ).id;
    await individual('P6', m3, users.m3.id, {
      ...completed,
      excellent: true,
      completedAt: beijing('2026-06-10'),
      title: '关于加强城市内涝治理的建议',
    });
    await r.assignment(P.P6, u1.id);
    await r.reply(P.P6, u1.id, users.u1.id, { isPublic: true });
    await individual('P7', m3, users.m3.id, { ...completed, sessionId: s2025 });
    await r.assignment(P.P7, u1.id);
    await r.reply(P.P7, u1.id, users.u1.id, { isPublic: false });
    await individual('P8', m1, users.m1.id, { ...completed, agreeToPublish: false });
    await r.assignment(P.P8, u1.id);
    await r.reply(P.P8, u1.id, users.u1.id, { isPublic: true });
    await individual('P9', m2, users.m2.id, { ...completed, sectorId: sectorB, rehandleCount: 1 });
    await r.assignment(P.P9, u2);
    await r.reply(P.P9, u2, users.u2.id, { round: 0, isPublic: true });
    await r.reply(P.P9, u2, users.u2.id, { round: 1, isPublic: false });
    await individual('P10', m2, users.m2.id, {
      ...completed,
      sectorId: sectorB,
      rehandleCount: 1,
      completedAt: beijing('2026-05-20'),
      title: '关于城市内涝点改造的建议',
    });
    await r.assignment(P.P10, u2);
    await r.reply(P.P10, u2, users.u2.id, { round: 0, isPublic: false });
    await r.reply(P.P10, u2, users.u2.id, { round: 1, isPublic: true });
  });
  afterAll(() => t?.close());

  it('staff see every proposal but drafts, newest first, and the group drafts they filed', async () => {
    expect(await listed(who.staff1)).toEqual(['P10', 'P9', 'P8', 'P7', 'P6', 'P5', 'P4', 'P3', 'P2']);
    expect(await listed(who.staff2)).toEqual(['P10', 'P9', 'P8', 'P7', 'P6', 'P4', 'P3', 'P2']);
    expect(await listed(who.leader)).toEqual(['P10', 'P9', 'P8', 'P7', 'P6', 'P4', 'P3', 'P2']);
  });

  it('a member sees what they sign as lead or co-signer, their own draft included', async () => {
    expect(await listed(who.m1)).toEqual(['P8', 'P3', 'P2', 'P1']);
    expect(await listed(who.m3)).toEqual(['P7', 'P6', 'P2']);
  });

  it('a unit sees its active assignments only, not one it returned', async () => {
    expect(await listed(who.u1)).toEqual(['P8', 'P7', 'P6', 'P3']);
    expect(await listed(who.u2)).toEqual(['P10', 'P9', 'P4']);
  });

  it('several roles see the union, each proposal once; accounts without proposals see none', async () => {
    const page = await query.page(who.m2AndU2, q());
    expect(ids(page.items)).toEqual(['P10', 'P9', 'P4', 'P3']);
    expect(page.total).toBe(4);
    expect((await query.page(who.facilitator, q())).total).toBe(0);
    expect((await query.page(who.admin, q())).total).toBe(0);
  });

  it('filters by status, session, year, category, sector, kind and unit (active assignments)', async () => {
    expect(await listed(who.staff2, { status: 'completed' })).toEqual(['P10', 'P9', 'P8', 'P7', 'P6']);
    expect(await listed(who.m1, { status: 'draft' })).toEqual(['P1']);
    expect(await listed(who.staff1, { status: 'draft' })).toEqual(['P5']);
    expect(await listed(who.staff2, { year: 2025 })).toEqual(['P7', 'P4']);
    expect(await listed(who.staff2, { sessionId: s2026, status: 'completed' })).toEqual(['P10', 'P9', 'P8', 'P6']);
    expect(await listed(who.staff2, { category: 'society' })).toEqual(['P3']);
    expect(await listed(who.staff2, { sectorId: sectorB })).toEqual(['P10', 'P9', 'P4', 'P3']);
    expect(await listed(who.staff2, { kind: 'joint' })).toEqual(['P3']);
    expect(await listed(who.staff2, { unitId: u2 })).toEqual(['P10', 'P9', 'P4']);
  });

  it('filters by the flags: key, overdue, excellent, a pending extension (and its absence)', async () => {
    expect(await listed(who.staff2, { key: true })).toEqual(['P3']);
    expect(await listed(who.staff2, { overdue: true })).toEqual(['P4']);
    expect(await listed(who.staff2, { excellent: true })).toEqual(['P6']);
    expect(await listed(who.staff2, { extensionPending: true })).toEqual(['P4']);
    expect(await listed(who.staff2, { extensionPending: false, sectorId: sectorB })).toEqual(['P10', 'P9', 'P3']);
    expect(await listed(who.m1, { key: false })).toEqual(['P8', 'P2', 'P1']);
  });

  it('pages: the total counts every match, the page holds its slice', async () => {
    const page = await query.page(who.staff1, q({ page: 2, pageSize: 4 }));
    expect(page).toMatchObject({ total: 9, page: 2, pageSize: 4 });
    expect(ids(page.items)).toEqual(['P6', 'P5', 'P4', 'P3']);
    expect(ids((await query.page(who.staff1, q({ page: 3, pageSize: 4 }))).items)).toEqual(['P2']);
  });

  it('hands every match over in batches, newest first, ignoring the page', async () => {
    const batches: string[][] = [];
    for await (const batch of query.batches(who.staff1, q({ page: 2, pageSize: 1 }), 4)) batches.push(ids(batch));
    expect(batches).toEqual([['P10', 'P9', 'P8', 'P7'], ['P6', 'P5', 'P4', 'P3'], ['P2']]);
    const unit: string[][] = [];
    for await (const batch of query.batches(who.u2, q(), 1)) unit.push(ids(batch));
    expect(unit).toEqual([['P10'], ['P9'], ['P4']]);
  });

  it('searches the indexed text with two-character terms, and one-character terms by LIKE', async () => {
    const index = t.app.get(TextIndexService);
    for (const id of [P.P3, P.P6, P.P10]) {
      const p = await t.ds.getRepository(Proposal).findOneByOrFail({ id });
      await index.reindex(
        t.ds.manager,
        'proposal',
        id,
        proposalFields({ ...p, suggestions: JSON.parse(p.suggestions) }),
      );
    }
    expect(await listed(who.staff2, { q: '内涝' })).toEqual(['P10', 'P6']);
    expect(await listed(who.staff2, { q: '内涝 改造' })).toEqual(['P10']);
    expect(await listed(who.staff2, { q: '电梯' })).toEqual(['P3']);
    expect(await listed(who.m3, { q: '内涝' })).toEqual(['P6']);
    expect(await listed(who.staff2, { q: '梯' })).toEqual(['P3']);
  });

  it('the public list: completed, agreed to publish, a public reply in the last round; latest completion first', async () => {
    const page = await query.publicPage(Object.assign(new PublicProposalQuery(), {}));
    expect(ids(page.items)).toEqual(['P6', 'P10']);
    expect(page.total).toBe(2);
    expect(ids((await query.publicPage(Object.assign(new PublicProposalQuery(), { q: '改造' }))).items)).toEqual([
      'P10',
    ]);
    expect(
      ids((await query.publicPage(Object.assign(new PublicProposalQuery(), { pageSize: 1, page: 2 }))).items),
    ).toEqual(['P10']);
  });
});
