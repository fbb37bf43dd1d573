import { Like } from 'typeorm';
import { Committee, Member, MemberCommittee, Sector } from '../../src/directory/directory.entities';
import { MemberQuery } from '../../src/directory/members.dto';
import { MembersService } from '../../src/directory/members.service';
import { directoryContract, expectFieldError, fresh, snapshot } from '../support/directory-contract';
import { startTestApp, TestApp } from '../support/test-app';

describe('委员 /api/v1/members', () => {
  let t: TestApp;
  let admin: string;
  let education: Sector;
  let proposals: Committee;
  let economy: Committee;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor('admin');
    education = await t.ds.getRepository(Sector).findOneByOrFail({ name: '教育界' });
    proposals = await t.ds.getRepository(Committee).findOneByOrFail({ name: '提案委员会' });
    economy = await t.ds.getRepository(Committee).findOneByOrFail({ name: '经济委员会' });
  });
  afterAll(() => t.close());

  const auth = () => ({ Authorization: `Bearer ${admin}` });
  const post = (body: object) => t.http().post('/api/v1/members').set(auth()).send(body);
  const patch = (id: number, body: object) => t.http().patch(`/api/v1/members/${id}`).set(auth()).send(body);
  const list = (query: string) => t.http().get(`/api/v1/members?${query}`).set(auth()).expect(200);
  const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((m) => m.name);

  directoryContract(
    {
      path: '/api/v1/members',
      entity: Member,
      auditType: 'member',
      body: (name) => ({
        name,
        sectorId: education.id,
        committeeIds: [proposals.id],
        gender: 'female',
        term: '十二届',
        phone: '138 0000 0000',
        employer: '市第一中学校长',
      }),
      nameMax: 50,
      required: ['name', 'sectorId'],
      wrongTypes: {
        name: 123,
        sectorId: 'abc',
        committeeIds: '1,2',
        gender: 'f',
        term: 12,
        phone: 13800000000,
        employer: false,
      },
      overLength: { term: '届'.repeat(21), phone: '1'.repeat(31), employer: '职'.repeat(201) },
      change: { phone: '0571-8765 4321', term: '十三届', gender: 'male' },
      changeShows: { genderLabel: '男' },
    },
    () => ({ t, admin }),
  );

  it('answers the sector name, the committees and the Chinese labels', async () => {
    const res = await post({
      name: fresh('李华'),
      sectorId: education.id,
      committeeIds: [economy.id, proposals.id],
      gender: 'female',
    }).expect(201);
    expect(res.body).toMatchObject({
      sectorId: education.id,
      sectorName: '教育界',
      committees: [
        { id: proposals.id, name: '提案委员会' },
        { id: economy.id, name: '经济委员会' },
      ],
      gender: 'female',
      genderLabel: '女',
      status: 'active',
      statusLabel: '在任',
      term: null,
      phone: null,
      employer: null,
    });
    const plain = await post({ name: fresh('赵强'), sectorId: education.id }).expect(201);
    expect(plain.body).toMatchObject({ committees: [], gender: null, genderLabel: null });
  });

  it('places a member only in a sector and committees that exist and are in use (400 naming each, nothing written)', async () => {
    const closedSector = await t.make.sector(fresh('已撤销界别'));
    await t.ds.getRepository(Sector).update(closedSector.id, { disabled: true });
    const closedCommittee = await t.make.committee(fresh('已撤销委员会'));
    await t.ds.getRepository(Committee).update(closedCommittee.id, { disabled: true });
    const before = await snapshot(t, Member);
    expect((await post({ name: fresh('王'), sectorId: 999999 }).expect(400)).body.details.fields.sectorId).toEqual([
      '所选界别不存在',
    ]);
    expect(
      (await post({ name: fresh('王'), sectorId: closedSector.id }).expect(400)).body.details.fields.sectorId,
    ).toEqual([`界别“${closedSector.name}”已停用`]);
    const committees = await post({
      name: fresh('王'),
      sectorId: education.id,
      committeeIds: [proposals.id, 999998, closedCommittee.id],
    }).expect(400);
    expect(committees.body.details.fields.committeeIds).toEqual([
      `专委会“${closedCommittee.name}”已停用`,
      '编号为 999998 的专委会不存在',
    ]);
    expect(await t.ds.getRepository(MemberCommittee).countBy({ committeeId: closedCommittee.id })).toBe(0);
    expect(await snapshot(t, Member)).toEqual(before);

    const member = (await post({ name: fresh('王'), sectorId: education.id }).expect(201)).body;
    expectFieldError((await patch(member.id, { sectorId: closedSector.id }).expect(400)).body, 'sectorId');
    expectFieldError((await patch(member.id, { committeeIds: [closedCommittee.id] }).expect(400)).body, 'committeeIds');
    expectFieldError(
      (await patch(member.id, { committeeIds: [proposals.id, proposals.id] }).expect(400)).body,
      'committeeIds',
    );
  });

  it('a member of a sector disabled since can still be edited', async () => {
    const sector = await t.make.sector(fresh('将停用界别'));
    const member = (await post({ name: fresh('钱'), sectorId: sector.id }).expect(201)).body;
    await t.http().patch(`/api/v1/sectors/${sector.id}`).set(auth()).send({ disabled: true }).expect(200);
    expect((await patch(member.id, { phone: '12345' }).expect(200)).body).toMatchObject({
      sectorName: sector.name,
      phone: '12345',
    });
  });

  it('committeeIds replaces the whole set, moves the version and is audited', async () => {
    const member = (await post({ name: fresh('孙'), sectorId: education.id, committeeIds: [proposals.id] }).expect(201))
      .body;
    const moved = await patch(member.id, { committeeIds: [economy.id], version: member.version }).expect(200);
    expect(moved.body).toMatchObject({
      committees: [{ id: economy.id, name: '经济委员会' }],
      version: member.version + 1,
    });
    await patch(member.id, { committeeIds: [proposals.id], version: member.version }).expect(409);
    const none = await patch(member.id, { committeeIds: [], version: moved.body.version }).expect(200);
    expect(none.body).toMatchObject({ committees: [], version: member.version + 2 });
    expect(await t.ds.getRepository(MemberCommittee).countBy({ memberId: member.id })).toBe(0);
    const trail = await t.http().get(`/api/v1/audit?entityType=member&entityId=${member.id}`).set(auth()).expect(200);
    expect(trail.body.items.map((e: { from: unknown; to: unknown }) => [e.from, e.to])).toEqual([
      [{ committeeIds: [economy.id] }, { committeeIds: [] }],
      [{ committeeIds: [proposals.id] }, { committeeIds: [economy.id] }],
      [null, expect.objectContaining({ committeeIds: [proposals.id], sectorId: education.id })],
    ]);
  });

  it('marks a member as left (离任) and filters by sector, committee, status and name together', async () => {
    const tag = fresh('筛选');
    const other = await t.make.sector(fresh('筛选界别'));
    const a = (await post({ name: `${tag}甲`, sectorId: education.id, committeeIds: [proposals.id] }).expect(201)).body;
    await post({ name: `${tag}乙`, sectorId: education.id, committeeIds: [economy.id] }).expect(201);
    await post({ name: `${tag}丙`, sectorId: other.id, committeeIds: [proposals.id, economy.id] }).expect(201);
    expect((await patch(a.id, { status: 'left' }).expect(200)).body).toMatchObject({
      status: 'left',
      statusLabel: '离任',
    });
    const q = `q=${encodeURIComponent(tag)}`;
    expect(names(await list(`${q}&sectorId=${education.id}`))).toEqual([`${tag}甲`, `${tag}乙`]);
    expect(names(await list(`${q}&committeeId=${proposals.id}`))).toEqual([`${tag}甲`, `${tag}丙`]);
    expect(names(await list(`${q}&committeeId=${economy.id}&sectorId=${other.id}`))).toEqual([`${tag}丙`]);
    expect(names(await list(`${q}&status=left`))).toEqual([`${tag}甲`]);
    expect(names(await list(`${q}&status=active&committeeId=${proposals.id}`))).toEqual([`${tag}丙`]);
    expectFieldError((await t.http().get('/api/v1/members?status=retired').set(auth()).expect(400)).body, 'status');
    expectFieldError((await t.http().get('/api/v1/members?sectorId=x').set(auth()).expect(400)).body, 'sectorId');
    expectFieldError((await patch(a.id, { status: 'retired' }).expect(400)).body, 'status');
  });

  it('checks the phone (digits, spaces, "-", "+"; 5–30) and clears optional fields with null or blank', async () => {
    for (const phone of ['1234', '138-0000-0000 ext. 1', '１３８００００００００'])
      expectFieldError((await post({ name: fresh('周'), sectorId: education.id, phone }).expect(400)).body, 'phone');
    const m = (
      await post({
        name: fresh('周'),
        sectorId: education.id,
        phone: '+86-571-8765 4321',
        gender: 'male',
        employer: '市医院',
      }).expect(201)
    ).body;
    expect((await patch(m.id, { phone: '', gender: null, employer: null }).expect(200)).body).toMatchObject({
      phone: null,
      gender: null,
      genderLabel: null,
      employer: null,
    });
  });

  it('other roles read members but only admin and staff write them', async () => {
    const staff = { Authorization: `Bearer ${await t.tokenFor('staff')}` };
    const member = { Authorization: `Bearer ${await t.tokenFor('member')}` };
    const created = await t
      .http()
      .post('/api/v1/members')
      .set(staff)
      .send({ name: fresh('吴'), sectorId: education.id })
      .expect(201);
    await t.http().get(`/api/v1/members/${created.body.id}`).set(member).expect(200);
    await t.http().patch(`/api/v1/members/${created.body.id}`).set(member).send({ phone: '12345' }).expect(403);
    await t
      .http()
      .post('/api/v1/members')
      .set(member)
      .send({ name: fresh('吴'), sectorId: education.id })
      .expect(403);
  });

  it('lists from 10,000 members in four queries whatever the page size or filter', async () => {
    const tag = fresh('批量');
    for (let chunk = 0; chunk < 10; chunk++) {
      const rows = Array.from({ length: 1000 }, (_, i) => ({
        name: `${tag}-${chunk * 1000 + i}`,
        sectorId: education.id,
        status: i % 10 === 0 ? ('left' as const) : ('active' as const),
        disabled: false,
      }));
      await t.ds.createQueryBuilder().insert().into(Member).values(rows).updateEntity(false).execute();
    }
    const seeded = await t.ds
      .getRepository(Member)
      .find({ select: { id: true, name: true }, where: { name: Like(`${tag}-%`) } });
    const ids: number[] = [];
    for (const m of seeded) ids[Number(m.name.slice(tag.length + 1))] = m.id;
    expect(ids.filter(Boolean)).toHaveLength(10_000);
    const links = ids.flatMap((memberId, i) =>
      i % 3 === 0
        ? [
            { memberId, committeeId: proposals.id },
            { memberId, committeeId: economy.id },
          ]
        : [],
    );
    for (let i = 0; i < links.length; i += 1000)
      await t.ds.getRepository(MemberCommittee).insert(links.slice(i, i + 1000));

    const members = t.app.get(MembersService);
    const spy = jest.spyOn(t.ds.logger, 'logQuery');
    const run = async (q: Partial<MemberQuery>) => {
      spy.mockClear();
      const page = await members.list(Object.assign(new MemberQuery(), q));
      return { page, queries: spy.mock.calls.length };
    };
    const all = await run({ q: tag, pageSize: 100, page: 7 });
    expect(all).toMatchObject({ queries: 4, page: { total: 10_000 } });
    expect(all.page.items).toHaveLength(100);
    expect(all.page.items[0].name).toBe(`${tag}-600`);
    const seated = await run({
      q: tag,
      committeeId: proposals.id,
      status: 'active',
      sectorId: education.id,
      pageSize: 100,
    });
    expect(seated.queries).toBe(4);
    expect(seated.page.total).toBe(ids.filter((_, i) => i % 3 === 0 && i % 10 !== 0).length);
    expect(seated.page.items.every((m) => m.committees.length === 2 && m.sectorName === '教育界')).toBe(true);
    spy.mockRestore();

    const http = await list(`q=${encodeURIComponent(tag)}&status=left&pageSize=100&page=10`);
    expect(http.body).toMatchObject({ total: 1000, page: 10, pageSize: 100 });
    expect(http.body.items[99].name).toBe(`${tag}-9990`);
  });
});
