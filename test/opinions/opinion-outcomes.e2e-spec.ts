import ExcelJS from 'exceljs';
import { account, Account, cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { binary } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

/** 社情民意 outcomes: 采用 by upper bodies (rules, refusals, who is told) and the year's statistics. */
describe('社情民意 采用 and statistics', () => {
  let t: TestApp;
  let c: Cast;
  let n = 0;
  const O = '/api/v1/opinions';

  const body = (extra: object = {}) => ({
    title: `关于城市内涝点整治的情况反映${++n}`,
    content: '部分下穿通道和老旧小区每逢暴雨即积水，排水管网标准偏低。建议分批改造并公布进度。',
    category: 'governance',
    ...extra,
  });
  const file = async (who: Account, extra: object = {}) => api(t, who, 'post', '/opinions', body(extra), 201);
  const submitted = async (who: Account, extra: object = {}) => {
    const o = await file(who, extra);
    return api(t, who, 'post', `/opinions/${o.id}/submit`, {});
  };
  const reviewed = async (who: Account, decision: string, extra: object = {}) => {
    const o = await submitted(who, extra);
    return api(t, c.staff, 'post', `/opinions/${o.id}/review`, { decision, reason: '理由' });
  };
  const adoption = (extra: object = {}) => ({
    level: 'provincial',
    bodyName: '省政协办公厅',
    issueText: '《政协信息》2026年第15期',
    adoptedOn: '2026-11-20',
    ...extra,
  });
  const adopt = (id: number, extra: object = {}) =>
    api(t, c.staff, 'post', `/opinions/${id}/adoptions`, adoption(extra), 201);
  const inbox = async (who: Account) =>
    (await api(t, who, 'get', '/notifications?pageSize=100')).items as Array<{
      kind: string;
      title: string;
      body: string;
    }>;

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
  }, 180_000);
  afterAll(() => t.close());

  it('staff record 采用 by the provincial CPPCC on an accepted item; every contributor is told and can read it', async () => {
    const o = await reviewed(c.lead, 'accept', { coContributorMemberIds: [c.co1.memberId] });
    const a = await adopt(o.id, { note: '省政协主席批转有关部门' });
    expect(a).toMatchObject({
      opinionId: o.id,
      level: 'provincial',
      levelLabel: '自治区政协',
      bodyName: '省政协办公厅',
      issueText: '《政协信息》2026年第15期',
      adoptedOn: '2026-11-20',
      note: '省政协主席批转有关部门',
    });
    await adopt(o.id, {
      level: 'national',
      bodyName: '全国政协办公厅',
      issueText: '《全国政协信息》第88期',
      adoptedOn: '2026-12-01',
    });
    for (const who of [c.lead, c.co1]) {
      const list = await api(t, who, 'get', `/opinions/${o.id}/adoptions`);
      expect(list.map((x: { levelLabel: string }) => x.levelLabel)).toEqual(['自治区政协', '全国政协']);
      const told = (await inbox(who)).filter((m) => m.kind === 'opinion.adopted');
      expect(told.map((m) => m.title)).toEqual(
        expect.arrayContaining(['您的社情民意信息被自治区政协采用', '您的社情民意信息被全国政协采用']),
      );
      expect(told.find((m) => m.title.includes('自治区政协'))?.body).toContain('《政协信息》2026年第15期');
    }
    // The staff member who recorded it is not told of their own step; someone outside the item finds nothing.
    expect((await inbox(c.staff)).some((m) => m.kind === 'opinion.adopted')).toBe(false);
    const other = await account(t, 'member');
    await api(t, other, 'get', `/opinions/${o.id}/adoptions`, undefined, 404);
    expect((await api(t, c.staff, 'get', `/opinions/${o.id}/adoptions`)).length).toBe(2);
  });

  it('a group item filed by staff: the filing account hears of its 采用', async () => {
    const sector = await t.make.sector();
    const o = await submitted(c.staff, { submitterKind: 'group', sectorId: sector.id });
    await api(t, c.staff, 'post', `/opinions/${o.id}/review`, { decision: 'accept' });
    const other = await account(t, 'staff');
    await api(
      t,
      other,
      'post',
      `/opinions/${o.id}/adoptions`,
      adoption({ level: 'city_party', bodyName: '市委办公室' }),
      201,
    );
    const told = (await inbox(c.staff)).find((m) => m.kind === 'opinion.adopted' && m.body.includes(o.title));
    expect(told?.title).toBe('您的社情民意信息被市委采用');
  });

  it('refuses 采用 before 编报 or after 存档 (409), bad input (400) and anyone but staff (403)', async () => {
    const sent = await submitted(c.lead);
    const refused = await t.http().post(`${O}/${sent.id}/adoptions`).set(c.staff.auth).send(adoption());
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'OPINION_NOT_ADOPTABLE',
      message: '社情民意信息当前为“已报送”，采用编报后才能登记上级采用',
    });
    const returned = await reviewed(c.lead, 'return');
    const archived = await reviewed(c.lead, 'archive');
    const draft = await file(c.staff, { submitterKind: 'organisation', groupName: '民进市委会' });
    for (const o of [returned, archived, draft]) {
      const res = await t.http().post(`${O}/${o.id}/adoptions`).set(c.staff.auth).send(adoption());
      expect(res.status).toBe(409);
    }
    // Another member's draft does not exist for staff.
    const memberDraft = await file(c.lead);
    await api(t, c.staff, 'post', `/opinions/${memberDraft.id}/adoptions`, adoption(), 404);
    await api(t, c.staff, 'post', `/opinions/999999/adoptions`, adoption(), 404);

    const ok = await reviewed(c.lead, 'accept');
    const bad = async (extra: object, field: string, message: string) => {
      const res = await t.http().post(`${O}/${ok.id}/adoptions`).set(c.staff.auth).send(adoption(extra));
      expect(res.status).toBe(400);
      expect(res.body.details.fields[field]).toEqual([message]);
    };
    await bad({ level: 'moon' }, 'level', '采用单位层级不正确');
    await bad({ level: '' }, 'level', '请选择采用单位层级');
    await bad({ adoptedOn: '2026-02-30' }, 'adoptedOn', '采用日期不是有效日期');
    await bad({ adoptedOn: '20 May' }, 'adoptedOn', '采用日期须为日期，如 2026-12-07');
    await bad({ bodyName: ' ' }, 'bodyName', '请填写采用单位');
    const unknown = await t
      .http()
      .post(`${O}/${ok.id}/adoptions`)
      .set(c.staff.auth)
      .send(adoption({ points: 5 }));
    expect(unknown.status).toBe(400);

    const member = await t.http().post(`${O}/${ok.id}/adoptions`).set(c.lead.auth).send(adoption());
    expect(member.status).toBe(403);
    for (const who of [c.leader, c.unit]) {
      await api(t, who, 'post', `/opinions/${ok.id}/adoptions`, adoption(), 403);
      await api(t, who, 'get', `/opinions/${ok.id}/adoptions`, undefined, 403);
    }
    expect(await api(t, c.lead, 'get', `/opinions/${ok.id}/adoptions`)).toEqual([]);
  });

  it('counts the year by member, sector, committee and month; 采用率 is null when nothing was submitted', async () => {
    const before = await api(t, c.staff, 'get', '/opinions/stats');
    const a = await account(t, 'member');
    const b = await account(t, 'member');
    const sector = await t.make.sector();
    const committee = await t.make.committee();
    // A: three submitted (one jointly with B) — one archived, two accepted, one of those 采用 twice (province, nation).
    await reviewed(a, 'archive');
    const joint = await reviewed(a, 'accept', { coContributorMemberIds: [b.memberId] });
    await adopt(joint.id, { level: 'provincial' });
    await adopt(joint.id, { level: 'national' });
    await reviewed(a, 'accept');
    await file(a); // a draft: never counted
    // The sector's item 采用 by 市政府; the committee's item waits on the desk.
    const bySector = await submitted(c.staff, { submitterKind: 'group', sectorId: sector.id });
    await api(t, c.staff, 'post', `/opinions/${bySector.id}/review`, { decision: 'accept' });
    await adopt(bySector.id, { level: 'city_government', bodyName: '市政府办公室' });
    await submitted(c.staff, { submitterKind: 'group', committeeId: committee.id });

    const s = await api(t, c.staff, 'get', '/opinions/stats');
    expect(s.levels.map((l: { label: string }) => l.label)).toEqual([
      '全国政协',
      '自治区政协',
      '市委',
      '市政府',
      '其他',
    ]);
    const rowOf = (rows: Array<{ key: number }>, key: number) => rows.find((r) => r.key === key);
    expect(rowOf(s.byMember, a.memberId!)).toMatchObject({
      submitted: 3,
      accepted: 2,
      adopted: 1,
      adoptedByLevel: { national: 1, provincial: 1, city_party: 0, city_government: 0, other: 0 },
      acceptRate: 66.7,
      adoptionRate: 33.3,
    });
    expect(rowOf(s.byMember, b.memberId!)).toMatchObject({ submitted: 1, accepted: 1, adopted: 1, adoptionRate: 100 });
    expect(rowOf(s.bySector, sector.id)).toMatchObject({
      label: sector.name,
      submitted: 1,
      adopted: 1,
      adoptedByLevel: { city_government: 1 },
    });
    expect(rowOf(s.byCommittee, committee.id)).toMatchObject({
      label: committee.name,
      submitted: 1,
      accepted: 0,
      adopted: 0,
      adoptionRate: 0,
    });
    expect(s.byMonth).toHaveLength(12);
    const month = new Date(Date.now() + 8 * 3600_000).getUTCMonth();
    const grew = (k: 'submitted' | 'accepted' | 'adopted') => s.byMonth[month][k] - before.byMonth[month][k];
    expect([grew('submitted'), grew('accepted'), grew('adopted')]).toEqual([5, 3, 2]);
    expect(s.total.submitted - before.total.submitted).toBe(5);
    expect(s.total.adoptedByLevel.national - before.total.adoptedByLevel.national).toBe(1);

    const empty = await api(t, c.staff, 'get', '/opinions/stats?year=1990');
    expect(empty.total).toMatchObject({ submitted: 0, adopted: 0, acceptRate: null, adoptionRate: null });
    expect(empty.byMember).toEqual([]);
    expect(empty.byMonth.every((r: { adoptionRate: null }) => r.adoptionRate === null)).toBe(true);
    expect((await api(t, c.leader, 'get', '/opinions/stats?year=2026')).year).toBe(2026);
    await api(t, c.lead, 'get', '/opinions/stats', undefined, 403);
    await api(t, c.unit, 'get', '/opinions/stats', undefined, 403);
    const bad = await t.http().get(`${O}/stats?year=abc`).set(c.staff.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.year).toContain('年度须为整数，如 2026');
  });

  it('earns each contributor duty points for 报送, 编报 and 采用 by level, in the record and the ranking alike', async () => {
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const a = await account(t, 'member');
    const b = await account(t, 'member');
    const joint = await reviewed(a, 'accept', { coContributorMemberIds: [b.memberId] });
    await adopt(joint.id, { level: 'national', issueText: '《全国政协信息》第7期', adoptedOn: `${year}-03-02` });
    await adopt(joint.id, { level: 'provincial', adoptedOn: `${year}-02-20` });
    await adopt(joint.id, { level: 'city_party', adoptedOn: `${year - 1}-12-30` }); // last year's: not this record's
    await reviewed(a, 'archive');
    await file(a); // a draft earns nothing

    const record = await api(t, c.staff, 'get', `/members/${a.memberId}/record?year=${year}`);
    const lines = record.lines
      .filter((l: { source: { type: string } }) => l.source.type === 'opinion')
      .map((l: { kind: string; points: number }) => [l.kind, l.points])
      .sort();
    expect(lines).toEqual(
      [
        ['opinionAccepted', 3],
        ['opinionAdoptedNational', 15],
        ['opinionAdoptedProvincial', 8],
        ['opinionSubmitted', 1],
        ['opinionSubmitted', 1],
      ].sort(),
    );
    expect(record.lines.find((l: { kind: string }) => l.kind === 'opinionAdoptedNational').label).toBe(
      `社情民意信息《${joint.title}》被全国政协采用（《全国政协信息》第7期）`,
    );
    expect(record.summary.opinions).toEqual({ submitted: 2, accepted: 1, adopted: 2, instructed: 0 });
    expect(record.points).toBe(28);
    expect(record.rules.points).toEqual(
      expect.arrayContaining([{ kind: 'opinionAdoptedNational', label: '社情民意信息被全国政协采用', points: 15 }]),
    );
    const co = await api(t, b, 'get', `/members/${b.memberId}/record?year=${year}`);
    expect(co.summary.opinions).toEqual({ submitted: 1, accepted: 1, adopted: 2, instructed: 0 });
    expect(co.points).toBe(27);
    const lastYear = await api(t, c.staff, 'get', `/members/${a.memberId}/record?year=${year - 1}`);
    expect(lastYear.lines.map((l: { kind: string }) => l.kind)).toEqual(['opinionAdoptedCity']);

    const { sectorId } = await api(t, c.staff, 'get', `/members/${a.memberId}`);
    const ranking = await api(t, c.staff, 'get', `/records?year=${year}&sectorId=${sectorId}&pageSize=100`);
    const row = ranking.items.find((r: { member: { id: number } }) => r.member.id === a.memberId);
    expect(row).toMatchObject({ points: 28, summary: { opinions: { submitted: 2, accepted: 1, adopted: 2 } } });
  });

  it('staff remove a 采用 entered by mistake: audited, the contributors told, their points gone; 403 for others, 404 elsewhere', async () => {
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const a = await account(t, 'member');
    const o = await reviewed(a, 'accept');
    const other = await reviewed(a, 'accept');
    const wrong = await adopt(o.id, {
      level: 'national',
      issueText: '《全国政协信息》第9期',
      adoptedOn: `${year}-01-05`,
    });
    const kept = await adopt(o.id, { level: 'provincial', adoptedOn: `${year}-01-06` });
    const points = async () => (await api(t, c.staff, 'get', `/members/${a.memberId}/record?year=${year}`)).points;
    const before = await points();
    const del = (who: Account, id: number, adoptionId: number) =>
      t.http().delete(`${O}/${id}/adoptions/${adoptionId}`).set(who.auth);

    for (const who of [a, c.leader, c.unit]) {
      const res = await del(who, o.id, wrong.id);
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await del(c.staff, other.id, wrong.id)).status).toBe(404); // not this item's
    expect((await del(c.staff, 999999, wrong.id)).status).toBe(404);

    expect((await del(c.staff, o.id, wrong.id)).status).toBe(204);
    expect((await api(t, a, 'get', `/opinions/${o.id}/adoptions`)).map((x: { id: number }) => x.id)).toEqual([kept.id]);
    expect(before - (await points())).toBe(15); // 全国政协's 15 points went with it
    const [entry] = await t.ds.query(
      "SELECT actorId, fromState, toState FROM audit_entries WHERE action = 'opinion.unadopt' AND entityId = ?",
      [String(o.id)],
    );
    expect(entry.actorId).toBe(c.staff.userId);
    expect(JSON.parse(entry.fromState)).toMatchObject({
      adoptionId: wrong.id,
      level: 'national',
      bodyName: '省政协办公厅',
    });
    const told = (await inbox(a)).filter((m) => m.kind === 'opinion.adoption_removed');
    expect(told.map((m) => m.title)).toEqual(['社情民意信息被全国政协采用的记录已删除']);
    expect(told[0].body).toContain('《全国政协信息》第9期');
    expect((await del(c.staff, o.id, wrong.id)).status).toBe(404); // gone
  });

  it('exports the statistics as a spreadsheet that reads back', async () => {
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const res = await t.http().get(`${O}/stats.xlsx`).set(c.staff.auth).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(`社情民意统计-${year}.xlsx`));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body);
    expect(book.worksheets.map((w) => w.name)).toEqual(['按委员', '按界别', '按专委会', '按月份']);
    const months = book.getWorksheet('按月份')!;
    expect((months.getRow(1).values as unknown[]).slice(1)).toEqual([
      '月份',
      '报送',
      '编报',
      '编报率（%）',
      '上级采用',
      '全国政协采用',
      '自治区政协采用',
      '市委采用',
      '市政府采用',
      '其他采用',
      '采用率（%）',
      '编入《社情民意》',
      '获领导批示',
      '获批示期数',
    ]);
    expect(months.getRow(14).getCell(1).value).toBe('合计');
    await t.http().get(`${O}/stats.xlsx`).set(c.lead.auth).expect(403);
  });
});
