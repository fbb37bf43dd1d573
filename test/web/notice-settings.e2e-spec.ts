import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { csrfIn, mainOf, signInWeb, submit } from '../support/web-client';

/** 通知设置 and 发送记录 through the pages (no e-mail or SMS configured here: the settings still keep). */
describe('notice settings pages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  let n = 0;
  const member = async () => {
    const username = `ns-m-${process.pid}-${++n}`;
    const { userId } = await t.signIn(username, ['member'], { memberId: (await t.make.member()).id });
    return { userId, web: await signInWeb(t, username, TEST_PASSWORD) };
  };
  const checked = (html: string, name: string) =>
    new RegExp(`name="${name}" type="checkbox" value="1" checked`).test(html);

  it('shows the defaults — SMS for invitations, deadlines and 签发 only — and says the channels are not open yet', async () => {
    const { web } = await member();
    const inbox = await web.get('/inbox').expect(200);
    expect(mainOf(inbox.text)).toContain('href="/account/notices"');
    expect(mainOf(inbox.text)).not.toContain('/inbox/deliveries');
    const page = mainOf((await web.get('/account/notices').expect(200)).text);
    expect(page).toContain('本系统尚未开通邮件和短信通知');
    expect(page).toContain('未登记');
    expect(checked(page, 'sms_invitation')).toBe(true);
    expect(checked(page, 'sms_deadline')).toBe(true);
    expect(checked(page, 'sms_proposal')).toBe(false);
    expect(checked(page, 'email_proposal')).toBe(true);
    expect(checked(page, 'quietHours')).toBe(true);
    expect(checked(page, 'digest')).toBe(false);
  });

  it('a bad address comes back on the page with the ticks as typed; a good one is saved and read back by the API', async () => {
    const { web } = await member();
    const bad = await submit(web, '/account/notices', { email: 'wang@', sms_proposal: '1', quietHours: '1' }, 400);
    const main = mainOf(bad.text);
    expect(main).toContain('电子邮箱格式不正确');
    expect(main).toContain('value="wang@"');
    expect(checked(main, 'sms_proposal')).toBe(true);
    expect(checked(main, 'sms_invitation')).toBe(false);
    await submit(
      web,
      '/account/notices',
      { email: 'wang@example.gov.cn', sms_proposal: '1', email_other: '1', digest: '1' },
      303,
    );
    const saved = mainOf((await web.get('/account/notices?done=1').expect(200)).text);
    expect(saved).toContain('通知设置已保存');
    expect(saved).toContain('value="wang@example.gov.cn"');
    expect(checked(saved, 'digest')).toBe(true);
    expect(checked(saved, 'quietHours')).toBe(false);
    expect(checked(saved, 'sms_invitation')).toBe(false);
    expect(checked(saved, 'sms_proposal')).toBe(true);
  });

  it('发送记录 is the staff’s: a member gets the refusal page, staff the list with its filters', async () => {
    const { web } = await member();
    await web.get('/inbox/deliveries').expect(403);
    const staffName = `ns-s-${process.pid}`;
    await t.signIn(staffName, ['staff']);
    const staff = await signInWeb(t, staffName, TEST_PASSWORD);
    const inbox = await staff.get('/inbox').expect(200);
    expect(mainOf(inbox.text)).toContain('href="/inbox/deliveries"');
    const list = mainOf((await staff.get('/inbox/deliveries?status=failed').expect(200)).text);
    expect(list).toContain('发送记录');
    expect(list).toMatch(/aria-current="page">发送失败/);
    await staff.get('/inbox/deliveries?status=lost').expect(400);
    const form = await staff.get('/inbox/deliveries').expect(200);
    await staff
      .post('/inbox/deliveries/999999/retry')
      .type('form')
      .send({ _csrf: csrfIn(form.text) })
      .expect(404);
  });
});
