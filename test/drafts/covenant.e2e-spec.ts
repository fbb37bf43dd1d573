import ExcelJS from 'exceljs';
import { Account, Facilitator, topicAccount } from '../support/accounts';
import { api } from '../support/api';
import { COVENANT, pointHost } from '../support/drafts';
import { binary } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { meetingBody } from '../support/topics';

/*
 * The seed's 金塔社区: revising the 居民公约 with 40-odd residents. The community's facilitator drafts it
 * under the topic of the revision, puts it out for comment until a closing time, open to the public;
 * members at the topic's meeting comment signed in, residents' paper 征求意见表 are typed in, and the
 * public comments on the public page. The summary counts per clause, the workbook is read back, each
 * comment answered 采纳/部分采纳/不采纳, and the revised text recorded with the first still readable.
 */
describe('征求意见 on a 居民公约: comments by clause, summary, export, revision', () => {
  let t: TestApp;
  let host: Facilitator;
  let otherHost: Facilitator;
  let member: Account;
  let outsider: Account;
  let draftId: number;
  let clauses: { id: number; label: string }[];
  const RESIDENTS = 12;

  beforeAll(async () => {
    t = await startTestApp();
    host = await pointHost(t, `yangt${process.pid % 1000}`, '金塔社区协商议事室');
    otherHost = (await topicAccount(t, 'facilitator')) as Facilitator;
    member = await topicAccount(t, 'member');
    outsider = await topicAccount(t, 'member');
  });
  afterAll(() => t.close());

  it('drafts the 居民公约 under the revision topic, split into its clauses; only the point’s facilitator may', async () => {
    const topicId = (
      await api(
        t,
        host,
        'post',
        '/topics',
        {
          title: '修订《居民公约》',
          description: '组织居民代表修订居民公约和居民自治章程。',
          level: 'community',
          source: 'public',
          organizer: { type: 'point', id: host.pointId },
        },
        201,
      )
    ).id;
    await api(t, host, 'post', `/topics/${topicId}/settle`, {});
    const meeting = await api(
      t,
      host,
      'post',
      `/topics/${topicId}/meetings`,
      meetingBody({ title: '修订《居民公约》协商会' }),
      201,
    );
    await api(
      t,
      host,
      'post',
      `/meetings/${meeting.id}/participants`,
      [
        { memberId: member.memberId, side: 'member' },
        { name: '居民代表', side: 'resident' },
      ],
      201,
    );

    const body = {
      title: '金塔社区居民公约（修订征求意见稿）',
      description: '根据居民会议意见修订。',
      topicId,
      text: COVENANT,
    };
    const refused = await t.http().post('/api/v1/drafts').set(otherHost.auth).send(body).expect(403);
    expect(refused.body.message).toBe('只有该议题的组织方可以为其征求意见');
    const unknown = await t
      .http()
      .post('/api/v1/drafts')
      .set(host.auth)
      .send({ ...body, colour: 'red' })
      .expect(400);
    expect(unknown.body.message).toContain('colour');
    expect(
      (
        await t
          .http()
          .post('/api/v1/drafts')
          .set(host.auth)
          .send({ ...body, text: ' ' })
          .expect(400)
      ).body.message,
    ).toBe('请填写征求意见稿的条款');

    const d = await api(t, host, 'post', '/drafts', body, 201);
    draftId = d.id;
    expect(d).toMatchObject({
      status: 'editing',
      statusLabel: '拟稿中',
      revision: 1,
      topic: { id: topicId, title: '修订《居民公约》' },
      organizer: { type: 'point', name: '金塔社区协商议事室' },
      isOrganiser: true,
      canComment: false,
    });
    clauses = d.clauses;
    expect(clauses.map((c) => c.label)).toEqual(['序言', '第一条', '第二条', '第三条', '第四条', '第五条']);

    // Members see a draft only once it is put out.
    await t.http().get(`/api/v1/drafts/${draftId}`).set(member.auth).expect(404);
    await t
      .http()
      .post(`/api/v1/drafts/${draftId}/comments`)
      .set(member.auth)
      .send({ comments: [{ text: '早' }] })
      .expect(403);
  });

  it('puts it out for comment until a closing time, open to the public; opening twice is a 409', async () => {
    const past = await t
      .http()
      .post(`/api/v1/drafts/${draftId}/open`)
      .set(host.auth)
      .send({ closesAt: '2020-01-01T00:00:00+08:00' })
      .expect(400);
    expect(past.body.message).toBe('截止时间须晚于现在');
    const closesAt = new Date(t.clock.now().getTime() + 3 * 3_600_000).toISOString();
    const opened = await api(t, host, 'post', `/drafts/${draftId}/open`, { closesAt, openToPublic: true });
    expect(opened).toMatchObject({ status: 'open', statusLabel: '征求意见中', openToPublic: true, closesAt });
    expect(
      (await t.http().post(`/api/v1/drafts/${draftId}/open`).set(host.auth).send({ closesAt }).expect(409)).body.code,
    ).toBe('DRAFT_WRONG_STATE');
    await t.http().patch(`/api/v1/drafts/${draftId}`).set(host.auth).send({ title: '改名' }).expect(409);
  });

  it('takes comments: the member at the topic’s meeting signed in, residents’ paper forms typed in, the public with a name', async () => {
    const [, first, second, third, fourth] = clauses;
    const mine = await api(
      t,
      member,
      'post',
      `/drafts/${draftId}/comments`,
      {
        comments: [
          { clauseId: second.id, text: '建议明确电动自行车集中充电的地点' },
          { text: '公约整体可以更口语化一些' },
        ],
      },
      201,
    );
    expect(mine.received).toBe(2);
    expect(mine.comments[0]).toMatchObject({
      source: 'participant',
      sourceLabel: '参与人员',
      authorName: expect.any(String),
    });
    expect((await api(t, member, 'get', `/drafts/${draftId}`)).myComments).toHaveLength(2);
    const notInvited = await t
      .http()
      .post(`/api/v1/drafts/${draftId}/comments`)
      .set(outsider.auth)
      .send({ comments: [{ text: '我也想提' }] })
      .expect(403);
    expect(notInvited.body.message).toBe('您不在该征求意见稿的征求范围内');
    await t
      .http()
      .post(`/api/v1/drafts/${draftId}/comments`)
      .set(member.auth)
      .send({ authorName: '冒名', comments: [{ text: '意见' }] })
      .expect(400);

    // 40-odd residents filled in 征求意见表 at the meeting; a dozen of them wrote something, typed in by the facilitator.
    for (let i = 1; i <= RESIDENTS; i++) {
      const clause = [first, second, second, third][i % 4];
      await api(
        t,
        host,
        'post',
        `/drafts/${draftId}/comments`,
        {
          authorName: `居民${i}`,
          phone: `1380000${String(i).padStart(4, '0')}`,
          comments: [{ clauseId: clause.id, text: `居民${i}对${clause.label}的意见` }],
        },
        201,
      );
    }
    const noName = await t
      .http()
      .post(`/api/v1/drafts/${draftId}/comments`)
      .set(host.auth)
      .send({ comments: [{ text: '无名' }] })
      .expect(400);
    expect(noName.body.message).toBe('代录征求意见表须填写提出人姓名');
    const badClause = await t
      .http()
      .post(`/api/v1/drafts/${draftId}/comments`)
      .set(host.auth)
      .send({ authorName: '居民', comments: [{ clauseId: 999999, text: '意见' }] })
      .expect(400);
    expect(badClause.body.details.fields).toHaveProperty(['comments.0.clauseId']);

    // The public page's API: the text without comments, and comments with a name.
    const pub = await t.http().get(`/api/v1/public/drafts/${draftId}`).expect(200);
    expect(pub.body).toMatchObject({
      title: '金塔社区居民公约（修订征求意见稿）',
      organizer: '金塔社区协商议事室',
      acceptingComments: true,
    });
    expect(JSON.stringify(pub.body)).not.toContain('13800000');
    await t
      .http()
      .post(`/api/v1/public/drafts/${draftId}/comments`)
      .send({
        name: '过路群众',
        phone: '13912345678',
        comments: [
          { clauseId: fourth.id, text: '建议增加垃圾分类的内容' },
          { clauseId: third.id, text: '养犬应当登记' },
        ],
      })
      .expect(201);
    expect(
      (
        await t
          .http()
          .post(`/api/v1/public/drafts/${draftId}/comments`)
          .send({ comments: [{ text: '匿名' }] })
          .expect(400)
      ).body.details.fields,
    ).toHaveProperty('name');
    const long = await t
      .http()
      .post(`/api/v1/public/drafts/${draftId}/comments`)
      .send({ name: '长', comments: [{ text: '字'.repeat(2001) }] })
      .expect(400);
    expect(long.body.details.fields['comments.0.text']).toEqual(['意见内容最多 2000 个字']);
  });

  it('limits the comments from one address within an hour (429 with Retry-After)', async () => {
    const many = (k: number) => Array.from({ length: k }, (_, i) => ({ text: `批量意见${i}` }));
    await t
      .http()
      .post(`/api/v1/public/drafts/${draftId}/comments`)
      .send({ name: '批量', comments: many(58) })
      .expect(201);
    const limited = await t
      .http()
      .post(`/api/v1/public/drafts/${draftId}/comments`)
      .send({ name: '批量', comments: many(1) })
      .expect(429);
    expect(limited.body.code).toBe('TOO_MANY_COMMENTS');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(3_600_000 + 1000);
    await t
      .http()
      .post(`/api/v1/public/drafts/${draftId}/comments`)
      .send({ name: '一小时后', comments: many(1) })
      .expect(201);
  });

  it('the organiser’s summary counts per clause; nobody else sees it', async () => {
    const s = await api(t, host, 'get', `/drafts/${draftId}/summary`);
    const count = (label: string) => s.clauses.find((c: { label: string }) => c.label === label).commentCount;
    // Residents i%4: 1→第二条, 2→第二条, 3→第三条, 0→第一条 (3, 6, 3 of 12).
    expect([
      count('序言'),
      count('第一条'),
      count('第二条'),
      count('第三条'),
      count('第四条'),
      count('第五条'),
    ]).toEqual([0, 3, 7, 4, 1, 0]);
    expect(count('总体意见')).toBe(1 + 58 + 1);
    expect(s.totals).toMatchObject({
      comments: 2 + RESIDENTS + 2 + 59,
      bySource: { participant: 2, form: RESIDENTS, public: 61 },
      pending: 75,
      adopted: 0,
    });
    expect(s.clauses[2].comments.find((c: { authorName: string }) => c.authorName === '居民1')).toMatchObject({
      phone: '13800000001',
      sourceLabel: '征求意见表',
    });
    await t.http().get(`/api/v1/drafts/${draftId}/summary`).set(member.auth).expect(403);
    await t.http().get(`/api/v1/drafts/${draftId}/summary`).set(otherHost.auth).expect(404);
    await t.http().get(`/api/v1/drafts/${draftId}/export.xlsx`).set(member.auth).expect(403);
  });

  it('closes at its closing time by the sweep; comments are then a 409, dispositions possible', async () => {
    t.clock.advance(2 * 3_600_000);
    await t
      .http()
      .post(`/api/v1/public/drafts/${draftId}/comments`)
      .send({ name: '迟到', comments: [{ text: '晚了' }] })
      .expect(409);
    const swept = await t.jobs.runNow('deadlines', 'sweep');
    expect(swept).toMatchObject({ drafts: { closed: 1 } });
    expect(await t.jobs.runNow('deadlines', 'sweep')).toMatchObject({ drafts: { closed: 0 } });
    const d = await api(t, host, 'get', `/drafts/${draftId}`);
    expect(d).toMatchObject({ status: 'closed', statusLabel: '征求意见已结束' });
    const late = await t
      .http()
      .post(`/api/v1/drafts/${draftId}/comments`)
      .set(member.auth)
      .send({ comments: [{ text: '还能提吗' }] })
      .expect(409);
    expect(late.body.message).toBe('征求意见稿当前为“征求意见已结束”，不能提出意见');
    const history = await api(t, host, 'get', `/drafts/${draftId}/history`);
    expect(history.at(-1)).toMatchObject({
      action: 'close',
      actor: { id: null, displayName: '系统' },
      from: 'open',
      to: 'closed',
    });
  });

  it('answers comments 采纳 / 部分采纳 / 不采纳 (the last two with a reason), counted in the summary', async () => {
    const s = await api(t, host, 'get', `/drafts/${draftId}/summary`);
    const second = s.clauses.find((c: { label: string }) => c.label === '第二条').comments;
    await api(t, host, 'patch', `/draft-comments/${second[0].id}`, { disposition: 'adopted' });
    const noReason = await t
      .http()
      .patch(`/api/v1/draft-comments/${second[1].id}`)
      .set(host.auth)
      .send({ disposition: 'not_adopted' })
      .expect(400);
    expect(noReason.body.message).toBe('不采纳须说明理由');
    const partly = await api(t, host, 'patch', `/draft-comments/${second[1].id}`, {
      disposition: 'partly',
      reason: '充电地点由物业另行公布',
    });
    expect(partly).toMatchObject({
      disposition: 'partly',
      dispositionLabel: '部分采纳',
      dispositionReason: '充电地点由物业另行公布',
      disposedBy: { id: host.userId },
    });
    await api(t, host, 'patch', `/draft-comments/${second[2].id}`, {
      disposition: 'not_adopted',
      reason: '与上位法规不符',
    });
    await t
      .http()
      .patch(`/api/v1/draft-comments/${second[2].id}`)
      .set(member.auth)
      .send({ disposition: 'adopted' })
      .expect(403);
    const after = await api(t, host, 'get', `/drafts/${draftId}/summary`);
    expect(after.clauses.find((c: { label: string }) => c.label === '第二条').counts).toEqual({
      adopted: 1,
      partly: 1,
      notAdopted: 1,
      pending: 4,
    });
    expect(after.totals).toMatchObject({ adopted: 1, partly: 1, notAdopted: 1, pending: 72 });
  });

  it('exports every comment by clause as a workbook, read back with exceljs', async () => {
    const res = await t
      .http()
      .get(`/api/v1/drafts/${draftId}/export.xlsx`)
      .set(host.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(
      encodeURIComponent('金塔社区居民公约（修订征求意见稿）-意见汇总-'),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body);
    const sheet = book.getWorksheet('意见汇总')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual([
      '条款',
      '条款内容',
      '序号',
      '意见',
      '提出人',
      '来源',
      '联系电话',
      '提出时间',
      '处理意见',
      '理由',
    ]);
    expect(rows).toHaveLength(1 + 75);
    // By clause in the text's order, numbered within each clause; the whole-document comments last.
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      ...Array(3).fill('第一条'),
      ...Array(7).fill('第二条'),
      ...Array(4).fill('第三条'),
      '第四条',
      ...Array(60).fill('总体意见'),
    ]);
    const secondRows = rows.filter((r) => r[0] === '第二条');
    expect(secondRows.map((r) => r[2])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(secondRows[0]).toMatchObject({ 3: '建议明确电动自行车集中充电的地点', 5: '参与人员', 8: '采纳' });
    expect(secondRows[0][6]).toBeUndefined();
    expect(secondRows[1]).toMatchObject({
      4: '居民1',
      5: '征求意见表',
      6: '13800000001',
      8: '部分采纳',
      9: '充电地点由物业另行公布',
    });
    expect(secondRows[2]).toMatchObject({ 4: '居民2', 8: '不采纳', 9: '与上位法规不符' });
    expect(secondRows[3][8]).toBe('未处理');
    expect(rows[1][7]).toBeInstanceOf(Date);
    const counts: unknown[][] = [];
    book.getWorksheet('按条款统计')!.eachRow((row) => counts.push((row.values as unknown[]).slice(1)));
    expect(counts.find((r) => r[0] === '第二条')).toEqual(['第二条', 7, 1, 1, 1, 4]);
    expect(counts.at(-1)).toEqual(['总体意见', 60, 0, 0, 0, 60]);
  });

  it('records the revised text as 第2稿; the first stays readable; revising an open draft is a 409', async () => {
    const revisedText =
      COVENANT.replace('电动自行车不进楼入户', '电动自行车不进楼入户，在集中充电点充电') +
      '\n第六条 文明停车，不占用消防通道。';
    const revised = await api(
      t,
      host,
      'post',
      `/drafts/${draftId}/revisions`,
      { text: revisedText, note: '采纳居民意见，增加文明停车一条' },
      201,
    );
    expect(revised).toMatchObject({ status: 'revised', statusLabel: '已修订', revision: 2, shownRevision: 2 });
    expect(revised.clauses.map((c: { label: string }) => c.label)).toEqual([
      '序言',
      '第一条',
      '第二条',
      '第三条',
      '第四条',
      '第五条',
      '第六条',
    ]);
    expect(
      revised.revisions.map((r: { revisionLabel: string; note: string | null }) => [r.revisionLabel, r.note]),
    ).toEqual([
      ['征求意见稿', null],
      ['修订稿（第2稿）', '采纳居民意见，增加文明停车一条'],
    ]);
    const first = await api(t, member, 'get', `/drafts/${draftId}?revision=1`);
    expect(first).toMatchObject({ shownRevision: 1, revision: 2 });
    expect(first.clauses.map((c: { id: number }) => c.id)).toEqual(clauses.map((c) => c.id));
    expect(first.clauses[2].text).toBe('爱护公共设施，不在楼道堆放杂物，电动自行车不进楼入户。');
    await t.http().get(`/api/v1/drafts/${draftId}?revision=3`).set(host.auth).expect(404);
    // A third edition by clauses; the summary still counts against the first.
    const third = await api(
      t,
      host,
      'post',
      `/drafts/${draftId}/revisions`,
      { clauses: [{ text: '爱党爱国。' }, { label: '第二条', text: '爱护设施。' }] },
      201,
    );
    expect(third.clauses.map((c: { label: string }) => c.label)).toEqual(['第一条', '第二条']);
    expect((await api(t, host, 'get', `/drafts/${draftId}/summary`)).revision).toBe(1);

    const other = await api(
      t,
      host,
      'post',
      '/drafts',
      { title: '居民自治章程', organizer: { type: 'point', id: host.pointId }, text: '第一条 总则' },
      201,
    );
    await api(t, host, 'post', `/drafts/${other.id}/open`, {
      closesAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
    });
    expect(
      (
        await t
          .http()
          .post(`/api/v1/drafts/${other.id}/revisions`)
          .set(host.auth)
          .send({ text: '第一条 改' })
          .expect(409)
      ).body.code,
    ).toBe('DRAFT_WRONG_STATE');
    expect(
      (
        await t
          .http()
          .post(`/api/v1/drafts/${other.id}/comments`)
          .set(host.auth)
          .send({ authorName: '甲', comments: [{ text: '好' }] })
          .expect(201)
      ).body.received,
    ).toBe(1);
    // Not open to the public: the public page does not know it.
    await t.http().get(`/api/v1/public/drafts/${other.id}`).expect(404);
  });

  it('lists drafts by role: the facilitator their point’s, the member those put to them, another point’s facilitator none', async () => {
    expect((await api(t, host, 'get', '/drafts')).total).toBe(2);
    expect((await api(t, member, 'get', '/drafts')).items.map((d: { id: number }) => d.id)).toEqual([draftId]);
    expect((await api(t, outsider, 'get', '/drafts')).total).toBe(0);
    expect((await api(t, otherHost, 'get', '/drafts')).total).toBe(0);
    await t.http().get(`/api/v1/drafts/${draftId}`).set(otherHost.auth).expect(404);
  });
});
