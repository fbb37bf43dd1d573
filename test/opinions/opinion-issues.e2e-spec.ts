import { ReportIssueCounter } from '../../src/reports/report.entities';
import { Account, account, cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { binary } from '../support/http';
import { pdfFacts } from '../support/pdf-tools';
import { signedOff } from '../support/signoff';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * 社情民意: the 综合 merge of accepted items and issues of 《社情民意》 (第N期) through the documents' draft →
 * 签发 → deliver loop — the counter its own, the items compiled, the contributors told, the refusals.
 */
describe('社情民意: 综合 merge and issues', () => {
  let t: TestApp;
  let c: Cast;
  let n = 0;

  /** A submitted item of `who` (with co-contributors), accepted by staff. */
  const accepted = async (who: Account, co: Account[] = [], title = '') => {
    const o = await api(
      t,
      who,
      'post',
      '/opinions',
      {
        title: title || `关于老旧小区电动自行车充电难的情况反映${++n}`,
        content: '老旧小区普遍缺少集中充电设施，存在较大消防隐患。\n建议统筹建设充电车棚。',
        category: 'livelihood',
        coContributorMemberIds: co.map((x) => x.memberId),
      },
      201,
    );
    await api(t, who, 'post', `/opinions/${o.id}/submit`, {});
    return api(t, c.staff, 'post', `/opinions/${o.id}/review`, { decision: 'accept' });
  };
  const submitted = async (who: Account) => {
    const o = await api(
      t,
      who,
      'post',
      '/opinions',
      { title: `待审的信息${++n}`, content: '内容。', category: 'other' },
      201,
    );
    return api(t, who, 'post', `/opinions/${o.id}/submit`, {});
  };
  const notices = async (who: Account, kind: string) =>
    (
      (await api(t, who, 'get', '/notifications?pageSize=100')).items as Array<{
        kind: string;
        body: string;
        link: string;
      }>
    ).filter((m) => m.kind === kind);
  const pdf = async (who: Account, url: string) =>
    pdfFacts((await t.http().get(url).set(who.auth).buffer(true).parse(binary).expect(200)).body as Buffer).squeezed;

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
  }, 180_000);
  afterAll(() => t.close());

  it('merges accepted items into one 综合 item keeping every contributor; the sources stay readable and link to it', async () => {
    const a = await accepted(c.lead, [c.co1]);
    const b = await accepted(c.co2);
    const merged = await api(
      t,
      c.staff,
      'post',
      '/opinions/merge',
      { ids: [a.id, b.id], title: '关于电动自行车充电难问题的综合反映', content: '综合两条信息。' },
      201,
    );
    expect(merged).toMatchObject({
      status: 'accepted',
      submitterKind: 'combined',
      submitterKindLabel: '综合',
      title: '关于电动自行车充电难问题的综合反映',
      mergedFrom: [
        { id: a.id, title: a.title },
        { id: b.id, title: b.title },
      ],
      mergedInto: null,
    });
    expect(
      merged.contributors.map((x: Record<string, unknown>) => [x.position, x.memberId, x.sourceOpinionId]),
    ).toEqual([
      [1, c.lead.memberId, a.id],
      [2, c.co1.memberId, a.id],
      [3, c.co2.memberId, b.id],
    ]);
    for (const [who, id] of [
      [c.lead, a.id],
      [c.co2, b.id],
    ] as const) {
      const source = await api(t, who, 'get', `/opinions/${id}`);
      expect(source).toMatchObject({ status: 'merged', statusLabel: '已合并', mergedInto: { id: merged.id } });
      // Each contributor reads the 综合 item that carries their name.
      await api(t, who, 'get', `/opinions/${merged.id}`);
    }
    expect((await notices(c.co1, 'opinion.merged'))[0]?.body).toContain('关于电动自行车充电难问题的综合反映');
    expect(await notices(c.co2, 'opinion.merged')).toHaveLength(1);
  });

  it('refuses a merge: fewer than two 400, a source not accepted 409 (nothing changed), members and leaders 403', async () => {
    const a = await accepted(c.lead);
    const s = await submitted(c.lead);
    const body = (ids: number[]) => ({ ids, title: '综合', content: '正文' });
    const one = await api(t, c.staff, 'post', '/opinions/merge', body([a.id]), 400);
    expect(one.details.fields.ids).toEqual(['合并的信息至少选择 2 条信息']);
    await api(t, c.staff, 'post', '/opinions/merge', { ...body([a.id, s.id]), urgent: true }, 400);
    const wrong = await api(t, c.staff, 'post', '/opinions/merge', body([a.id, s.id]), 409);
    expect(wrong.message).toBe('社情民意信息当前为“已报送”，不能合并为综合信息');
    expect((await api(t, c.staff, 'get', `/opinions/${a.id}`)).status).toBe('accepted');
    const b = await accepted(c.co1);
    for (const who of [c.lead, c.leader, c.unit]) await api(t, who, 'post', '/opinions/merge', body([a.id, b.id]), 403);
    await api(t, c.staff, 'post', '/opinions/merge', body([a.id, 999999]), 404);
    await api(t, c.staff, 'post', '/opinions/merge', body([a.id, b.id]), 201);
    await api(t, c.staff, 'post', '/opinions/merge', body([a.id, b.id]), 409);
  });

  it('compiles a 综合 issue: a draft pre-filled from the items, signed as 第1期 of its own counter, delivered; items compiled; contributors told of it, of a 批示 on it and of its 交办事项 done', async () => {
    const a = await accepted(c.lead, [c.co1], '关于老旧小区加装电梯推进缓慢的情况反映');
    const b = await accepted(c.co2, [], '关于农村客运班线停运影响出行的情况反映');
    const issue = await api(t, c.staff, 'post', '/opinions/issues', { opinionIds: [a.id, b.id] }, 201);
    expect(issue).toMatchObject({
      form: 'combined',
      formLabel: '综合',
      report: { kind: 'opinion-issue', kindLabel: '社情民意', stage: 'draft', issueNo: null },
      items: [{ id: a.id }, { id: b.id }],
    });
    const id = issue.report.id as number;
    const item = await api(t, c.lead, 'get', `/opinions/${a.id}`);
    expect(item).toMatchObject({
      status: 'compiled',
      statusLabel: '已编入刊物',
      issue: { reportId: id, issueNo: null, label: '《社情民意》（待签发）' },
    });
    await t.jobs.finished('reports', `report:${id}`);
    const { body: text } = await t.http().get(`/api/v1/reports/${id}/text`).set(c.staff.auth).expect(200);
    expect(text.text.title).toBe('关于老旧小区加装电梯推进缓慢的情况反映等2条社情民意');
    expect(text.text.sections.map((s: { key: string; heading: string }) => [s.key, s.heading])).toEqual([
      ['item.1', a.title],
      ['item.2', b.title],
    ]);
    const names = (await api(t, c.staff, 'get', `/opinions/${a.id}`)).contributorNames.split('、');
    expect(text.text.sections[0].paragraphs).toEqual([
      '老旧小区普遍缺少集中充电设施，存在较大消防隐患。',
      '建议统筹建设充电车棚。',
      `（${names.join('、')}委员反映）`,
    ]);
    expect(await pdf(c.staff, `/api/v1/reports/${id}/file`)).toContain('送审稿');
    // Not yet signed: not deliverable.
    const early = await api(t, c.staff, 'post', `/opinions/issues/${id}/deliver`, {}, 409);
    expect(early.code).toBe('REPORT_NOT_SIGNED');

    const signed = await signedOff(t, c.staff, c.leader, id);
    expect(signed).toMatchObject({ stage: 'signed', issueNo: 1, status: 'done' });
    const counters = await t.ds.getRepository(ReportIssueCounter).findBy({ publication: '社情民意' });
    expect(counters.map((x) => x.last)).toEqual([1]);
    const squeezed = await pdf(c.staff, `/api/v1/reports/${id}/file`);
    for (const words of [
      '社情民意',
      '第1期',
      '政协吴忠市委员会办公室',
      '签发人',
      '一、',
      a.title,
      b.title,
      '报：市委，市政府。',
      '送：自治区政协。',
    ])
      expect(squeezed).toContain(words.replace(/\s/g, ''));
    expect(squeezed).not.toContain('送审稿');
    expect(squeezed).not.toContain('协商要报');

    const delivered = await api(t, c.staff, 'post', `/opinions/issues/${id}/deliver`, {});
    expect(delivered.report.deliveries.map((d: { recipient: { id: number } }) => d.recipient.id)).toContain(
      c.leader.userId,
    );
    const inbox = await api(t, c.leader, 'get', '/inbox');
    expect(inbox.items.map((i: { report: { id: number } }) => i.report.id)).toContain(id);
    const year = (await api(t, c.lead, 'get', `/opinions/${a.id}`)).issue.year as number;
    expect((await api(t, c.lead, 'get', `/opinions/${a.id}`)).issue).toMatchObject({
      issueNo: 1,
      label: `《社情民意》${year}年第1期`,
    });
    for (const who of [c.lead, c.co1, c.co2])
      expect((await notices(who, 'opinion.issued'))[0]?.body).toContain(`已编入《社情民意》${year}年第1期`);
    // Delivering again tells no one twice.
    await api(t, c.staff, 'post', `/opinions/issues/${id}/deliver`, {});
    expect(await notices(c.co2, 'opinion.issued')).toHaveLength(1);
    // A leader it was delivered to records a 批示 on it, as on any delivered document; every contributor hears it.
    const instruction = await api(
      t,
      c.leader,
      'post',
      '/instructions',
      { target: { type: 'report', id }, text: '请市住建局研究。', leaderLevel: '副市长', instructedOn: '2026-12-01' },
      201,
    );
    const heard: Array<[Account, string]> = [
      [c.lead, a.title],
      [c.co1, a.title],
      [c.co2, b.title],
    ];
    for (const [who, title] of heard) {
      const told = await notices(who, 'opinion.instructed');
      expect(told.map((m) => m.body)).toEqual([
        `编入社情民意信息“${title}”的一期获领导批示。${instruction.leaderName}（副市长）2026年12月1日批示：请市住建局研究。`,
      ]);
    }
    // Its 交办事项 carried out (reported by the unit, 确认办结 by staff): the contributors hear that too, once.
    const task = await api(
      t,
      c.staff,
      'post',
      `/instructions/${instruction.id}/items`,
      {
        unitId: c.unit.unitId,
        task: '研究老旧小区充电车棚建设',
        dueOn: '2099-01-01',
      },
      201,
    );
    await api(t, c.unit, 'post', `/instructions/items/${task.id}/report`, { text: '已建成充电车棚12处。' });
    expect(await notices(c.lead, 'opinion.instruction_done')).toHaveLength(0);
    await api(t, c.staff, 'post', `/instructions/items/${task.id}/accept`, {});
    for (const [who, title] of heard)
      expect((await notices(who, 'opinion.instruction_done')).map((m) => m.body)).toEqual([
        `就社情民意信息“${title}”的领导批示交办的事项已办结。${task.unitName}：已建成充电车棚12处。`,
      ]);
    expect((await api(t, c.leader, 'get', `/opinions/issues/${id}`)).items.map((i: { id: number }) => i.id)).toEqual([
      a.id,
      b.id,
    ]);
  });

  it('a 专报 of one item takes the next number of the same counter; the item title is the issue title', async () => {
    const a = await accepted(c.lead, [], '关于校园周边交通拥堵的情况反映');
    const issue = await api(t, c.staff, 'post', '/opinions/issues', { opinionIds: [a.id], form: 'special' }, 201);
    expect(issue).toMatchObject({ form: 'special', formLabel: '专报', report: { title: a.title } });
    const signed = await signedOff(t, c.staff, c.leader, issue.report.id);
    expect(signed.issueNo).toBe(2);
    expect(await pdf(c.staff, `/api/v1/reports/${issue.report.id}/file`)).toContain('第2期');
  });

  it('refuses to compile: members, units and leaders 403; an item not accepted or already compiled 409; a 专报 of two 400; the reports API 400', async () => {
    const a = await accepted(c.lead);
    const b = await accepted(c.co1);
    for (const who of [c.lead, c.unit, c.leader])
      await api(t, who, 'post', '/opinions/issues', { opinionIds: [a.id] }, 403);
    const s = await submitted(c.lead);
    const wrong = await api(t, c.staff, 'post', '/opinions/issues', { opinionIds: [a.id, s.id] }, 409);
    expect(wrong.message).toBe('社情民意信息当前为“已报送”，不能编入《社情民意》');
    expect((await api(t, c.staff, 'get', `/opinions/${a.id}`)).status).toBe('accepted');
    const two = await api(t, c.staff, 'post', '/opinions/issues', { opinionIds: [a.id, b.id], form: 'special' }, 400);
    expect(two.message).toBe('专报只编入一条信息；多条请编为综合');
    await api(t, c.staff, 'post', '/opinions/issues', { opinionIds: [a.id], form: 'combined' }, 400);
    await api(t, c.staff, 'post', '/opinions/issues', { opinionIds: [], form: 'combined' }, 400);
    await api(t, c.staff, 'post', '/opinions/issues', { opinionIds: [a.id, b.id] }, 201);
    await api(t, c.staff, 'post', '/opinions/issues', { opinionIds: [a.id] }, 409);
    const viaReports = await t.http().post('/api/v1/reports').set(c.staff.auth).send({ kind: 'opinion-issue' });
    expect(viaReports.status).toBe(400);
    const other = await account(t, 'member');
    await api(t, other, 'get', `/opinions/${a.id}`, undefined, 404);
    await api(t, c.staff, 'get', '/opinions/issues/999999', undefined, 404);
    await api(t, c.unit, 'post', '/opinions/issues/1/deliver', {}, 403);
  });

  /** An issue of `items`, signed and delivered through the opinions' own 送达. */
  const deliveredIssue = async (ids: number[]) => {
    const issue = await api(t, c.staff, 'post', '/opinions/issues', { opinionIds: ids }, 201);
    const id = issue.report.id as number;
    await signedOff(t, c.staff, c.leader, id);
    await api(t, c.staff, 'post', `/opinions/issues/${id}/deliver`, {});
    return id;
  };
  const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  it('a 批示 on a delivered issue earns every member of each item its configured points, and shows in the statistics', async () => {
    const year = Number(today().slice(0, 4));
    const x = await account(t, 'member');
    const y = await account(t, 'member');
    const z = await account(t, 'member');
    const a = await accepted(x, [y], '关于城区停车泊位供需矛盾突出的情况反映');
    const b = await accepted(z, [], '关于农贸市场周边占道经营的情况反映');
    const id = await deliveredIssue([a.id, b.id]);
    const record = (who: Account) => api(t, c.staff, 'get', `/members/${who.memberId}/record?year=${year}`);
    const instructedLines = (r: Record<string, any>) =>
      (r.lines as Array<{ kind: string; points: number; label: string; source: { id: number } }>).filter(
        (l) => l.kind === 'opinionInstructed',
      );
    const before = await record(x);
    expect(instructedLines(before)).toEqual([]);
    const statsBefore = await api(t, c.staff, 'get', '/opinions/stats');
    const rule = before.rules.points.find((p: { kind: string }) => p.kind === 'opinionInstructed');
    expect(rule).toMatchObject({ label: '社情民意信息获领导批示', points: 5 });

    await api(
      t,
      c.leader,
      'post',
      '/instructions',
      { target: { type: 'report', id }, text: '请市公安局、市住建局研究解决。', leaderLevel: '副市长' },
      201,
    );
    const after = await record(x);
    expect(instructedLines(after).map((l) => [l.source.id, l.points])).toEqual([[a.id, rule.points]]);
    expect(instructedLines(after)[0].label).toContain(`社情民意信息《${a.title}》所在《`);
    expect(after.points - before.points).toBe(rule.points);
    expect(after.summary.opinions.instructed).toBe(1);
    for (const who of [y, z]) expect((await record(who)).summary.opinions.instructed).toBe(1);

    // A second leader's 批示 (typed in by staff from the paper) is a second outcome: once more per item.
    await api(
      t,
      c.staff,
      'post',
      '/instructions',
      {
        target: { type: 'report', id },
        text: '同意，请抓好落实。',
        leaderLevel: '市长',
        leaderName: '王市长',
        instructedOn: today(),
      },
      201,
    );
    const twice = await record(x);
    expect(instructedLines(twice)).toHaveLength(2);
    expect(twice.points - before.points).toBe(2 * rule.points);
    const { sectorId } = await api(t, c.staff, 'get', `/members/${x.memberId}`);
    const ranking = await api(t, c.staff, 'get', `/records?year=${year}&sectorId=${sectorId}&pageSize=100`);
    const row = ranking.items.find((r: { member: { id: number } }) => r.member.id === x.memberId);
    expect(row).toMatchObject({ points: twice.points, summary: { opinions: { instructed: 2 } } });

    // The statistics count items (once each, however many 批示) and issues.
    const s = await api(t, c.staff, 'get', '/opinions/stats');
    const memberRow = s.byMember.find((r: { key: number }) => r.key === x.memberId);
    expect(memberRow).toMatchObject({ submitted: 1, compiled: 1, instructed: 1, instructedIssues: 1 });
    expect(s.total.instructed - statsBefore.total.instructed).toBe(2);
    expect(s.total.instructedIssues - statsBefore.total.instructedIssues).toBe(1);
    expect(s.total.compiled).toBeGreaterThanOrEqual(2);
  });

  it("the generic 送达 refuses an issue (409, naming the issue's own 送达); that one delivers and tells each contributor once", async () => {
    const x = await account(t, 'member');
    const a = await accepted(x, [], '关于中小学课后服务收费不一的情况反映');
    const issue = await api(t, c.staff, 'post', '/opinions/issues', { opinionIds: [a.id] }, 201);
    const id = issue.report.id as number;
    await signedOff(t, c.staff, c.leader, id);
    const refused = await api(t, c.staff, 'post', `/reports/${id}/deliver`, { leaderUserIds: [c.leader.userId] }, 409);
    expect(refused).toMatchObject({ code: 'REPORT_OWN_DELIVERY' });
    expect(refused.message).toContain('/api/v1/opinions/issues/:id/deliver');
    expect((await api(t, c.staff, 'get', `/reports/${id}`)).deliveries ?? []).toEqual([]);
    expect(await notices(x, 'opinion.issued')).toEqual([]);
    // A report of another kind is delivered by the generic step as before (the matrix row covers it); the issue's own:
    await api(t, c.staff, 'post', `/opinions/issues/${id}/deliver`, {});
    await api(t, c.staff, 'post', `/opinions/issues/${id}/deliver`, {});
    expect(await notices(x, 'opinion.issued')).toHaveLength(1);
    await api(t, c.staff, 'post', `/reports/${id}/deliver`, { leaderUserIds: [c.leader.userId] }, 409);
  });
});
