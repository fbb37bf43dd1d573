import { AuditEntry } from '../src/audit/audit-entry.entity';
import { DEMO_ACCOUNTS, DEMO_MEMBERS, DEMO_PASSWORD, DEMO_POINTS, DEMO_SESSIONS, DEMO_UNITS } from '../src/demo/demo-data';
import { DemoLoader } from '../src/demo/demo-loader';
import { Member } from '../src/directory/directory.entities';
import { startTestApp, TestApp } from './support/test-app';
import { mainOf, navOf, signInWeb } from './support/web-client';

describe('demo data set (XS_DEMO=1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ XS_DEMO: '1' });
  });
  afterAll(() => t.close());

  it('loads the directory through the audited services', async () => {
    const staff = await login('staff');
    const members = await t.http().get('/api/v1/members?pageSize=100').auth(staff, { type: 'bearer' }).expect(200);
    expect(members.body.total).toBe(DEMO_MEMBERS.length);
    expect(members.body.items.map((m: { name: string }) => m.name)).toEqual(expect.arrayContaining(['张文华', '曹慧敏']));
    const units = await t.http().get('/api/v1/units?pageSize=100').auth(staff, { type: 'bearer' }).expect(200);
    expect(units.body.total).toBe(DEMO_UNITS.length);
    const points = await t.http().get('/api/v1/consultation-points').auth(staff, { type: 'bearer' }).expect(200);
    expect(points.body.items.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(DEMO_POINTS.map((p) => p.name)));
    const sessions = await t.http().get('/api/v1/sessions').auth(staff, { type: 'bearer' }).expect(200);
    expect(sessions.body.items.map((s: { name: string }) => s.name).sort()).toEqual(DEMO_SESSIONS.map((s) => s.name).sort());
    const created = await t.ds.getRepository(AuditEntry).countBy({ action: 'member.create' });
    expect(created).toBe(DEMO_MEMBERS.length);
  });

  it('gives every demo account its role and link, and the documented password signs it in', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const token = await login(account.username);
      const me = await t.http().get('/api/v1/users/me').auth(token, { type: 'bearer' }).expect(200);
      expect(me.body.roles).toEqual([...account.roles]);
      if ('member' in account) expect(me.body.memberId).toEqual(expect.any(Number));
      if ('unit' in account) expect(me.body.unitId).toEqual(expect.any(Number));
      if ('point' in account) expect(me.body.pointId).toEqual(expect.any(Number));
    }
  });

  it('shows each demo account its own menu on the home page', async () => {
    const staff = await signInWeb(t, 'staff', DEMO_PASSWORD);
    const staffHome = await staff.get('/').expect(200);
    expect(navOf(staffHome.text)).toContain('名录');
    expect(mainOf(staffHome.text)).toContain('田秀');
    const member = await signInWeb(t, 'member', DEMO_PASSWORD);
    const memberHome = await member.get('/').expect(200);
    expect(navOf(memberHome.text)).not.toContain('名录');
    expect(mainOf(memberHome.text)).toContain('张文华');
  });

  it('does not load twice: a second run on a database with members adds nothing', async () => {
    const before = await t.ds.getRepository(Member).count();
    expect(await t.app.get(DemoLoader).loadIfEmpty()).toBe(false);
    expect(await t.ds.getRepository(Member).count()).toBe(before);
  });

  async function login(username: string): Promise<string> {
    const res = await t.http().post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
    return res.body.accessToken;
  }
});
