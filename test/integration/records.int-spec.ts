import { Actor } from '../../src/common/actor';
import { MemberCommittee } from '../../src/directory/directory.entities';
import { Proposal } from '../../src/proposals/proposal.entities';
import { RankingQuery } from '../../src/stats/dto/record.dto';
import { RecordsService } from '../../src/stats/records.service';
import { beijing, rows } from '../support/rows';
import { startTestApp, TestApp } from '../support/test-app';

/*
 * RecordsService (履职档案) over its three sources against the database, without HTTP, scored by the
 * default rules (config/records.json: 领衔立案 15, 附议立案 3, 重点 15, 优秀 10, 出席 5, 缺席 −5, 视察调研
 * 参加 5, 无故缺席 −5, the rest 0; base 60; grades 90/80/60, given once the year is over). Members 艾履职 (A) and 白履职 (B) of sector X,
 * 陈履职 (C) and 丁履职 (D) of sector Y, A and C in committee K; 鄂履职 (E) disabled.
 * A's 2026, by hand:
 *   proposals of the 2026 session  PA1 led, accepted, key and excellent (15+15+10); PA2 led, completed (15);
 *                                  PA3 led, only submitted (0); PA4 a draft (not counted); PB1 led by B,
 *                                  co-signed by A, assigned (3); PB2 led by B, A invited but not confirmed
 *   meetings                       M1 present (5) and a speech (0); M2 请假 (0); M3 absent (−5); M4 not recorded
 *   outcomes                       one of A's topics done in July (0)
 *   visits (completed)             V1 参加 (5), V2 请假 (0), V3 no answer (−5), V6 参加 (5); V4 planned and
 *                                  V5 cancelled, both accepted, do not count
 *   = 63, 称职.  B: PB1 and PB2 led and accepted (15+15), V1 参加 (5) = 35.  C: M1 present, M2 absent = 0;
 *   a rejected proposal led.  D: nothing.
 * A's 2025: PA5 led and accepted in the 2025 session (15), M0 present (5), an outcome done in 2025 = 20.
 */
describe('RecordsService (integration: the database, no HTTP)', () => {
  let t: TestApp;
  let records: RecordsService;
  const m: Record<'A' | 'B' | 'C' | 'D' | 'E', number> = { A: 0, B: 0, C: 0, D: 0, E: 0 };
  const who: Record<string, Actor> = {};
  let sectorX: number;
  let committeeK: number;
  let committeeName: string;
  const ranking = (fields: Partial<RankingQuery> = {}) =>
    records.ranking(Object.assign(new RankingQuery(), { year: 2026, ...fields }));

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set(beijing('2026-11-20', 10));
    records = t.app.get(RecordsService);
    const r = rows(t);
    sectorX = (await t.make.sector('履职测试界别甲')).id;
    const sectorY = (await t.make.sector('履职测试界别乙')).id;
    const k = await t.make.committee('履职测试委员会');
    committeeK = k.id;
    committeeName = k.name;
    const names = { A: '艾履职', B: '白履职', C: '陈履职', D: '丁履职', E: '鄂履职' };
    for (const key of ['A', 'B', 'C', 'D', 'E'] as const) {
      m[key] = (
        await t.make.member({
          name: names[key],
          sectorId: key === 'A' || key === 'B' ? sectorX : sectorY,
          disabled: key === 'E',
        })
      ).id;
    }
    for (const key of ['A', 'C'] as const)
      await t.ds.getRepository(MemberCommittee).save({ memberId: m[key], committeeId: committeeK });
    const staff = await r.user(['staff']);
    const users = {
      A: await r.user(['member'], { memberId: m.A }),
      B: await r.user(['member'], { memberId: m.B }),
      C: await r.user(['member'], { memberId: m.C }),
    };
    who.A = r.actor(users.A);
    who.B = r.actor(users.B);
    who.staff = r.actor(staff);
    who.leader = r.actor(await r.user(['leader']));
    who.unit = r.actor(await r.user(['unit'], { unitId: (await t.make.unit()).id }));

    const s2026 = (await t.make.session({ opensAt: beijing('2025-12-01'), closesAt: beijing('2026-03-01') })).id;
    const s2025 = (await t.make.session({ opensAt: beijing('2024-12-01'), closesAt: beijing('2025-03-01') })).id;
    const led = async (lead: 'A' | 'B' | 'C', fields: Partial<Proposal>) => {
      const p = await r.proposal({ sessionId: s2026, leadMemberId: m[lead], filedByUserId: users[lead].id, ...fields });
      await r.signer(p.id, m[lead]);
      return p;
    };
    await led('A', {
      status: 'accepted',
      isKey: true,
      excellent: true,
      reviewedAt: beijing('2026-03-05'),
      title: '关于社区养老的建议',
    });
    await led('A', { status: 'completed', reviewedAt: beijing('2026-03-06') });
    await led('A', { status: 'submitted' });
    await led('A', { status: 'draft' });
    const pb1 = await led('B', { status: 'assigned', reviewedAt: beijing('2026-03-07'), title: '关于湿地保护的建议' });
    await r.signer(pb1.id, m.A, { role: 'cosigner' });
    const pb2 = await led('B', { status: 'accepted', reviewedAt: beijing('2026-03-08') });
    await r.signer(pb2.id, m.A, { role: 'cosigner', status: 'invited', confirmedAt: null });
    await led('A', { sessionId: s2025, status: 'accepted', reviewedAt: beijing('2025-02-01') });
    await led('C', { status: 'rejected', reviewedAt: beijing('2026-03-09') });

    const topic = await r.topic({ organizerId: committeeK, raisedByUserId: staff.id });
    const meeting = async (
      day: string,
      attendance: Partial<Record<'A' | 'C', 'present' | 'excused' | 'absent' | null>>,
      speechBy?: 'A',
    ) => {
      const mt = await r.meeting(topic.id, beijing(day), { title: `${day}协商会` });
      for (const [key, value] of Object.entries(attendance)) {
        const p = await r.participant(mt, { memberId: m[key as 'A' | 'C'], attendance: value });
        if (speechBy === key) await r.speech(p, staff.id);
      }
    };
    await meeting('2025-12-10', { A: 'present' });
    await meeting('2026-04-16', { A: 'present', C: 'present' }, 'A');
    await meeting('2026-05-20', { A: 'excused', C: 'absent' });
    await meeting('2026-06-18', { A: 'absent' });
    await meeting('2026-10-15', { A: null });
    const raised = await r.topic({
      organizerId: committeeK,
      raisedByUserId: users.A.id,
      level: 'community',
      source: 'member',
    });
    await r.outcome(raised.id, staff.id, { status: 'done', closedAt: beijing('2026-07-01'), text: '增设临时停车位' });
    await r.outcome(raised.id, staff.id, { status: 'done', closedAt: beijing('2025-06-01') });
    await r.outcome(raised.id, staff.id, { status: 'in_progress' });

    const visit = async (
      day: string,
      status: 'planned' | 'completed' | 'cancelled',
      answers: Partial<Record<'A' | 'B', 'accepted' | 'declined' | 'pending'>>,
    ) => {
      const v = await r.visit(beijing(day), {
        status,
        organizerId: committeeK,
        createdByUserId: staff.id,
        title: `${day}调研`,
      });
      for (const [key, answer] of Object.entries(answers))
        await r.invite(v.id, { memberId: m[key as 'A' | 'B'] }, { answer });
    };
    await visit('2026-03-10', 'completed', { A: 'accepted', B: 'accepted' });
    await visit('2026-05-10', 'completed', { A: 'declined' });
    await visit('2026-09-10', 'completed', { A: 'pending' });
    await visit('2026-12-10', 'planned', { A: 'accepted' });
    await visit('2026-08-10', 'cancelled', { A: 'accepted' });
    await visit('2026-11-10', 'completed', { A: 'accepted' });
  });
  afterAll(() => t?.close());

  it('counts a member’s year from proposals, meetings, outcomes and visits', async () => {
    const record = await records.record(who.A, m.A, 2026);
    expect(record.summary).toEqual({
      proposals: { led: 3, ledAccepted: 2, key: 1, excellent: 1, cosigned: 1, cosignedAccepted: 1 },
      meetings: { invited: 4, attended: 1, excused: 1, absent: 1, unrecorded: 1 },
      speeches: 1,
      outcomesAdopted: 1,
      visits: { invited: 4, attended: 2, excused: 1, absent: 1, unrecorded: 0 },
      opinions: { submitted: 0, accepted: 0, adopted: 0, instructed: 0 },
    });
    // 2026 is still running on the clock (2026-11-20): the score so far, no grade yet.
    expect(record).toMatchObject({ year: 2026, points: 63, score: 100, grade: '年度未结束', gradeFinal: false });
    expect(record.member).toEqual({
      id: m.A,
      name: '艾履职',
      sectorId: sectorX,
      sectorName: '履职测试界别甲',
      committees: [committeeName],
    });
  });

  it('lists every points line in time order, each with its rule’s points and its source', async () => {
    const { lines } = await records.record(who.staff, m.A, 2026);
    expect(lines.map((l) => [l.kind, l.points])).toEqual([
      ['proposalLeadAccepted', 15],
      ['proposalKey', 15],
      ['proposalExcellent', 10],
      ['proposalLeadAccepted', 15],
      ['proposalCosignedAccepted', 3],
      ['visitAttended', 5],
      ['meetingAttended', 5],
      ['speech', 0],
      ['visitExcused', 0],
      ['meetingExcused', 0],
      ['meetingAbsent', -5],
      ['outcomeAdopted', 0],
      ['visitAbsent', -5],
      ['visitAttended', 5],
    ]);
    expect(lines[0]).toMatchObject({
      label: '领衔的提案《关于社区养老的建议》立案',
      source: { type: 'proposal', title: '关于社区养老的建议', at: beijing('2026-03-05') },
    });
    expect(lines[4]).toMatchObject({
      label: '附议的提案《关于湿地保护的建议》立案',
      source: { type: 'proposal', id: expect.any(Number) },
    });
    expect(lines[11].source).toMatchObject({ type: 'outcome', title: '增设临时停车位', at: beijing('2026-07-01') });
  });

  it('counts another year apart, and the current year (by the clock) when none is given', async () => {
    const y2025 = await records.record(who.A, m.A, 2025);
    expect(y2025.lines.map((l) => l.kind)).toEqual(['proposalLeadAccepted', 'outcomeAdopted', 'meetingAttended']);
    // 2025 is over: graded, 60 + 20 = 80.
    expect(y2025).toMatchObject({ year: 2025, points: 20, score: 80, grade: '良好', gradeFinal: true });
    expect(y2025.summary.visits).toEqual({ invited: 0, attended: 0, excused: 0, absent: 0, unrecorded: 0 });
    expect(await records.record(who.A, m.A)).toMatchObject({ year: 2026, points: 63 });
  });

  it('lets the member, staff and leaders read a record, and no one else', async () => {
    await expect(records.record(who.leader, m.A, 2026)).resolves.toMatchObject({ points: 63 });
    await expect(records.record(who.B, m.A, 2026)).rejects.toMatchObject({
      statusCode: 403,
      message: '只能查看本人的履职档案',
    });
    await expect(records.record(who.unit, m.A, 2026)).rejects.toMatchObject({
      statusCode: 403,
      message: '无权查看委员履职档案',
    });
    await expect(records.record(who.staff, 999999, 2026)).rejects.toMatchObject({
      statusCode: 404,
      code: 'MEMBER_NOT_FOUND',
    });
  });

  it('ranks every enabled member by points; equal points share a rank, then by name', async () => {
    const view = await ranking();
    expect(view.items.map((row) => [row.rank, row.member.name, row.points, row.grade])).toEqual([
      [1, '艾履职', 63, '年度未结束'],
      [2, '白履职', 35, '年度未结束'],
      [3, '陈履职', 0, '年度未结束'],
      [3, '丁履职', 0, '年度未结束'],
    ]);
    expect(view).toMatchObject({
      total: 4,
      year: 2026,
      running: true,
      rules: { name: '委员履职积分办法（默认）', baseScore: 60 },
    });
    expect(view.items[2].summary).toMatchObject({
      proposals: { led: 1, ledAccepted: 0 },
      meetings: { invited: 2, attended: 1, absent: 1 },
    });
  });

  it('ranks within a sector or a committee, with the same counters', async () => {
    const sector = await ranking({ sectorId: sectorX });
    expect(sector.items.map((row) => [row.rank, row.member.name, row.points])).toEqual([
      [1, '艾履职', 63],
      [2, '白履职', 35],
    ]);
    expect(sector.items[0].summary).toEqual((await records.record(who.A, m.A, 2026)).summary);
    expect(
      (await ranking({ committeeId: committeeK })).items.map((row) => [row.rank, row.member.name, row.points]),
    ).toEqual([
      [1, '艾履职', 63],
      [2, '陈履职', 0],
    ]);
  });

  it('pages the ranking, ranks counted over all rows', async () => {
    const page = await ranking({ page: 2, pageSize: 2 });
    expect(page).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(page.items.map((row) => [row.rank, row.member.name])).toEqual([
      [3, '陈履职'],
      [3, '丁履职'],
    ]);
  });

  it('ranks the 2025 year by its own records', async () => {
    expect((await ranking({ year: 2025 })).items.map((row) => [row.rank, row.member.name, row.points])).toEqual([
      [1, '艾履职', 20],
      [2, '白履职', 0],
      [2, '陈履职', 0],
      [2, '丁履职', 0],
    ]);
  });
});
