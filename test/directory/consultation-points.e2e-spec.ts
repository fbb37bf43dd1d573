import { ConsultationPoint } from '../../src/directory/directory.entities';
import { directoryContract, fresh } from '../support/directory-contract';
import { startTestApp, TestApp } from '../support/test-app';

describe('协商议事点 /api/v1/consultation-points', () => {
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
      path: '/api/v1/consultation-points',
      entity: ConsultationPoint,
      auditType: 'consultation_point',
      body: (name) => ({ name, district: '西湖区北山街道', grid: '第一、二网格', address: '金塔路 8 号' }),
      nameMax: 100,
      required: ['name'],
      wrongTypes: { name: { text: '议事室' }, district: 7, grid: true, address: ['金塔路'] },
      overLength: { district: '区'.repeat(101), grid: '格'.repeat(201), address: '路'.repeat(201) },
      change: { grid: '第三网格', address: '金塔路 10 号' },
    },
    () => ({ t, admin }),
  );

  it('takes a name alone; blank optional fields are stored as none', async () => {
    const res = await t
      .http()
      .post('/api/v1/consultation-points')
      .set(auth())
      .send({ name: fresh('议事室'), district: '  ', grid: null })
      .expect(201);
    expect(res.body).toMatchObject({ district: null, grid: null, address: null });
  });

  it('finds a point by its district as well as its name', async () => {
    const district = fresh('滨江区');
    const res = await t
      .http()
      .post('/api/v1/consultation-points')
      .set(auth())
      .send({ name: fresh('睦邻议事厅'), district })
      .expect(201);
    const found = await t
      .http()
      .get(`/api/v1/consultation-points?q=${encodeURIComponent(district)}`)
      .set(auth())
      .expect(200);
    expect(found.body.items.map((p: { id: number }) => p.id)).toEqual([res.body.id]);
  });

  it('a facilitator reads the points but may not change them', async () => {
    const facilitator = { Authorization: `Bearer ${await t.tokenFor('facilitator')}` };
    const point = await t.make.point();
    expect((await t.http().get(`/api/v1/consultation-points/${point.id}`).set(facilitator).expect(200)).body.name).toBe(
      point.name,
    );
    await t
      .http()
      .patch(`/api/v1/consultation-points/${point.id}`)
      .set(facilitator)
      .send({ grid: '我的网格' })
      .expect(403);
    expect((await t.ds.getRepository(ConsultationPoint).findOneByOrFail({ id: point.id })).grid).toBeNull();
  });
});
