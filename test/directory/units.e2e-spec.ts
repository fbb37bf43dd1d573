import { Unit } from '../../src/directory/directory.entities';
import { directoryContract, expectFieldError, fresh } from '../support/directory-contract';
import { startTestApp, TestApp } from '../support/test-app';

describe('承办单位 /api/v1/units', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  const auth = () => ({ Authorization: `Bearer ${admin}` });

  directoryContract(
    {
      path: '/api/v1/units',
      entity: Unit,
      auditType: 'unit',
      body: (name) => ({ name, kind: 'government', contactName: '王明', contactPhone: '0571-8765 4321' }),
      nameMax: 100,
      required: ['name', 'kind'],
      wrongTypes: { name: 12345, kind: 'ministry', contactName: ['王明'], contactPhone: 13800000000 },
      overLength: { contactName: '联'.repeat(51), contactPhone: '1'.repeat(31) },
      change: { kind: 'judicial', contactPhone: '+86 138 0000 0000' },
      changeShows: { kindLabel: '法检两院' },
    },
    () => ({ t, admin }),
  );

  it('labels each kind in Chinese and filters by kind', async () => {
    const prefix = fresh('类别');
    const labels = { government: '政府部门', judicial: '法检两院', people_org: '人民团体', enterprise: '企事业单位' };
    for (const kind of Object.keys(labels)) {
      const res = await t
        .http()
        .post('/api/v1/units')
        .set(auth())
        .send({ name: `${prefix}${kind}`, kind })
        .expect(201);
      expect(res.body).toMatchObject({
        kind,
        kindLabel: labels[kind as keyof typeof labels],
        contactName: null,
        contactPhone: null,
      });
    }
    const judicial = await t
      .http()
      .get(`/api/v1/units?kind=judicial&q=${encodeURIComponent(prefix)}`)
      .set(auth())
      .expect(200);
    expect(judicial.body.items.map((u: { name: string }) => u.name)).toEqual([`${prefix}judicial`]);
    expectFieldError((await t.http().get('/api/v1/units?kind=ministry').set(auth()).expect(400)).body, 'kind');
  });

  it('checks the contact phone: digits, spaces, "-" and "+", 5 to 30 characters; blank clears it', async () => {
    for (const contactPhone of ['1234', '0571-8765-4321 转 8', 'tel:12345']) {
      expectFieldError(
        (
          await t
            .http()
            .post('/api/v1/units')
            .set(auth())
            .send({ name: fresh('电话'), kind: 'enterprise', contactPhone })
            .expect(400)
        ).body,
        'contactPhone',
      );
    }
    const ok = await t
      .http()
      .post('/api/v1/units')
      .set(auth())
      .send({ name: fresh('电话'), kind: 'enterprise', contactPhone: ' +86 571 8765-4321 ' })
      .expect(201);
    expect(ok.body.contactPhone).toBe('+86 571 8765-4321');
    const cleared = await t
      .http()
      .patch(`/api/v1/units/${ok.body.id}`)
      .set(auth())
      .send({ contactPhone: '', contactName: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ contactPhone: null, contactName: null });
  });

  it('a staff account may write; other signed-in roles read only', async () => {
    const staff = { Authorization: `Bearer ${await t.tokenFor('staff')}` };
    const unit = { Authorization: `Bearer ${await t.tokenFor('unit')}` };
    const created = await t
      .http()
      .post('/api/v1/units')
      .set(staff)
      .send({ name: fresh('机关建'), kind: 'people_org' })
      .expect(201);
    await t
      .http()
      .post('/api/v1/units')
      .set(unit)
      .send({ name: fresh('单位建'), kind: 'people_org' })
      .expect(403);
    await t.http().patch(`/api/v1/units/${created.body.id}`).set(unit).send({ contactName: '李' }).expect(403);
    expect((await t.http().get(`/api/v1/units/${created.body.id}`).set(unit).expect(200)).body.kindLabel).toBe(
      '人民团体',
    );
  });
});
