import {
  Committee,
  CouncilSession,
  Member,
  MemberCommittee,
  Sector,
  Unit,
} from '../../src/directory/directory.entities';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { Agent, csrfIn, mainOf, navOf, signInWeb, submit } from '../support/web-client';

describe('directory pages', () => {
  let t: TestApp;
  let staff: Agent;
  beforeAll(async () => {
    t = await startTestApp();
    await t.signIn('dirstaff', ['staff']);
    await t.signIn('dirmember', ['member'], { memberId: (await t.make.member()).id });
    staff = await signInWeb(t, 'dirstaff', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  const idOf = async (entity: typeof Sector | typeof Committee, name: string) =>
    String((await t.ds.getRepository(entity).findOneByOrFail({ name })).id);

  it('staff reach the six lists from 名录', async () => {
    const index = await staff.get('/directory').expect(200);
    expect(navOf(index.text)).toMatch(/href="\/directory" aria-current="page">名录</);
    for (const path of ['members', 'sectors', 'committees', 'units', 'points', 'sessions']) {
      expect(mainOf(index.text)).toContain(`href="/directory/${path}"`);
      await staff.get(`/directory/${path}`).expect(200);
      await staff.get(`/directory/${path}/new`).expect(200);
    }
  });

  it('staff add a 委员 with a sector select and committee checkboxes, then edit and clear fields', async () => {
    const sectorId = await idOf(Sector, '教育界');
    const committeeIds = [await idOf(Committee, '提案委员会'), await idOf(Committee, '经济委员会')];
    const form = await staff.get('/directory/members/new').expect(200);
    expect(mainOf(form.text)).toMatch(
      /<select[^>]*id="f-sectorId" name="sectorId"[\s\S]*<option value="">请选择界别<\/option>/,
    );
    expect(mainOf(form.text)).toMatch(
      /type="checkbox" value="\d+"[^>]*>\s*<label class="checkboxes__label" for="f-committeeIds[-\d]*">提案委员会<\/label>/,
    );
    const bad = await submit(
      staff,
      '/directory/members/new',
      { name: '李华', sectorId: '', phone: '电话号码', gender: '' },
      400,
    );
    expect(mainOf(bad.text)).toContain('<a href="#f-sectorId">请选择界别</a>');
    expect(mainOf(bad.text)).toMatch(
      /id="f-phone-error"><span class="visually-hidden">错误：<\/span>联系电话只能包含数字/,
    );
    expect(mainOf(bad.text)).toMatch(/id="f-name"[^>]*value="李华"/);
    const fields = {
      name: '李华',
      sectorId,
      committeeIds,
      gender: 'female',
      term: '十二届',
      phone: '0571-8765 4321',
      employer: '市第一中学校长',
    };
    const created = await submit(staff, '/directory/members/new', fields, 303);
    expect(created.headers.location).toBe('/directory/members?done=created');
    const list = await staff.get(`/directory/members?q=李华&sectorId=${sectorId}`).expect(200);
    expect(mainOf(list.text)).toMatch(
      /<td>李华<\/td>\s*<td>女<\/td>\s*<td>教育界<\/td>\s*<td>提案委员会、经济委员会<\/td>/,
    );
    const member = await t.ds.getRepository(Member).findOneByOrFail({ name: '李华' });
    const edit = await staff.get(`/directory/members/${member.id}/edit`).expect(200);
    expect(mainOf(edit.text)).toMatch(/value="female" checked/);
    const changes = {
      _csrf: csrfIn(edit.text),
      name: '李华',
      sectorId,
      committeeIds: committeeIds[1],
      gender: '',
      term: '',
      phone: '',
      employer: '市第一中学校长',
      status: 'left',
      version: '1',
    };
    await staff.post(`/directory/members/${member.id}/edit`).type('form').send(changes).expect(303);
    expect(await t.ds.getRepository(Member).findOneByOrFail({ id: member.id })).toMatchObject({
      gender: null,
      term: null,
      phone: null,
      status: 'left',
    });
    expect(await t.ds.getRepository(MemberCommittee).findBy({ memberId: member.id })).toEqual([
      { memberId: member.id, committeeId: Number(committeeIds[1]) },
    ]);
  });

  it('staff add a 承办单位 choosing its kind, and filter the list by kind', async () => {
    const none = await submit(staff, '/directory/units/new', { name: '市商务局' }, 400);
    expect(mainOf(none.text)).toContain(
      '<a href="#f-kind">单位类别须为政府部门、法检两院、人民团体或企事业单位之一</a>',
    );
    await submit(
      staff,
      '/directory/units/new',
      { name: '市商务局', kind: 'government', contactName: '王明', contactPhone: '0571-1234567' },
      303,
    );
    expect(await t.ds.getRepository(Unit).findOneByOrFail({ name: '市商务局' })).toMatchObject({
      kind: 'government',
      contactName: '王明',
    });
    const listed = await staff.get('/directory/units?kind=government&q=商务').expect(200);
    expect(mainOf(listed.text)).toMatch(/<td>市商务局<\/td>\s*<td>政府部门<\/td>\s*<td>王明<\/td>/);
    expect(mainOf((await staff.get('/directory/units?kind=judicial&q=商务').expect(200)).text)).not.toContain(
      '市商务局',
    );
    await staff.get('/directory/units?kind=nonsense').expect(400);
  });

  it('staff add a 协商议事点 and find it by district', async () => {
    await submit(
      staff,
      '/directory/points/new',
      { name: '金塔社区协商议事室', district: '西湖区北山街道', grid: '第一网格', address: '' },
      303,
    );
    const listed = await staff.get('/directory/points?q=北山').expect(200);
    expect(mainOf(listed.text)).toMatch(/<td>金塔社区协商议事室<\/td>\s*<td>西湖区北山街道<\/td>/);
  });

  it('reads 会次 times typed in datetime-local fields as Beijing time, and shows them so', async () => {
    const form = await staff.get('/directory/sessions/new').expect(200);
    expect(mainOf(form.text)).toMatch(/id="f-opensAt" name="opensAt"\s*type="datetime-local"/);
    const backwards = await submit(
      staff,
      '/directory/sessions/new',
      { code: '12-2', name: '十二届二次会议', opensAt: '2026-01-05T09:00', closesAt: '2026-01-01T09:00' },
      400,
    );
    expect(mainOf(backwards.text)).toMatch(
      /id="f-closesAt-error"><span class="visually-hidden">错误：<\/span>截止时间须晚于开始时间/,
    );
    expect(mainOf(backwards.text)).toMatch(/id="f-opensAt"[^>]*value="2026-01-05T09:00"/);
    await submit(
      staff,
      '/directory/sessions/new',
      { code: '12-2', name: '十二届二次会议', opensAt: '2026-01-05T09:00', closesAt: '2026-02-20T17:30' },
      303,
    );
    const row = await t.ds.getRepository(CouncilSession).findOneByOrFail({ code: '12-2' });
    expect(row.opensAt.toISOString()).toBe('2026-01-05T01:00:00.000Z');
    expect(row.closesAt.toISOString()).toBe('2026-02-20T09:30:00.000Z');
    expect(mainOf((await staff.get('/directory/sessions?q=12-2').expect(200)).text)).toContain('2026年1月5日 09:00');
    const edit = await staff.get(`/directory/sessions/${row.id}/edit`).expect(200);
    expect(mainOf(edit.text)).toMatch(/id="f-closesAt"[^>]*value="2026-02-20T17:30"/);
    const taken = await submit(
      staff,
      '/directory/sessions/new',
      { code: '12-2', name: '另一个会次', opensAt: '2026-03-01T09:00', closesAt: '2026-03-09T09:00' },
      409,
    );
    expect(mainOf(taken.text)).toMatch(
      /id="f-code-error"><span class="visually-hidden">错误：<\/span>会次代号“12-2”已存在/,
    );
  });

  it('a member reads the member list without phone numbers or edit links, and is refused the forms', async () => {
    const member = await signInWeb(t, 'dirmember', TEST_PASSWORD);
    const list = await member.get('/directory/members').expect(200);
    expect(mainOf(list.text)).not.toMatch(/联系电话|\/edit"|members\/new/);
    for (const path of ['members', 'units', 'points', 'sessions'])
      await member.get(`/directory/${path}/new`).expect(403);
    const page = await member.get('/account/password').expect(200);
    await member
      .post('/directory/units/new')
      .type('form')
      .send({ _csrf: csrfIn(page.text), name: '委员建的单位', kind: 'government' })
      .expect(403);
    expect(await t.ds.getRepository(Unit).countBy({ name: '委员建的单位' })).toBe(0);
  });
});
