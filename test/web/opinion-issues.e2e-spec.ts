import { Account } from '../support/accounts';
import { api } from '../support/api';
import { signedOff } from '../support/signoff';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { Agent, csrfIn, mainOf, signInWeb } from '../support/web-client';

/** The staff desk's 合并为综合信息 and 编入一期, the page linking back, and the member's page showing 第N期. */
describe('社情民意 pages: merge and issues', () => {
  let t: TestApp;
  let member: Account;
  let staff: Account;
  let leader: Account;
  const web: Record<string, Agent> = {};
  let n = 0;

  const as = (m: { token: string; userId: number }, memberId: number | null = null): Account => ({
    token: m.token,
    userId: m.userId,
    memberId,
    unitId: null,
    auth: { Authorization: `Bearer ${m.token}` },
  });
  const accepted = async (): Promise<number> => {
    const o = await api(
      t,
      member,
      'post',
      '/opinions',
      { title: `关于农村客运班线停运的情况反映${++n}`, content: '部分乡镇客运班线停运。', category: 'livelihood' },
      201,
    );
    await api(t, member, 'post', `/opinions/${o.id}/submit`, {});
    await api(t, staff, 'post', `/opinions/${o.id}/review`, { decision: 'accept' });
    return o.id as number;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const memberId = (await t.make.member({ name: '王晓梅' })).id;
    member = as(await t.signIn('wangxm', ['member'], { memberId }), memberId);
    staff = as(await t.signIn('opoffice', ['staff']));
    leader = as(await t.signIn('opleader', ['leader']));
    for (const u of ['wangxm', 'opoffice']) web[u] = await signInWeb(t, u, TEST_PASSWORD);
  }, 180_000);
  afterAll(() => t.close());

  it('merges the ticked items on the desk through the pre-filled form', async () => {
    const [a, b] = [await accepted(), await accepted()];
    const desk = await web.opoffice.get('/opinions?status=accepted').expect(200);
    const main = mainOf(desk.text);
    expect(main).toContain(`name="opinionIds" type="checkbox" value="${a}"`);
    for (const label of ['合并为综合信息', '编入一期（专报）', '编入一期（综合）']) expect(main).toContain(label);
    const picked = await web.opoffice
      .post('/opinions/selection')
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrfIn(desk.text))}&opinionIds=${a}&opinionIds=${b}&step=merge`)
      .expect(303);
    const form = await web.opoffice.get(picked.headers.location).expect(200);
    expect(mainOf(form.text)).toContain('关于农村客运班线停运的情况反映');
    const empty = await web.opoffice
      .post('/opinions/merge')
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrfIn(form.text))}&ids=${a}&ids=${b}&title=&content=x`)
      .expect(400);
    expect(mainOf(empty.text)).toContain('请填写标题');
    const done = await web.opoffice
      .post('/opinions/merge')
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrfIn(form.text))}&ids=${a}&ids=${b}&title=综合反映&content=综合正文`)
      .expect(303);
    expect(done.headers.location).toMatch(/^\/opinions\/\d+\?done=merged$/);
    const source = mainOf((await web.wangxm.get(`/opinions/${a}`).expect(200)).text);
    expect(source).toContain('已合并为综合信息');
    expect(source).toContain('综合反映');
  });

  it('compiles a 专报 from the desk; the issue page lists its item; the member sees 已编入《社情民意》第N期', async () => {
    const a = await accepted();
    const desk = await web.opoffice.get('/opinions?status=accepted').expect(200);
    const made = await web.opoffice
      .post('/opinions/selection')
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrfIn(desk.text))}&opinionIds=${a}&step=special`)
      .expect(303);
    const reportId = Number(/^\/reports\/(\d+)$/.exec(made.headers.location)?.[1]);
    expect(reportId).toBeGreaterThan(0);
    expect(mainOf((await web.wangxm.get(`/opinions/${a}`).expect(200)).text)).toContain('已编入《社情民意》（待签发）');
    await signedOff(t, staff, leader, reportId);
    const page = await web.opoffice.get(`/reports/${reportId}`).expect(200);
    expect(mainOf(page.text)).toContain(`href="/opinions/${a}"`);
    expect(mainOf(page.text)).toContain('送达并通知署名委员');
    await web.opoffice
      .post(`/opinions/issues/${reportId}/deliver`)
      .type('form')
      .send({ _csrf: csrfIn(page.text) })
      .expect(303);
    expect(mainOf((await web.wangxm.get(`/opinions/${a}`).expect(200)).text)).toMatch(/已编入《社情民意》\d{4}年第1期/);
    // A refused selection (one item as 综合) comes back to the desk with the reason.
    const b = await accepted();
    const again = await web.opoffice.get('/opinions?status=accepted').expect(200);
    const refused = await web.opoffice
      .post('/opinions/selection')
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrfIn(again.text))}&opinionIds=${b}&step=combined`)
      .expect(303);
    expect(mainOf((await web.opoffice.get(refused.headers.location).expect(200)).text)).toContain(
      '综合至少编入两条信息；一条请编为专报',
    );
  });
});
