import { CouncilSession } from '../../src/directory/directory.entities';
import { directoryContract, expectFieldError, fresh, snapshot } from '../support/directory-contract';
import { startTestApp, TestApp } from '../support/test-app';

let code = 0;
/** Codes "1-1", "1-2" … unique within the suite. */
const nextCode = () => `${Math.floor(++code / 90) + 1}-${(code % 90) + 1}`;

describe('会次 /api/v1/sessions', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  const auth = () => ({ Authorization: `Bearer ${admin}` });
  const post = (body: object) => t.http().post('/api/v1/sessions').set(auth()).send(body);
  const window = { opensAt: '2026-11-01T09:00:00+08:00', closesAt: '2027-01-20T17:30:00+08:00' };

  directoryContract(
    {
      path: '/api/v1/sessions',
      entity: CouncilSession,
      auditType: 'session',
      body: (name) => ({ code: nextCode(), name, ...window }),
      nameMax: 50,
      required: ['code', 'name', 'opensAt', 'closesAt'],
      wrongTypes: { code: 122, name: 42, opensAt: 1767225600000, closesAt: { at: 'tomorrow' } },
      overLength: { code: '1'.repeat(21) },
      change: { closesAt: '2027-01-31T16:00:00.000Z' },
    },
    () => ({ t, admin }),
  );

  it('stores times with their offset and answers them as ISO 8601 in UTC', async () => {
    const res = await post({ code: nextCode(), name: fresh('十二届二次会议'), ...window }).expect(201);
    expect(res.body).toMatchObject({ opensAt: '2026-11-01T01:00:00.000Z', closesAt: '2027-01-20T09:30:00.000Z' });
    expect((await t.http().get(`/api/v1/sessions/${res.body.id}`).set(auth()).expect(200)).body.opensAt).toBe(
      '2026-11-01T01:00:00.000Z',
    );
  });

  it('checks the code "届-次" and that times carry an offset and are real dates', async () => {
    const before = await snapshot(t, CouncilSession);
    for (const bad of ['12', '12-', '123-1', '十二-二', '12-2a'])
      expectFieldError((await post({ code: bad, name: fresh('会'), ...window }).expect(400)).body, 'code');
    for (const bad of ['2026-11-01T09:00:00', '2026-11-01', '2026-02-30T09:00:00+08:00', 'next monday']) {
      expectFieldError(
        (await post({ code: nextCode(), name: fresh('会'), ...window, opensAt: bad }).expect(400)).body,
        'opensAt',
      );
    }
    expect(await snapshot(t, CouncilSession)).toEqual(before);
  });

  it('the close must come after the opening, on create and on change', async () => {
    const before = await snapshot(t, CouncilSession);
    const same = await post({
      code: nextCode(),
      name: fresh('会'),
      opensAt: window.opensAt,
      closesAt: '2026-11-01T01:00:00Z',
    }).expect(400);
    expect(same.body).toMatchObject({
      message: '截止时间须晚于开始时间',
      details: { fields: { closesAt: ['截止时间须晚于开始时间'] } },
    });
    expect(await snapshot(t, CouncilSession)).toEqual(before);
    const created = (await post({ code: nextCode(), name: fresh('会'), ...window }).expect(201)).body;
    expectFieldError(
      (
        await t
          .http()
          .patch(`/api/v1/sessions/${created.id}`)
          .set(auth())
          .send({ opensAt: '2027-02-01T00:00:00+08:00' })
          .expect(400)
      ).body,
      'closesAt',
    );
    const moved = await t
      .http()
      .patch(`/api/v1/sessions/${created.id}`)
      .set(auth())
      .send({ opensAt: '2027-01-01T00:00:00+08:00', closesAt: '2027-02-01T00:00:00+08:00' })
      .expect(200);
    expect(moved.body).toMatchObject({
      opensAt: '2026-12-31T16:00:00.000Z',
      closesAt: '2027-01-31T16:00:00.000Z',
      version: 2,
    });
  });

  it('a taken code is 409 like a taken name', async () => {
    const taken = nextCode();
    await post({ code: taken, name: fresh('会'), ...window }).expect(201);
    const dup = await post({ code: taken, name: fresh('会'), ...window }).expect(409);
    expect(dup.body).toMatchObject({
      code: 'NAME_TAKEN',
      message: `会次代号“${taken}”已存在`,
      details: { field: 'code' },
    });
  });

  it('lists the newest session first', async () => {
    const tag = fresh('届次排序');
    for (const [i, opensAt] of [
      '2024-11-01T00:00:00+08:00',
      '2026-11-01T00:00:00+08:00',
      '2025-11-01T00:00:00+08:00',
    ].entries()) {
      await post({ code: nextCode(), name: `${tag}${i}`, opensAt, closesAt: '2028-01-01T00:00:00+08:00' }).expect(201);
    }
    const res = await t
      .http()
      .get(`/api/v1/sessions?q=${encodeURIComponent(tag)}`)
      .set(auth())
      .expect(200);
    expect(res.body.items.map((s: { name: string }) => s.name)).toEqual([`${tag}1`, `${tag}2`, `${tag}0`]);
  });

  it('any signed-in role reads sessions; only admin and staff write', async () => {
    const member = { Authorization: `Bearer ${await t.tokenFor('member')}` };
    const session = await t.make.session();
    expect((await t.http().get(`/api/v1/sessions/${session.id}`).set(member).expect(200)).body.code).toBe(session.code);
    await t
      .http()
      .post('/api/v1/sessions')
      .set(member)
      .send({ code: nextCode(), name: fresh('会'), ...window })
      .expect(403);
  });
});
