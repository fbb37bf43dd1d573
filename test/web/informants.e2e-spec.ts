import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { Agent, csrfIn, mainOf, navOf, signInWeb, submit } from '../support/web-client';

/** 信息员 on pages: the staff's roster (appoint by name, adjust, end) and a rostered member's progress and filing form. */
describe('信息员 pages', () => {
  let t: TestApp;
  let staff: Agent;
  let member: Agent;
  let memberId = 0;
  let name = '';

  beforeAll(async () => {
    t = await startTestApp();
    const m = await t.make.member();
    memberId = m.id;
    name = m.name;
    await t.signIn('informantoffice', ['staff']);
    await t.signIn('informantmember', ['member'], { memberId });
    staff = await signInWeb(t, 'informantoffice', TEST_PASSWORD);
    member = await signInWeb(t, 'informantmember', TEST_PASSWORD);
  }, 180_000);
  afterAll(() => t.close());

  it('a member not on the roster is not offered 信息员 on the form and sees no quota', async () => {
    const form = mainOf((await member.get('/opinions/new').expect(200)).text);
    expect(form).not.toContain('以信息员身份报送');
    expect(mainOf((await member.get('/opinions/mine').expect(200)).text)).not.toContain('本月报送');
    await member.get('/opinions/informants').expect(403);
  });

  it('staff find 信息员 in the menu, are told what is wrong, and appoint a member by name', async () => {
    expect(navOf((await staff.get('/').expect(200)).text)).toContain('href="/opinions/informants"');
    const page = await staff.get('/opinions/informants').expect(200);
    expect(mainOf(page.text)).toContain('还没有聘任信息员');
    const year = String(new Date(Date.now() + 8 * 3600_000).getUTCFullYear());
    const form = { _csrf: csrfIn(page.text), year, monthlyQuota: '', note: '城关区联系点' };
    const unknown = await staff
      .post('/opinions/informants')
      .type('form')
      .send({ ...form, memberName: '查无此人' })
      .expect(400);
    expect(mainOf(unknown.text)).toContain('找不到在任委员：查无此人，请核对姓名');
    const blank = await staff
      .post('/opinions/informants')
      .type('form')
      .send({ ...form, memberName: '' })
      .expect(400);
    expect(mainOf(blank.text)).toContain('请填写委员姓名');
    const done = await staff
      .post('/opinions/informants')
      .type('form')
      .send({ ...form, memberName: name })
      .expect(303);
    expect(done.headers.location).toBe('/opinions/informants?done=appointed');
    const list = mainOf((await staff.get(done.headers.location).expect(200)).text);
    expect(list).toContain('已聘任');
    expect(list).toContain(name);
    expect(list).toContain('城关区联系点');
    expect(list).toContain('0/2 条');
    const twice = await staff
      .post('/opinions/informants')
      .type('form')
      .send({ ...form, memberName: name })
      .expect(409);
    expect(mainOf(twice.text)).toContain(`${name}已在${year}年度信息员名单中`);
  });

  it('the member is offered 信息员, files as one, and sees 本月报送 and the year by month', async () => {
    const form = mainOf((await member.get('/opinions/new').expect(200)).text);
    expect(form).toContain('以信息员身份报送');
    const filed = await submit(
      member,
      '/opinions/new',
      {
        submitterKind: 'informant',
        title: '关于城郊结合部垃圾清运不及时的情况反映',
        category: 'ecology',
        content: '城郊结合部垃圾收集点少、清运频次低。建议增加收集点。',
        coContributorNames: '',
      },
      303,
    );
    const itemPath = filed.headers.location.replace(/\?.*$/, '');
    const item = await member.get(itemPath).expect(200);
    expect(mainOf(item.text)).toContain('信息员');
    const version = /name="version" value="(\d+)"/.exec(item.text)![1];
    await member
      .post(`${itemPath}/submit`)
      .type('form')
      .send({ _csrf: csrfIn(item.text), version })
      .expect(303);
    const mine = mainOf((await member.get('/opinions/mine').expect(200)).text);
    expect(mine).toContain('本月报送 1/2 条');
    expect(mine).toContain('本月还差 1 条');
    expect(mine).toContain('信息员各月报送（每月定额 2 条）');
    expect(mine).toContain('12月');
  });

  it('staff adjust the quota and end the appointment on the informant page', async () => {
    const list = mainOf((await staff.get('/opinions/informants').expect(200)).text);
    const id = /href="\/opinions\/informants\/(\d+)"/.exec(list)![1];
    const page = await staff.get(`/opinions/informants/${id}`).expect(200);
    expect(mainOf(page.text)).toContain('全年报送');
    const csrf = csrfIn(page.text);
    const version = /name="version" value="(\d+)"/.exec(page.text)![1];
    const bad = await staff
      .post(`/opinions/informants/${id}`)
      .type('form')
      .send({ _csrf: csrf, monthlyQuota: '0', note: '', version })
      .expect(400);
    expect(mainOf(bad.text)).toContain('每月定额须在 1 到 30 条之间');
    const saved = await staff
      .post(`/opinions/informants/${id}`)
      .type('form')
      .send({ _csrf: csrf, monthlyQuota: '3', note: '', version })
      .expect(303);
    const after = mainOf((await staff.get(saved.headers.location).expect(200)).text);
    expect(after).toContain('已保存');
    expect(after).toContain('3 条');
    const ended = await staff.post(`/opinions/informants/${id}/end`).type('form').send({ _csrf: csrf }).expect(303);
    const gone = mainOf((await staff.get(ended.headers.location).expect(200)).text);
    expect(gone).toContain('已解聘');
    expect(gone).not.toContain('<h2 class="heading-m">调整</h2>');
    expect(mainOf((await member.get('/opinions/new').expect(200)).text)).not.toContain('以信息员身份报送');
  });
});
