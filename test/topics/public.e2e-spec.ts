import { api } from '../support/api';
import { startTestApp, TestApp } from '../support/test-app';
import { topicAt, topicCast, TopicCast } from '../support/topics';

/** 公开的协商议题: only topics whose organiser published them, with their outcomes by theme and nothing of who took part. */
describe('公开的协商议题 GET /public/topics and /public/topics page', () => {
  let t: TestApp;
  let c: TopicCast;
  const titles: Record<'evaluated' | 'themed' | 'unpublished', string> = { evaluated: '', themed: '', unpublished: '' };
  let themedId = 0;
  let unpublishedId = 0;
  let unitName = '';
  let unit2Name = '';
  let pointName = '';

  const titleOf = async (id: number) => (await api(t, c.staff, 'get', `/topics/${id}`)).title as string;

  beforeAll(async () => {
    t = await startTestApp();
    c = await topicCast(t);
    // Evaluated: one outcome without a theme, done, with the unit's feedback.
    const evaluated = await topicAt(t, c, 'evaluated');
    await api(t, c.facilitator, 'post', `/topics/${evaluated.id}/publish`, {});
    titles.evaluated = await titleOf(evaluated.id);
    // Deliberating, with outcomes under two themes, published later.
    const themed = await topicAt(t, c, 'deliberating');
    themedId = themed.id;
    const outcome = (extra: object) =>
      api(t, c.facilitator, 'post', `/topics/${themed.id}/outcomes`, { kind: 'recommendation', ...extra }, 201);
    const greening = await outcome({ theme: '绿化', text: '补种行道树', unitId: c.unit2.unitId });
    await outcome({ theme: '停车规划', text: '划定临时停车区' });
    await outcome({ theme: '绿化', text: '修复绿地围栏', unitId: c.unit2.unitId });
    await api(t, c.unit2, 'patch', `/outcomes/${greening.id}`, { status: 'in_progress', feedback: '已联系园林部门' });
    await api(t, c.unit2, 'patch', `/outcomes/${greening.id}`, { status: 'in_progress', feedback: '树苗已采购' });
    t.clock.advance(60_000);
    await api(t, c.facilitator, 'post', `/topics/${themed.id}/publish`, {});
    titles.themed = await titleOf(themed.id);
    // Never published, though it has outcomes.
    unpublishedId = (await topicAt(t, c, 'resolving')).id;
    titles.unpublished = await titleOf(unpublishedId);
    unitName = (await api(t, c.staff, 'get', `/units/${c.unit.unitId}`)).name;
    unit2Name = (await api(t, c.staff, 'get', `/units/${c.unit2.unitId}`)).name;
    pointName = (await api(t, c.staff, 'get', `/topics/${themedId}`)).organizer.name;
    expect(pointName).not.toBe('');
  });
  afterAll(() => t.close());

  const list = async (query = '') => (await t.http().get(`/api/v1/public/topics${query}`).expect(200)).body;

  it('lists to anyone only the published topics, latest published first', async () => {
    const page = await list();
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(page.items.map((i: { title: string }) => i.title)).toEqual([titles.themed, titles.evaluated]);
  });

  it('shows the title, level, organiser, status, publication and the outcomes by theme with the latest feedback — nothing else', async () => {
    const [themed, evaluated] = (await list()).items;
    expect(themed).toEqual({
      id: themedId,
      title: titles.themed,
      levelLabel: '社区',
      organizer: pointName,
      statusLabel: expect.any(String),
      publishedAt: expect.any(String),
      outcomesByTheme: [
        {
          theme: null,
          outcomes: [
            { kindLabel: '共识', text: '增设停车位37个', unit: unitName, statusLabel: '待办理', feedback: null },
          ],
        },
        {
          theme: '绿化',
          outcomes: [
            {
              kindLabel: '意见建议',
              text: '补种行道树',
              unit: unit2Name,
              statusLabel: '办理中',
              feedback: '树苗已采购',
            },
            { kindLabel: '意见建议', text: '修复绿地围栏', unit: unit2Name, statusLabel: '待办理', feedback: null },
          ],
        },
        {
          theme: '停车规划',
          outcomes: [
            { kindLabel: '意见建议', text: '划定临时停车区', unit: null, statusLabel: '待办理', feedback: null },
          ],
        },
      ],
    });
    expect(evaluated.outcomesByTheme).toEqual([
      {
        theme: null,
        outcomes: [
          { kindLabel: '共识', text: '增设停车位37个', unit: unitName, statusLabel: '已落实', feedback: '已完成施工' },
        ],
      },
    ]);
    const detail = await api(t, c.staff, 'get', `/topics/${themedId}`);
    expect(themed.statusLabel).toBe(detail.statusLabel);
    const text = JSON.stringify(await list());
    for (const secret of [
      '王科长',
      '与会各方充分协商',
      'raisedBy',
      'participants',
      'evaluations',
      'memberId',
      'unitId',
      'version',
      'displayName',
      'description',
    ])
      expect(text).not.toContain(secret);
  });

  it('pages like the other lists and searches by title', async () => {
    expect((await list('?pageSize=1&page=2')).items.map((i: { title: string }) => i.title)).toEqual([titles.evaluated]);
    expect(
      (await list(`?q=${encodeURIComponent(titles.themed)}`)).items.map((i: { title: string }) => i.title),
    ).toEqual([titles.themed]);
    expect((await list(`?q=${encodeURIComponent(titles.unpublished)}`)).total).toBe(0);
    expect((await t.http().get('/api/v1/public/topics?pageSize=500').expect(400)).body.details.fields).toHaveProperty(
      'pageSize',
    );
    await t.http().get('/api/v1/public/topics?status=raised').expect(400);
  });

  it('the public page renders without signing in, in Chinese, with the published topics only, a title search and a link to 公开的提案', async () => {
    const res = await t
      .http()
      .get('/public/topics')
      .expect(200)
      .expect('Content-Type', /text\/html; charset=utf-8/);
    expect(res.text).toContain('<html lang="zh-CN">');
    expect(res.text).toContain('<title>公开的协商议题 - ');
    expect(res.text).not.toMatch(/<script>|style="/);
    for (const title of [titles.themed, titles.evaluated, '补种行道树', '办理反馈：树苗已采购', '绿化'])
      expect(res.text).toContain(title);
    for (const hidden of [titles.unpublished, '王科长', '已联系园林部门']) expect(res.text).not.toContain(hidden);
    expect(res.text).toContain('<label class="label" for="f-q">按议题名称搜索</label>');
    expect(res.text).toContain('href="/public/proposals"');
    const found = await t
      .http()
      .get(`/public/topics?q=${encodeURIComponent(titles.evaluated)}`)
      .expect(200);
    expect(found.text).toContain(titles.evaluated);
    expect(found.text).not.toContain(titles.themed);
    expect(
      (
        await t
          .http()
          .get(`/public/topics?q=${encodeURIComponent('没有这个')}`)
          .expect(200)
      ).text,
    ).toContain('没有找到名称包含“没有这个”的公开议题。');
    expect((await t.http().get('/public/proposals').expect(200)).text).toContain('href="/public/topics"');
  });

  it("gives each published topic a page of its own (where a 公示单's QR code leads), linked from the list; an unpublished or unknown one is 404", async () => {
    const res = await t.http().get(`/public/topics/${themedId}`).expect(200);
    expect(res.text).toContain(`<title>${titles.themed} - `);
    for (const shown of [pointName, '补种行道树', '办理反馈：树苗已采购', '划定临时停车区', `责任单位：${unit2Name}`])
      expect(res.text).toContain(shown);
    for (const hidden of ['王科长', '已联系园林部门', '与会各方充分协商']) expect(res.text).not.toContain(hidden);
    expect((await t.http().get('/public/topics').expect(200)).text).toContain(`href="/public/topics/${themedId}"`);
    const missing = await t.http().get(`/public/topics/${unpublishedId}`).expect(404);
    expect(missing.text).not.toContain(titles.unpublished);
    await t.http().get('/public/topics/99999999').expect(404);
  });
});
