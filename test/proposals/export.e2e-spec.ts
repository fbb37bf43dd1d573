import ExcelJS from 'exceljs';
import request from 'supertest';
import { Actor } from '../../src/common/actor';
import { wallClock } from '../../src/common/time-zone';
import { ProposalQuery } from '../../src/proposals/dto/file-proposal.dto';
import { ProposalsQuery } from '../../src/proposals/proposals-query';
import { Account, cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { binary } from '../support/http';
import { draft, proposalAt } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';

const HEADERS = [
  '会次',
  '编号',
  '案由',
  '类别',
  '提案类型',
  '提案人',
  '附议人',
  '界别',
  '状态',
  '提交时间',
  '主办单位',
  '会办单位',
  '办理期限',
  '答复类别',
  '答复时间',
  '是否超期',
  '办理工作满意度',
  '办理结果满意度',
  '重点提案',
  '优秀提案',
];

describe('提案导出 GET /proposals/export.xlsx', () => {
  let t: TestApp;
  let c: Cast;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    ids.completed = await proposalAt(t, c, 'completed');
    ids.assigned = await proposalAt(t, c, 'assigned', { withCoUnit: true });
    ids.joint = await draft(t, c.lead, c.sessionId, {
      kind: 'joint',
      coSignerMemberIds: [c.co1.memberId],
      category: 'economy',
    });
    await api(t, c.co1, 'post', `/proposals/${ids.joint}/cosign`, {});
    await api(t, c.lead, 'post', `/proposals/${ids.joint}/submit`, {});
    ids.draft = await draft(t, c.lead, c.sessionId);
  });
  afterAll(() => t.close());

  async function workbook(
    query: string,
    who: Account = c.staff,
  ): Promise<{ res: request.Response; sheet: ExcelJS.Worksheet; rows: (string | number | Date | null)[][] }> {
    const res = await t
      .http()
      .get(`/api/v1/proposals/export.xlsx?sessionId=${c.sessionId}${query}`)
      .set(who.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body);
    const sheet = book.getWorksheet('提案')!;
    const rows: (string | number | Date | null)[][] = [];
    // An empty cell reads back as a hole in `values`.
    sheet.eachRow((row) =>
      rows.push(HEADERS.map((_, i) => (row.values as (string | number | Date | null)[])[i + 1] ?? null)),
    );
    return { res, sheet, rows };
  }
  const byHeader = (row: unknown[]) => Object.fromEntries(HEADERS.map((h, i) => [h, row[i]]));
  const view = async (id: number) => (await t.http().get(`/api/v1/proposals/${id}`).set(c.staff.auth).expect(200)).body;

  it('is a workbook with Chinese headers, a frozen header row, set widths and a Chinese file name', async () => {
    const { res, sheet, rows } = await workbook('');
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const day = wallClock(t.clock.now(), 'Asia/Shanghai').toISOString().slice(0, 10).replace(/-/g, '');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="____-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`提案列表-${day}.xlsx`)}`,
    );
    expect(rows[0]).toEqual(HEADERS);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(3).width).toBe(48);
    expect(sheet.getRow(1).font).toMatchObject({ bold: true });
  });

  it('has every matching proposal, newest first, drafts left out; the cells say what the proposal says', async () => {
    const { sheet, rows } = await workbook('&page=2&pageSize=1');
    expect(rows.slice(1).map((r) => r[2])).toEqual([
      (await view(ids.joint)).title,
      (await view(ids.assigned)).title,
      (await view(ids.completed)).title,
    ]);

    const done = await view(ids.completed);
    const completed = byHeader(rows[3]);
    expect(completed).toMatchObject({
      会次: done.session.name,
      编号: '第0001号',
      类别: '社会建设',
      提案类型: '个人提案',
      提案人: done.leadMember.name,
      状态: '已办结',
      主办单位: done.leadUnit.name,
      答复类别: 'B（列入计划拟解决或正在解决）',
      是否超期: '否',
      办理结果满意度: '满意',
      重点提案: '否',
      优秀提案: '否',
    });
    // Dates are cells on the Asia/Shanghai wall clock, shown as dates.
    expect((completed['办理期限'] as Date).toISOString()).toBe(
      wallClock(new Date(done.deadline), 'Asia/Shanghai').toISOString(),
    );
    expect((completed['提交时间'] as Date).toISOString()).toBe(
      wallClock(new Date(done.submittedAt), 'Asia/Shanghai').toISOString(),
    );
    expect(sheet.getCell('M4').numFmt).toBe('yyyy-mm-dd');

    const assigned = byHeader(rows[2]);
    expect(assigned).toMatchObject({
      编号: '第0002号',
      状态: '已交办',
      会办单位: (await view(ids.assigned)).coUnits[0].name,
      答复类别: null,
      办理结果满意度: null,
    });
    const joint = byHeader(rows[1]);
    expect(joint).toMatchObject({
      编号: null,
      类别: '经济建设',
      提案类型: '联名提案',
      附议人: (await view(ids.joint)).signers[1].name,
      状态: '已提交',
      办理期限: null,
    });
  });

  it('applies the list’s filters: status, unit, category', async () => {
    const titles = async (query: string) => (await workbook(query)).rows.slice(1).map((r) => r[2]);
    expect(await titles('&status=assigned')).toEqual([(await view(ids.assigned)).title]);
    expect(await titles(`&unitId=${c.coUnit.unitId}`)).toEqual([(await view(ids.assigned)).title]);
    expect(await titles('&category=economy')).toEqual([(await view(ids.joint)).title]);
    expect(await titles('&status=rejected')).toEqual([]);
    expect(
      (await t.http().get('/api/v1/proposals/export.xlsx?status=finished').set(c.staff.auth).expect(400)).body.details
        .fields,
    ).toHaveProperty('status');
  });

  it('leaders may export; members, units and facilitators are refused', async () => {
    expect((await workbook('', c.leader)).rows).toHaveLength(4);
    for (const who of [c.lead, c.unit]) await t.http().get('/api/v1/proposals/export.xlsx').set(who.auth).expect(403);
    await t
      .http()
      .get('/api/v1/proposals/export.xlsx')
      .set('Authorization', `Bearer ${await t.tokenFor('facilitator')}`)
      .expect(403);
  });

  it('reads the matching proposals in batches, each after the last id of the one before, none twice', async () => {
    const extra = [];
    for (let i = 0; i < 3; i++) extra.push(await proposalAt(t, c, 'submitted'));
    const me = (await t.http().get('/api/v1/users/me').set(c.staff.auth)).body;
    const actor: Actor = {
      id: me.id,
      username: me.username,
      displayName: me.displayName,
      roles: ['staff'],
      memberId: null,
      unitId: null,
      pointId: null,
    };
    const q = Object.assign(new ProposalQuery(), { sessionId: c.sessionId });
    const batches: number[][] = [];
    for await (const rows of t.app.get(ProposalsQuery).batches(actor, q, 2)) batches.push(rows.map((p) => p.id));
    expect(batches).toEqual([
      [extra[2], extra[1]],
      [extra[0], ids.joint],
      [ids.assigned, ids.completed],
    ]);
  });
  it('neutralises text that starts like a formula (= + - @): a leading apostrophe, no formula, dates stay dates', async () => {
    // Titles are trimmed, so a leading tab or CR never reaches this export (safeCell handles them: xlsx.spec.ts).
    const titles = ['=HYPERLINK("http://evil.example","x")', '-1+2', '@SUM(A1)', '+86 热线'];
    for (const title of titles) await proposalAt(t, c, 'submitted', { draft: { title } });
    const { sheet, rows } = await workbook('&status=submitted');
    const cells = rows.slice(1).map((r) => r[2]);
    expect(cells).toEqual(expect.arrayContaining(titles.map((x) => `'${x}`)));
    for (const row of rows) for (const v of row) if (typeof v === 'string') expect(v).not.toMatch(/^[=+\-@\t\r]/);
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula).toBeUndefined();
      }),
    );
    // Ordinary titles are untouched, and a date column still holds dates.
    expect(rows.slice(1).some((r) => typeof r[2] === 'string' && r[2].startsWith('关于'))).toBe(true);
    expect(rows.slice(1).every((r) => r[9] instanceof Date)).toBe(true);
  });
});
