import { AuditEntry } from '../../src/audit/audit.entities';
import { Role } from '../../src/common/roles';
import { Account } from '../support/accounts';
import { api } from '../support/api';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/**
 * 信息员名单 and monthly quotas: staff appoint, adjust and end; only rostered members file as 信息员; progress by the
 * month (display clock) of the items they lead or co-sign. The clock is set to days of 2026 and everyone signs in
 * again after each move (a session does not survive a jump of weeks).
 */
describe('信息员名单', () => {
  let t: TestApp;
  let n = 0;
  const IN = '/opinions/informants';
  const people = new Map<string, { roles: Role[]; memberId?: number; made?: boolean }>();

  /** Signs `username` in now (made on first use), as an Account for `api`. */
  const as = async (username: string): Promise<Account> => {
    const p = people.get(username)!;
    let token: string;
    if (!p.made) {
      token = (await t.signIn(username, p.roles, p.memberId ? { memberId: p.memberId } : {})).token;
      p.made = true;
    } else {
      token = await t.login(username, TEST_PASSWORD);
    }
    return {
      token,
      userId: 0,
      memberId: p.memberId ?? null,
      unitId: null,
      auth: { Authorization: `Bearer ${token}` },
    };
  };
  const person = async (username: string, roles: Role[], member = false) => {
    people.set(username, { roles, memberId: member ? (await t.make.member()).id : undefined });
    return people.get(username)!;
  };
  const at = (iso: string) => t.clock.set(new Date(iso));
  const item = (extra: object = {}) => ({
    title: `关于社区养老助餐点运营困难的情况反映${++n}`,
    content: '部分社区助餐点用餐人数少、补贴不到位。建议按服务量给予补贴。',
    category: 'livelihood',
    ...extra,
  });
  const fileAndSubmit = async (who: Account, extra: object = {}) => {
    const o = await api(t, who, 'post', '/opinions', item(extra), 201);
    return api(t, who, 'post', `/opinions/${o.id}/submit`, {});
  };
  const rowOf = async (staff: Account, id: number) =>
    (await api(t, staff, 'get', IN)).items.find((i: { id: number }) => i.id === id);

  beforeAll(async () => {
    t = await startTestApp();
    at('2026-02-10T02:00:00Z');
    await person('inf-staff', ['staff']);
    await person('inf-a', ['member'], true);
    await person('inf-b', ['member'], true);
    await person('inf-c', ['member'], true);
  }, 180_000);
  afterAll(() => t.close());

  it('staff appoint a member with the configured quota; the list shows this month, audited', async () => {
    const staff = await as('inf-staff');
    const a = people.get('inf-a')!;
    const made = await api(t, staff, 'post', IN, { memberId: a.memberId, note: '城关区联系点' }, 201);
    expect(made).toMatchObject({
      memberId: a.memberId,
      year: 2026,
      monthlyQuota: 2,
      note: '城关区联系点',
      active: true,
      thisMonth: { month: 2, submitted: 0, quota: 2, remaining: 2 },
      behind: false,
    });
    expect(made.months.map((m: { state: string }) => m.state).slice(0, 3)).toEqual(['off', 'due', 'upcoming']);
    const list = await api(t, staff, 'get', IN);
    expect(list).toMatchObject({ year: 2026, currentMonth: 2, defaultMonthlyQuota: 2 });
    expect(list.items.map((i: { id: number }) => i.id)).toContain(made.id);
    const audit = await t.ds
      .getRepository(AuditEntry)
      .findOneByOrFail({ entityType: 'opinion_informant', entityId: String(made.id) });
    expect(audit.action).toBe('opinion_informant.appoint');
  });

  it('refuses with Chinese messages: unknown field, not a member, twice a year, a far year, a bad quota', async () => {
    const staff = await as('inf-staff');
    const b = people.get('inf-b')!;
    const send = (body: object) => t.http().post(`/api/v1${IN}`).set(staff.auth).send(body);
    const unknown = await send({ memberId: b.memberId, urgent: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/[\u4e00-\u9fa5]/);
    const nobody = await send({ memberId: 999999 });
    expect(nobody.status).toBe(400);
    expect(nobody.body.message).toBe('委员不存在或不在任');
    const far = await send({ memberId: b.memberId, year: 2028 });
    expect(far.status).toBe(400);
    expect(far.body.message).toBe('只能聘任本年度（2026年）或下一年度的信息员');
    const quota = await send({ memberId: b.memberId, monthlyQuota: 0 });
    expect(quota.status).toBe(400);
    expect(quota.body.details.fields.monthlyQuota).toEqual(['每月定额须在 1 到 30 条之间']);
    await api(t, staff, 'post', IN, { memberId: b.memberId, monthlyQuota: 1 }, 201);
    const twice = await send({ memberId: b.memberId });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({
      code: 'INFORMANT_EXISTS',
      message: expect.stringContaining('已在2026年度信息员名单中'),
    });
    // Next year's roster is another row.
    await api(t, staff, 'post', IN, { memberId: b.memberId, year: 2027 }, 201);
    const missing = await t.http().patch(`/api/v1${IN}/999999`).set(staff.auth).send({ monthlyQuota: 3 });
    expect(missing.status).toBe(404);
  });

  it('refuses members, leaders, units and facilitators (403) on every roster endpoint', async () => {
    const staff = await as('inf-staff');
    const c = people.get('inf-c')!;
    const target = (await api(t, staff, 'get', IN)).items[0].id;
    for (const role of ['member', 'leader', 'unit', 'facilitator'] as const) {
      const { token } = await t.signInAs(role);
      const auth = { Authorization: `Bearer ${token}` };
      const calls = [
        t.http().get(`/api/v1${IN}`).set(auth),
        t.http().post(`/api/v1${IN}`).set(auth).send({ memberId: c.memberId }),
        t.http().patch(`/api/v1${IN}/${target}`).set(auth).send({ monthlyQuota: 5 }),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(403);
        expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
    expect((await rowOf(staff, target)).monthlyQuota).not.toBe(5);
  });

  it('only a rostered member files as 信息员; items led or co-signed count by month, 采用编报 among them', async () => {
    at('2026-02-11T02:00:00Z');
    const staff = await as('inf-staff');
    const a = await as('inf-a');
    const c = await as('inf-c');
    const refused = await t
      .http()
      .post('/api/v1/opinions')
      .set(c.auth)
      .send(item({ submitterKind: 'informant' }));
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('您不在本年度信息员名单中，请以委员本人身份报送');
    const own = await fileAndSubmit(a, { submitterKind: 'informant' });
    expect(own.submitterKind).toBe('informant');
    // Co-signed on c's item (filed as 委员): it counts for a too.
    await fileAndSubmit(c, { coContributorMemberIds: [a.memberId] });
    // A draft does not count.
    await api(t, a, 'post', '/opinions', item({ submitterKind: 'informant' }), 201);
    await api(t, staff, 'post', `/opinions/${own.id}/review`, { decision: 'accept' });
    const id = (await api(t, staff, 'get', IN)).items.find((i: { memberId: number }) => i.memberId === a.memberId).id;
    const feb = await rowOf(staff, id);
    expect(feb).toMatchObject({
      thisMonth: { month: 2, submitted: 2, accepted: 1, quota: 2, remaining: 0 },
      yearSubmitted: 2,
      yearAccepted: 1,
      behind: false,
    });
    expect(feb.months[1]).toMatchObject({ month: 2, state: 'met', stateLabel: '已完成' });

    // April: March went by without an item — behind (due 4, done 2), listed before those on track.
    at('2026-04-02T02:00:00Z');
    const staffApr = await as('inf-staff');
    // c, appointed in April, owes nothing yet: on track, listed after those behind.
    const cRow = await api(t, staffApr, 'post', IN, { memberId: c.memberId }, 201);
    expect(cRow).toMatchObject({ dueSoFar: 0, behind: false });
    const apr = await api(t, staffApr, 'get', IN);
    const row = apr.items.find((i: { id: number }) => i.id === id);
    expect(row).toMatchObject({ dueSoFar: 4, doneSoFar: 2, behind: true, thisMonth: { month: 4, remaining: 2 } });
    expect(row.months[2]).toMatchObject({ state: 'short', stateLabel: '未完成' });
    const order = apr.items.map((i: { id: number }) => i.id);
    expect(order.indexOf(id)).toBeLessThan(order.indexOf(cRow.id));
  });

  it('staff change the quota (version-checked) and end an appointment: final, audited, filing as 信息员 refused', async () => {
    at('2026-05-06T02:00:00Z');
    const staff = await as('inf-staff');
    const a = await as('inf-a');
    const row = (await api(t, staff, 'get', IN)).items.find((i: { memberId: number }) => i.memberId === a.memberId);
    const stale = await t
      .http()
      .patch(`/api/v1${IN}/${row.id}`)
      .set(staff.auth)
      .send({ monthlyQuota: 3, version: row.version + 1 });
    expect(stale.status).toBe(409);
    const changed = await api(t, staff, 'patch', `${IN}/${row.id}`, { monthlyQuota: 3, version: row.version });
    expect(changed).toMatchObject({ monthlyQuota: 3, thisMonth: { quota: 3 } });
    const unknown = await t.http().patch(`/api/v1${IN}/${row.id}`).set(staff.auth).send({ quota: 3 });
    expect(unknown.status).toBe(400);
    const ended = await api(t, staff, 'patch', `${IN}/${row.id}`, { end: true });
    expect(ended).toMatchObject({ active: false, endedAt: expect.any(String) });
    expect(ended.months.slice(4, 6).map((m: { quota: number }) => m.quota)).toEqual([3, 0]);
    const again = await t.http().patch(`/api/v1${IN}/${row.id}`).set(staff.auth).send({ note: '补记' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INFORMANT_ENDED');
    const filed = await t
      .http()
      .post('/api/v1/opinions')
      .set(a.auth)
      .send(item({ submitterKind: 'informant' }));
    expect(filed.status).toBe(400);
    const actions = (
      await t.ds.getRepository(AuditEntry).findBy({ entityType: 'opinion_informant', entityId: String(row.id) })
    ).map((e) => e.action);
    expect(actions).toEqual(['opinion_informant.appoint', 'opinion_informant.update', 'opinion_informant.end']);
  });
});
