import ExcelJS from 'exceljs';
import { Clock } from '../../src/common/clock';
import { loadRecordRules, RecordRules } from '../../src/stats/record-rules';
import { RECORD_SOURCES, RecordSource } from '../../src/stats/record-source';
import { RecordsService } from '../../src/stats/records.service';
import { binary } from '../support/http';
import { seedYear, SeededYear } from '../support/records';
import { startTestApp, TestApp } from '../support/test-app';

/** A's 2026, counted by hand from the seed (test/support/records.ts) under the shipped rules. */
const A_LINES: Array<[string, number, string]> = [
  ['proposalLeadAccepted', 15, 'proposal:p1'],
  ['proposalKey', 15, 'proposal:p1'],
  ['proposalExcellent', 10, 'proposal:p1'],
  ['proposalLeadAccepted', 15, 'proposal:p2'],
  ['proposalCosignedAccepted', 3, 'proposal:p6'],
  ['meetingAttended', 5, 'meeting:m1'],
  ['speech', 0, 'meeting:m1'],
  ['meetingExcused', 0, 'meeting:m2'],
  ['meetingAbsent', -5, 'meeting:m3'],
  ['meetingAbsent', -5, 'meeting:m5'],
  ['outcomeAdopted', 0, 'outcome'],
  ['visitAttended', 5, 'visit:v1'],
  ['visitExcused', 0, 'visit:v2'],
  ['visitAttended', 5, 'visit:v3'],
  ['visitAbsent', -5, 'visit:v4'],
];

describe('member duty records 履职档案', () => {
  let t: TestApp;
  let s: SeededYear;
  const get = (path: string, auth: { Authorization: string }) => t.http().get(`/api/v1${path}`).set(auth);

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedYear(t);
  });
  afterAll(() => t.close());

  const sourceKey = (l: { source: { type: string; id: number } }) => {
    if (l.source.type === 'outcome') return l.source.id === s.outcomeDone ? 'outcome' : `outcome:${l.source.id}`;
    const names = l.source.type === 'proposal' ? s.proposals : l.source.type === 'visit' ? s.visits : s.meetings;
    return `${l.source.type}:${Object.entries(names).find(([, id]) => id === l.source.id)?.[0] ?? l.source.id}`;
  };

  it("computes a member's year from the records, each points line pointing at its source", async () => {
    const r = (await get(`/members/${s.a.memberId}/record?year=2026`, s.a.auth).expect(200)).body;
    expect(r.year).toBe(2026);
    expect(r.summary).toEqual({
      proposals: { led: 3, ledAccepted: 2, key: 1, excellent: 1, cosigned: 1, cosignedAccepted: 1 },
      meetings: { invited: 5, attended: 1, excused: 1, absent: 2, unrecorded: 1 },
      speeches: 1,
      outcomesAdopted: 1,
      // Completed visits only (V5 planned, V6 cancelled): 参加 attended, 请假 excused, no answer absent.
      visits: { invited: 4, attended: 2, excused: 1, absent: 1, unrecorded: 0 },
      opinions: { submitted: 0, accepted: 0, adopted: 0, instructed: 0 },
    });
    const lines = r.lines.map((l: { kind: string; points: number; source: { type: string; id: number } }) => [
      l.kind,
      l.points,
      sourceKey(l),
    ]);
    expect([...lines].sort()).toEqual([...A_LINES].sort());
    // Proposals 58, meetings −5, visits +5: 53 + 5 = 58.
    expect(r.points).toBe(58);
    // The year is still running: the score so far (60 + 58, at most 100), no grade before it is over.
    expect(r).toMatchObject({
      score: 100,
      grade: '年度未结束',
      gradeFinal: false,
      rules: { name: '委员履职积分办法（默认）', baseScore: 60 },
    });
    expect(r.rules.version).toMatch(/^[0-9a-f]{12}$/);
    const p1 = r.lines.find((l: { kind: string }) => l.kind === 'proposalKey');
    expect(p1.source).toMatchObject({
      type: 'proposal',
      id: s.proposals.p1,
      title: '关于建设城市社区嵌入式养老服务设施的建议',
    });
    expect(p1.label).toBe('《关于建设城市社区嵌入式养老服务设施的建议》确定为重点提案');
    const m3 = r.lines.find(
      (l: { source: { id: number; type: string } }) => l.source.type === 'meeting' && l.source.id === s.meetings.m3,
    );
    expect(m3).toMatchObject({ label: '无故缺席：便民生活圈界别协商会', source: { at: '2026-06-18T01:00:00.000Z' } });
    expect(m3.source.topicId).toEqual(expect.any(Number));
    const v4 = r.lines.find((l: { kind: string }) => l.kind === 'visitAbsent');
    expect(v4).toMatchObject({
      label: '无故缺席调研：职业教育产教融合调研',
      points: -5,
      source: { type: 'visit', id: s.visits.v4, title: '职业教育产教融合调研', at: '2026-09-03T06:00:00.000Z' },
    });
    expect(r.lines.find((l: { kind: string }) => l.kind === 'visitExcused').label).toBe(
      '视察请假：黄河滩区生态治理视察',
    );
    // The lines run in time order.
    const times = r.lines.map((l: { source: { at: string } }) => Date.parse(l.source.at));
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  it('counts the co-signer and the lead of one proposal each for their part', async () => {
    const r = (await get(`/members/${s.co.memberId}/record?year=2026`, s.c.staff.auth).expect(200)).body;
    expect(r.summary.proposals).toEqual({
      led: 1,
      ledAccepted: 1,
      key: 0,
      excellent: 0,
      cosigned: 1,
      cosignedAccepted: 1,
    });
    expect(r.summary.meetings).toEqual({ invited: 5, attended: 0, excused: 0, absent: 0, unrecorded: 5 });
    expect(r.summary.visits).toEqual({ invited: 1, attended: 1, excused: 0, absent: 0, unrecorded: 0 });
    expect(r.points).toBe(23);
  });

  it('keeps each year to itself, and answers a year with no data with an empty record', async () => {
    const y2025 = (await get(`/members/${s.a.memberId}/record?year=2025`, s.a.auth).expect(200)).body;
    expect(y2025.lines.map((l: { kind: string; source: { id: number } }) => `${l.kind}:${l.source.id}`).sort()).toEqual(
      [
        `meetingAttended:${s.meetings.m2025}`,
        `proposalLeadAccepted:${s.proposals.p2025}`,
        `visitAttended:${s.visits.v2025}`,
      ].sort(),
    );
    expect(y2025.points).toBe(25);
    const empty = (await get(`/members/${s.a.memberId}/record?year=2019`, s.a.auth).expect(200)).body;
    // A past year is graded: nothing recorded keeps the base, 称职.
    expect(empty).toMatchObject({ year: 2019, lines: [], points: 0, score: 60, grade: '称职', gradeFinal: true });
    expect(empty.summary.meetings).toEqual({ invited: 0, attended: 0, excused: 0, absent: 0, unrecorded: 0 });
    expect(empty.summary.visits).toEqual({ invited: 0, attended: 0, excused: 0, absent: 0, unrecorded: 0 });
    // Without ?year=, the current year on the display clock (the seed moved it into 2026).
    expect((await get(`/members/${s.a.memberId}/record`, s.a.auth).expect(200)).body.year).toBe(2026);
  });

  it("refuses another member's record (403), other roles (403) and a bad year (400); an unknown member is 404", async () => {
    const other = await get(`/members/${s.co.memberId}/record?year=2026`, s.a.auth).expect(403);
    expect(other.body).toMatchObject({ statusCode: 403, message: '只能查看本人的履职档案' });
    await get(`/members/${s.a.memberId}/record`, s.c.unit.auth).expect(403);
    await get(`/members/${s.a.memberId}/record`, { Authorization: `Bearer ${await t.tokenFor('admin')}` }).expect(403);
    await t.http().get(`/api/v1/members/${s.a.memberId}/record`).expect(401);
    const bad = await get(`/members/${s.a.memberId}/record?year=abc`, s.a.auth).expect(400);
    expect(bad.body.details.fields.year).toEqual(expect.arrayContaining(['年度须为整数，如 2026']));
    await get(`/members/${s.a.memberId}/record?year=2026&extra=1`, s.a.auth).expect(400);
    await get('/members/999999/record', s.c.leader.auth).expect(404);
  });

  it('ranks the members for staff by points, by sector and committee, the same points as each record', async () => {
    const all = (await get('/records?year=2026', s.c.staff.auth).expect(200)).body;
    const mine = new Set([s.a.memberId, s.co.memberId, s.idle.memberId]);
    const rows = all.items.filter((r: { member: { id: number } }) => mine.has(r.member.id));
    expect(
      rows.map((r: { member: { id: number }; points: number; rank: number }) => [r.member.id, r.points, r.rank]),
    ).toEqual([
      [s.a.memberId, 58, 1],
      [s.co.memberId, 23, 2],
      [s.idle.memberId, 0, 3],
    ]);
    expect(rows[0].summary.speeches).toBe(1);
    expect(rows[0].summary.visits).toEqual({ invited: 4, attended: 2, excused: 1, absent: 1, unrecorded: 0 });
    const elsewhere = await t.make.sector();
    const lone = await t.make.member({ sectorId: elsewhere.id });
    const bySector = (await get(`/records?year=2026&sectorId=${elsewhere.id}`, s.c.leader.auth).expect(200)).body;
    expect(bySector.items.map((r: { member: { id: number } }) => r.member.id)).toEqual([lone.id]);
    const committee = await t.make.committee();
    await t
      .http()
      .patch(`/api/v1/members/${s.co.memberId}`)
      .set(s.c.staff.auth)
      .send({ committeeIds: [committee.id] })
      .expect(200);
    const byCommittee = (await get(`/records?year=2026&committeeId=${committee.id}`, s.c.staff.auth).expect(200)).body;
    expect(
      byCommittee.items.map((r: { member: { id: number; committees: string[] } }) => [
        r.member.id,
        r.member.committees,
      ]),
    ).toEqual([[s.co.memberId, [committee.name]]]);
    const paged = (await get('/records?year=2026&pageSize=1&page=2', s.c.staff.auth).expect(200)).body;
    expect(paged).toMatchObject({ page: 2, pageSize: 1, total: all.total + 1 });
    await get('/records', s.a.auth).expect(403);
    await get('/records', s.c.unit.auth).expect(403);
  });

  it("exports every member's record of the year as a spreadsheet that reads back", async () => {
    const res = await get('/records/export.xlsx?year=2026', s.c.staff.auth).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('委员履职档案-2026.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('2026年度');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '名次',
      '委员',
      '界别',
      '专委会',
      '领衔提案',
      '领衔立案',
      '重点提案',
      '优秀提案',
      '附议提案',
      '附议立案',
      '应参加会议',
      '出席',
      '请假',
      '缺席',
      '发言',
      '成果采纳',
      '应参加视察调研',
      '参加视察调研',
      '视察调研请假',
      '视察调研缺席',
      '社情民意报送',
      '社情民意编报',
      '社情民意被上级采用',
      '社情民意获领导批示',
      '积分',
      '得分',
      '等次',
    ]);
    const name = (await t.http().get(`/api/v1/members/${s.a.memberId}`).set(s.c.staff.auth)).body.name;
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(2).value === name)!;
    expect((row.values as unknown[]).slice(1)).toEqual([
      1,
      name,
      '教育界',
      undefined,
      3,
      2,
      1,
      1,
      1,
      1,
      5,
      1,
      1,
      2,
      1,
      1,
      4,
      2,
      1,
      1,
      0,
      0,
      0,
      0,
      58,
      100,
      '年度未结束',
    ]);
    await get('/records/export.xlsx', s.a.auth).expect(403);
  });

  it('recomputes with changed rules: the same records, other points, the rules named in the record', async () => {
    const shipped = loadRecordRules();
    const set = shipped.ruleSets[0];
    const changed: RecordRules = {
      ruleSets: [
        {
          ...set,
          name: '2026年修订',
          points: { ...set.points, speech: 2, outcomeAdopted: 5 },
          plenaryMeetingKinds: ['key'],
          baseScore: 30,
          version: 'changed00000',
        },
      ],
    };
    const service = new RecordsService(
      t.ds,
      t.app.get(Clock),
      changed,
      t.app.get<RecordSource[]>(RECORD_SOURCES),
      t.config,
    );
    const r = await service.recordOf(s.a.memberId!, 2026);
    // 58, plus a speech (2) and an adopted outcome (5); the 重点协商会 absence is now a plenary one (−10 instead of −5).
    expect(r.points).toBe(60);
    expect(r).toMatchObject({
      score: 90,
      grade: '年度未结束',
      rules: { name: '2026年修订', version: 'changed00000', baseScore: 30 },
    });
    expect(r.lines.find((l) => l.source.id === s.meetings.m5 && l.source.type === 'meeting')).toMatchObject({
      kind: 'plenaryAbsent',
      points: -10,
    });
    const ranked = (await service.rows(service.yearOf(2026))).find((row) => row.member.id === s.a.memberId)!;
    expect([ranked.points, ranked.score, ranked.grade]).toEqual([60, 90, '年度未结束']);
    // The running app still scores by the shipped rules.
    expect((await get(`/members/${s.a.memberId}/record?year=2026`, s.a.auth).expect(200)).body.points).toBe(58);
  });

  it("counts the year's visits on the dashboard: held, planned, cancelled, and members' participation as the records count it", async () => {
    const d = (await get('/stats/dashboard?year=2026', s.c.leader.auth).expect(200)).body;
    // V1–V4 completed, V5 planned, V6 cancelled; A took part in 2 of 4, CO in 1 of 1.
    expect(d.visits).toEqual({
      completed: 4,
      planned: 1,
      cancelled: 1,
      attendance: { numerator: 3, denominator: 5, rate: 0.6 },
      membersTookPart: 2,
    });
    expect(d.participation.find((p: { name: string }) => p.name === '教育界').visitAttendance).toEqual({
      numerator: 3,
      denominator: 5,
      rate: 0.6,
    });
    expect((await get('/stats/dashboard?year=2025', s.c.leader.auth).expect(200)).body.visits).toMatchObject({
      completed: 1,
      planned: 0,
      attendance: { numerator: 1, denominator: 1 },
    });
    await get('/stats/dashboard', s.a.auth).expect(403);
  });

  it('filters proposals and topics by year for the lists behind the dashboard', async () => {
    expect((await get('/proposals?year=2026', s.c.staff.auth).expect(200)).body.total).toBe(4);
    expect((await get('/proposals?year=2025', s.c.staff.auth).expect(200)).body.total).toBe(1);
    expect(
      (await get('/proposals?year=2026&key=true', s.c.staff.auth).expect(200)).body.items.map(
        (p: { id: number }) => p.id,
      ),
    ).toEqual([s.proposals.p1]);
    expect((await get('/stats/proposals?year=2026', s.c.staff.auth).expect(200)).body.total).toBe(4);
    expect((await get('/topics?year=2026', s.c.staff.auth).expect(200)).body.total).toBe(2);
    expect((await get('/topics?year=2025', s.c.staff.auth).expect(200)).body.total).toBe(0);
  });
});
