import { cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { Agent, csrfIn, mainOf, navOf, signInWeb } from '../support/web-client';

/** 社情民意 采用 and 社情民意统计 on pages, through a cookie session as a browser would post them. */
describe('社情民意 outcome pages', () => {
  let t: TestApp;
  let c: Cast;
  let staff: Agent;
  let id = 0;

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    await t.signIn('outcomeoffice', ['staff']);
    staff = await signInWeb(t, 'outcomeoffice', TEST_PASSWORD);
    const o = await api(
      t,
      c.lead,
      'post',
      '/opinions',
      {
        title: '关于公交站台增设遮阳棚的建议',
        content: '夏季公交站台无遮挡，候车群众中暑事件时有发生。建议分批增设遮阳棚。',
        category: 'livelihood',
      },
      201,
    );
    await api(t, c.lead, 'post', `/opinions/${o.id}/submit`, {});
    await api(t, c.staff, 'post', `/opinions/${o.id}/review`, { decision: 'accept' });
    id = o.id;
  }, 180_000);
  afterAll(() => t.close());

  it('staff record a 采用 on the form, are told what is wrong, and the item page lists it', async () => {
    const page = await staff.get(`/opinions/${id}/adoptions`).expect(200);
    expect(mainOf(page.text)).toContain('尚无上级采用记录');
    const form = { _csrf: csrfIn(page.text), level: 'provincial', bodyName: '省政协办公厅', issueText: '第15期' };
    const bad = await staff
      .post(`/opinions/${id}/adoptions`)
      .type('form')
      .send({ ...form, adoptedOn: '2026-02-30' })
      .expect(400);
    expect(mainOf(bad.text)).toContain('采用日期不是有效日期');
    const done = await staff
      .post(`/opinions/${id}/adoptions`)
      .type('form')
      .send({ ...form, adoptedOn: '2026-11-20' })
      .expect(303);
    expect(done.headers.location).toBe(`/opinions/${id}/adoptions?done=recorded`);
    const after = mainOf((await staff.get(done.headers.location).expect(200)).text);
    expect(after).toContain('采用情况已登记');
    expect(after).toContain('省政协办公厅');
    const item = mainOf((await staff.get(`/opinions/${id}`).expect(200)).text);
    expect(item).toContain('省政协办公厅（自治区政协）采用，第15期，2026年11月20日');
  });

  it('the member sees the 采用 on their item without the form', async () => {
    await t.signIn('outcomemember', ['member'], { memberId: c.lead.memberId! });
    const member = await signInWeb(t, 'outcomemember', TEST_PASSWORD);
    const page = mainOf((await member.get(`/opinions/${id}/adoptions`).expect(200)).text);
    expect(page).toContain('采用情况');
    expect(page).not.toContain('登记上级采用');
    await member.get('/opinions/stats').expect(403);
  });

  it('社情民意统计 is in the staff menu, with its tables and the export link', async () => {
    expect(navOf((await staff.get('/').expect(200)).text)).toContain('href="/opinions/stats"');
    const page = mainOf((await staff.get('/opinions/stats').expect(200)).text);
    for (const heading of ['按委员', '按界别', '按专委会', '按月份', '采用率']) expect(page).toContain(heading);
    expect(page).toContain('href="/api/v1/opinions/stats.xlsx?year');
    const empty = mainOf((await staff.get('/opinions/stats?year=1990').expect(200)).text);
    expect(empty).toContain('本年度没有报送的社情民意信息');
  });

  it('社情民意统计 leads with the key figures, names the configured levels and folds columns zero in every row', async () => {
    const page = mainOf((await staff.get('/opinions/stats').expect(200)).text);
    const figures = page.slice(0, page.indexOf('按委员'));
    for (const words of [
      '报送',
      '采用编报',
      '编入专报、综合',
      '被上级采用',
      '获领导批示',
      '上级采用（按层级）',
      '自治区政协',
    ])
      expect(figures).toContain(words);
    expect(page).toContain('采用为被全国政协、自治区政协、市委、市政府等上级采用的条数');
    expect(page).not.toContain('省政协等');
    // Nothing was taken up by 市委 this year in this suite: its column is folded and named under each table.
    expect(page).not.toContain('<th scope="col" class="table__num">市委采用</th>');
    expect(page).toMatch(/以下各项本表均为 0，未列出：[^<]*市委采用/);
    expect(page).toContain('table--figures');
  });

  it('staff delete a 采用 from its page; the list no longer has it', async () => {
    const page = await staff.get(`/opinions/${id}/adoptions`).expect(200);
    const [, adoptionId] = /action="\/opinions\/\d+\/adoptions\/(\d+)\/delete"/.exec(page.text)!;
    const done = await staff
      .post(`/opinions/${id}/adoptions/${adoptionId}/delete`)
      .type('form')
      .send({ _csrf: csrfIn(page.text) })
      .expect(303);
    expect(done.headers.location).toBe(`/opinions/${id}/adoptions?done=removed`);
    const after = mainOf((await staff.get(done.headers.location).expect(200)).text);
    expect(after).toContain('采用记录已删除');
    expect(after).toContain('尚无上级采用记录');
  });
});
