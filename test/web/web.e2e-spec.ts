import request from 'supertest';
import { Sector } from '../../src/directory/directory.entities';
import { ADMIN_PASSWORD, startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { csrfIn, mainOf, navOf, signInWeb, submit } from '../support/web-client';

describe('web pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.signIn('staffweb', ['staff']);
    await t.signIn('memberweb', ['member'], { memberId: (await t.make.member()).id });
  });
  afterAll(() => t.close());

  it('the login page is Chinese, accessible and sets its double-submit cookie', async () => {
    const res = await t
      .http()
      .get('/login')
      .expect(200)
      .expect('Content-Type', /text\/html; charset=utf-8/);
    expect(res.text).toContain('<html lang="zh-CN">');
    expect(res.text).toContain('<title>登录 - ');
    expect(res.text).toMatch(/<label class="label" for="f-username">用户名<\/label>/);
    expect(res.text).toMatch(/<label class="label" for="f-password">密码<\/label>/);
    expect(res.text).toContain('href="#main" class="skip-link">跳到正文</a>');
    expect(res.text).not.toMatch(/<script>|style="/);
    // Scripts and styles only from files; no https upgrade that would break a plain-http intranet address.
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self';.*style-src 'self'/);
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/xs_login_csrf=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax/);
    expect(cookie).toContain(csrfIn(res.text));
  });

  it('sends a visitor without a session to the login page, remembering where they were going', async () => {
    const res = await t.http().get('/directory/sectors?q=%E6%95%99').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fdirectory%2Fsectors%3Fq%3D%25E6%2595%2599');
    expect((await t.http().get('/').expect(303)).headers.location).toBe('/login');
  });

  it('signing in sets an HttpOnly SameSite=Lax session cookie and follows only a local next', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/login?next=/directory/committees').expect(200);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfIn(form.text), username: 'staffweb', password: TEST_PASSWORD, next: '/directory/committees' })
      .expect(303);
    // staffweb holds a second-factor role: the code's step comes first and carries the next page along.
    expect(res.headers.location).toBe('/login/second-factor?next=%2Fdirectory%2Fcommittees');
    const session = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('xs_session='));
    expect(session).toMatch(/^xs_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)']) {
      const again = request.agent(t.app.getHttpServer());
      const page = await again.get('/login').expect(200);
      const out = await again
        .post('/login')
        .type('form')
        .send({ _csrf: csrfIn(page.text), username: 'staffweb', password: TEST_PASSWORD, next })
        .expect(303);
      expect(out.headers.location).toBe('/login/second-factor');
    }
  });

  it('a wrong password is shown as an error summary on the form, with no session', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/login').expect(200);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfIn(form.text), username: 'staffweb', password: 'wrong-pass-1' })
      .expect(401);
    expect(res.text).toContain('<title>错误：登录 - ');
    expect(mainOf(res.text)).toMatch(/class="error-summary"[\s\S]*<a href="#f-username">用户名或密码错误<\/a>/);
    expect(mainOf(res.text)).toContain('value="staffweb"');
    expect(String(res.headers['set-cookie'] ?? '')).not.toContain('xs_session');
    const empty = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfIn(form.text), username: '', password: '' })
      .expect(400);
    expect(mainOf(empty.text)).toMatch(
      /id="f-username-error"><span class="visually-hidden">错误：<\/span>请输入用户名<\/p>/,
    );
  });

  it('too many wrong passwords: 429 shown on the form, with Retry-After', async () => {
    await t.signIn('guessed', ['staff']);
    const agent = request.agent(t.app.getHttpServer());
    const token = csrfIn((await agent.get('/login').expect(200)).text);
    for (let i = 0; i < 5; i++)
      await agent
        .post('/login')
        .type('form')
        .send({ _csrf: token, username: 'guessed', password: `guess-${i}` })
        .expect(401);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: token, username: 'guessed', password: TEST_PASSWORD })
      .expect(429);
    expect(mainOf(res.text)).toMatch(/<a href="#f-username">登录失败次数过多，请 \d+ 分钟后再试<\/a>/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses a login post without the double-submit token', async () => {
    const res = await t
      .http()
      .post('/login')
      .type('form')
      .send({ username: 'staffweb', password: TEST_PASSWORD })
      .expect(403);
    expect(mainOf(res.text)).toContain('表单已过期');
  });

  it('refuses a page POST without or with a wrong _csrf (403) and writes nothing', async () => {
    const staff = await signInWeb(t, 'staffweb', TEST_PASSWORD);
    const missing = await staff
      .post('/directory/sectors/new')
      .type('form')
      .send({ name: '伪造界别一', sortOrder: '1' })
      .expect(403);
    expect(mainOf(missing.text)).toContain('表单已过期');
    await staff
      .post('/directory/sectors/new')
      .type('form')
      .send({ _csrf: 'x'.repeat(43), name: '伪造界别二', sortOrder: '1' })
      .expect(403);
    // A token from another session does not fit this one either.
    const other = await signInWeb(t, 'staffweb', TEST_PASSWORD);
    const otherToken = csrfIn((await other.get('/directory/sectors/new')).text);
    await staff
      .post('/directory/sectors/new')
      .type('form')
      .send({ _csrf: otherToken, name: '伪造界别三', sortOrder: '1' })
      .expect(403);
    expect(
      await t.ds
        .getRepository(Sector)
        .countBy([{ name: '伪造界别一' }, { name: '伪造界别二' }, { name: '伪造界别三' }]),
    ).toBe(0);
  });

  it('staff create and edit a sector through the forms and find it in the list', async () => {
    const staff = await signInWeb(t, 'staffweb', TEST_PASSWORD);
    const created = await submit(staff, '/directory/sectors/new', { name: ' 网页新增界别 ', sortOrder: '5' }, 303);
    expect(created.headers.location).toBe('/directory/sectors?done=created');
    const list = await staff.get('/directory/sectors?q=网页新增&done=created').expect(200);
    expect(mainOf(list.text)).toContain('界别已新增');
    expect(mainOf(list.text)).toContain('<td>网页新增界别</td>');
    const row = await t.ds.getRepository(Sector).findOneByOrFail({ name: '网页新增界别' });
    const path = `/directory/sectors/${row.id}/edit`;
    const edit = await staff.get(path).expect(200);
    expect(edit.text).toMatch(/name="version" value="1"/);
    await staff
      .post(path)
      .type('form')
      .send({ _csrf: csrfIn(edit.text), name: '网页改名界别', sortOrder: '6', disabled: '1', version: '1' })
      .expect(303);
    expect(await t.ds.getRepository(Sector).findOneByOrFail({ id: row.id })).toMatchObject({
      name: '网页改名界别',
      sortOrder: 6,
      disabled: true,
    });
    // The same stale form again: 409, said on the form, nothing overwritten.
    const stale = await staff
      .post(path)
      .type('form')
      .send({ _csrf: csrfIn(edit.text), name: '旧表单界别', sortOrder: '6', version: '1' })
      .expect(409);
    expect(mainOf(stale.text)).toContain('该记录已被他人修改，请刷新后重试');
    expect((await t.ds.getRepository(Sector).findOneByOrFail({ id: row.id })).name).toBe('网页改名界别');
  });

  it('shows validation errors beside the fields, with the values kept and a summary linking to them', async () => {
    const staff = await signInWeb(t, 'staffweb', TEST_PASSWORD);
    const res = await submit(staff, '/directory/committees/new', { name: '', sortOrder: '第一' }, 400);
    const main = mainOf(res.text);
    expect(main).toContain('<a href="#f-name">请填写名称</a>');
    expect(main).toContain('<a href="#f-sortOrder">排序须为整数</a>');
    expect(main).toMatch(
      /<p class="error-message" id="f-name-error"><span class="visually-hidden">错误：<\/span>请填写名称<\/p>\s*<input[^>]*id="f-name"/,
    );
    expect(main).toMatch(/id="f-sortOrder"[^>]*value="第一"/);
    const taken = await submit(staff, '/directory/committees/new', { name: '提案委员会', sortOrder: '1' }, 409);
    expect(mainOf(taken.text)).toMatch(
      /id="f-name-error"><span class="visually-hidden">错误：<\/span>专委会“提案委员会”已存在<\/p>/,
    );
  });

  it('escapes what users typed', async () => {
    const staff = await signInWeb(t, 'staffweb', TEST_PASSWORD);
    await submit(staff, '/directory/sectors/new', { name: '<script>x</script>', sortOrder: '0' }, 303);
    const list = await staff.get('/directory/sectors?q=script').expect(200);
    expect(list.text).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(list.text).not.toContain('<script>x');
  });

  it('a member gets a 403 page for the staff forms and sees no staff menu', async () => {
    const member = await signInWeb(t, 'memberweb', TEST_PASSWORD);
    const home = await member.get('/').expect(200);
    expect(mainOf(home.text)).toContain('政协委员');
    const nav = navOf(home.text);
    expect(nav).toContain('修改密码');
    expect(nav).not.toMatch(/名录|账号管理|审计日志/);
    const refused = await member.get('/directory/sectors/new').expect(403);
    expect(refused.text).toContain('<title>无权访问 - ');
    expect(mainOf(refused.text)).toContain('您的角色无权执行此操作');
    expect(navOf(refused.text)).not.toContain('名录');
    const page = await member.get('/account/password').expect(200);
    await member
      .post('/directory/sectors/new')
      .type('form')
      .send({ _csrf: csrfIn(page.text), name: '委员新增', sortOrder: '1' })
      .expect(403);
    await member.get('/admin/users').expect(403);
    // Reading the lists is open to any signed-in person, without the edit links.
    const list = await member.get('/directory/sectors').expect(200);
    expect(mainOf(list.text)).not.toMatch(/sectors\/new|\/edit"/);
  });

  it('a user changes their password: messages beside the fields, then success', async () => {
    await t.signIn('pwchanger', ['leader']);
    const agent = await signInWeb(t, 'pwchanger', TEST_PASSWORD);
    const bad = await submit(
      agent,
      '/account/password',
      { currentPassword: 'not-mine-123', newPassword: 'short' },
      400,
    );
    expect(mainOf(bad.text)).toMatch(
      /id="f-currentPassword-error"><span class="visually-hidden">错误：<\/span>当前密码不正确/,
    );
    expect(mainOf(bad.text)).not.toContain('not-mine-123');
    const weak = await submit(
      agent,
      '/account/password',
      { currentPassword: TEST_PASSWORD, newPassword: 'short' },
      400,
    );
    expect(mainOf(weak.text)).toMatch(
      /id="f-newPassword-error"><span class="visually-hidden">错误：<\/span>密码至少 8 位/,
    );
    const ok = await submit(
      agent,
      '/account/password',
      { currentPassword: TEST_PASSWORD, newPassword: 'NewPassw0rd9' },
      303,
    );
    expect(ok.headers.location).toBe('/?done=password');
    expect(mainOf((await agent.get('/?done=password').expect(200)).text)).toContain('密码已修改');
    await signInWeb(t, 'pwchanger', 'NewPassw0rd9');
  });

  it('the admin manages accounts through the pages; staff may not', async () => {
    const admin = await signInWeb(t, 'admin', ADMIN_PASSWORD);
    const nav = navOf((await admin.get('/').expect(200)).text);
    expect(nav).toMatch(/账号管理[\s\S]*审计日志/);
    const invalid = await submit(
      admin,
      '/admin/users/new',
      { username: 'x', displayName: '', password: 'abc', memberId: '' },
      400,
    );
    expect(mainOf(invalid.text)).toContain('<a href="#f-roles">至少选择一个角色</a>');
    expect(mainOf(invalid.text)).toContain(
      '<a href="#f-username">用户名须为 3–32 位字母、数字、下划线、点或连字符</a>',
    );
    const noMember = await submit(
      admin,
      '/admin/users/new',
      { username: 'webmember', displayName: '网页委员', password: 'Welcome2026', roles: 'member' },
      400,
    );
    expect(mainOf(noMember.text)).toContain('委员账号须关联委员');
    const member = await t.make.member();
    await submit(
      admin,
      '/admin/users/new',
      {
        username: 'webmember',
        displayName: '网页委员',
        password: 'Welcome2026',
        roles: ['member', 'leader'],
        memberId: String(member.id),
      },
      303,
    );
    const list = await admin.get('/admin/users?q=webmember').expect(200);
    expect(mainOf(list.text)).toMatch(/<td>网页委员<\/td>\s*<td>政协委员、领导<\/td>/);
    const id = /\/admin\/users\/(\d+)\/edit/.exec(mainOf(list.text))![1];
    await submit(
      admin,
      `/admin/users/${id}/edit`,
      { displayName: '网页委员改', roles: 'member', memberId: String(member.id), disabled: '1', password: '' },
      303,
    );
    expect(mainOf((await admin.get('/admin/users?q=webmember').expect(200)).text)).toContain('已停用');
    const staff = await signInWeb(t, 'staffweb', TEST_PASSWORD);
    await staff.get('/admin/users').expect(403);
    await staff.get('/admin/audit').expect(403);
    const audit = await admin.get('/admin/audit?entityType=user').expect(200);
    expect(mainOf(audit.text)).toMatch(/修改[\s\S]*账号 \d+[\s\S]*停用：否 → 是/);
  });

  it('signing out ends the session: the old cookie no longer opens a page', async () => {
    const agent = await signInWeb(t, 'staffweb', TEST_PASSWORD);
    const home = await agent.get('/').expect(200);
    const cookie = String((await agent.get('/').expect(200)).request.cookies ?? '');
    await agent.post('/logout').type('form').send({}).expect(403);
    const out = await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfIn(home.text) })
      .expect(303);
    expect(out.headers.location).toBe('/login?loggedOut=1');
    expect(String(out.headers['set-cookie'])).toMatch(/xs_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
    expect(mainOf((await agent.get('/login?loggedOut=1').expect(200)).text)).toContain('您已退出登录');
    // The revoked token itself, sent again by hand, is refused: back to the login page, cookie cleared.
    const again = await t.http().get('/directory/sectors').set('Cookie', cookie).expect(303);
    expect(again.headers.location).toBe('/login?next=%2Fdirectory%2Fsectors&reason=expired');
  });

  it('unknown pages are a Chinese 404 page, while the API keeps its JSON errors and pages stay out of OpenAPI', async () => {
    const page = await t
      .http()
      .get('/no-such-page')
      .expect(404)
      .expect('Content-Type', /text\/html/);
    expect(mainOf(page.text)).toContain('页面不存在');
    const api = await t.http().get('/api/v1/no-such-thing').expect(404).expect('Content-Type', /json/);
    expect(api.body.code).toBe('NOT_FOUND');
    const doc = await t.http().get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths).filter((p) => !p.startsWith('/api/') && p !== '/health')).toEqual([]);
    await t
      .http()
      .get('/assets/app.css')
      .expect(200)
      .expect('Content-Type', /text\/css/);
  });
});
