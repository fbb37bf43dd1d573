import { EntityTarget, ObjectLiteral } from 'typeorm';
import { AuditHead } from '../../src/audit/audit.entities';
import { TestApp } from './test-app';

/** One directory resource as the shared contract below exercises it. */
export interface DirectoryResource {
  path: string;
  entity: EntityTarget<ObjectLiteral>;
  /** Audit entityType and action prefix. */
  auditType: string;
  /** A valid POST body with this name (or unique key). */
  body: (name: string) => Record<string, unknown>;
  nameMax: number;
  /** Fields a POST cannot do without. */
  required: string[];
  /** A wrongly typed value per field. */
  wrongTypes: Record<string, unknown>;
  /** A too long value per field (beyond the name). */
  overLength: Record<string, unknown>;
  /** A valid PATCH that changes something other than the name. */
  change: Record<string, unknown>;
  /** What the view then shows besides the changed fields (labels, normalised values). */
  changeShows?: Record<string, unknown>;
}

export interface ContractContext {
  t: TestApp;
  admin: string;
}

let n = 0;
/** A name no other test of the run uses. */
export const fresh = (prefix: string) => `${prefix}${process.pid % 1000}x${++n}`;

/** Rows in the table and the audit chain's length: a refused write must change neither. */
export async function snapshot(
  t: TestApp,
  entity: EntityTarget<ObjectLiteral>,
): Promise<{ rows: number; auditSeq: number }> {
  return {
    rows: await t.ds.getRepository(entity).count(),
    auditSeq: (await t.ds.getRepository(AuditHead).findOneByOrFail({ id: 1 })).seq,
  };
}

/** The error shape of a 400 naming `field` in Chinese. */
export function expectFieldError(body: Record<string, any>, field: string): void {
  expect(body).toMatchObject({
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: expect.stringMatching(/[\u4e00-\u9fa5]/),
  });
  expect(body.details.fields[field]).toEqual(expect.arrayContaining([expect.stringMatching(/[\u4e00-\u9fa5]/)]));
}

/**
 * The behaviour every directory resource shares: create, read, search, page, update with
 * versions, unique names, rejected input writing nothing, rare characters, disabling, the audit trail.
 */
export function directoryContract(r: DirectoryResource, ctx: () => ContractContext): void {
  const api = () => {
    const { t, admin } = ctx();
    const auth = { Authorization: `Bearer ${admin}` };
    return {
      post: (body: object) => t.http().post(r.path).set(auth).send(body),
      patch: (id: number, body: object) => t.http().patch(`${r.path}/${id}`).set(auth).send(body),
      get: (suffix: string) => t.http().get(`${r.path}${suffix}`).set(auth),
    };
  };

  it('creates a record (201), reads it back and finds it by part of its name', async () => {
    const name = fresh('甲乙丙');
    const created = await api().post(r.body(name)).expect(201);
    expect(created.body).toMatchObject({ id: expect.any(Number), disabled: false, version: 1 });
    const read = await api().get(`/${created.body.id}`).expect(200);
    expect(read.body).toEqual(created.body);
    const found = await api()
      .get(`?q=${encodeURIComponent(name.slice(1))}`)
      .expect(200);
    expect(found.body.items.map((i: { id: number }) => i.id)).toEqual([created.body.id]);
    expect(found.body.total).toBe(1);
  });

  it('pages the list as {items, total, page, pageSize}; pageSize is capped at 100', async () => {
    const prefix = fresh('分页');
    for (let i = 1; i <= 5; i++)
      await api()
        .post(r.body(`${prefix}-${i}`))
        .expect(201);
    const res = await api()
      .get(`?q=${encodeURIComponent(prefix)}&page=3&pageSize=2`)
      .expect(200);
    expect(res.body).toMatchObject({ total: 5, page: 3, pageSize: 2 });
    expect(res.body.items).toHaveLength(1);
    expect((await api().get('?pageSize=101').expect(400)).body.details.fields.pageSize).toEqual(['每页条数最多 100']);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await api().get('/999999').expect(404)).body.code).toBe('NOT_FOUND');
    expect((await api().get('/abc').expect(400)).body.code).toBe('INVALID_ID');
  });

  it('updates with the version read; a stale version is 409 STALE_VERSION and changes nothing', async () => {
    const created = (
      await api()
        .post(r.body(fresh('版本')))
        .expect(201)
    ).body;
    const renamed = fresh('改名');
    const updated = await api()
      .patch(created.id, { ...r.change, name: renamed, version: created.version })
      .expect(200);
    expect(updated.body).toMatchObject({ ...r.change, ...r.changeShows, name: renamed, version: created.version + 1 });
    const before = await snapshot(ctx().t, r.entity);
    const stale = await api()
      .patch(created.id, { name: fresh('覆盖'), version: created.version })
      .expect(409);
    expect(stale.body).toEqual({ statusCode: 409, code: 'STALE_VERSION', message: '该记录已被他人修改，请刷新后重试' });
    expect((await api().get(`/${created.id}`).expect(200)).body).toEqual(updated.body);
    expect(await snapshot(ctx().t, r.entity)).toEqual(before);
  });

  it('a taken name is 409 NAME_TAKEN on create and on rename, writing nothing', async () => {
    const name = fresh('重名');
    await api().post(r.body(name)).expect(201);
    const other = (
      await api()
        .post(r.body(fresh('另一')))
        .expect(201)
    ).body;
    const before = await snapshot(ctx().t, r.entity);
    const dup = await api().post(r.body(name)).expect(409);
    expect(dup.body).toMatchObject({ statusCode: 409, code: 'NAME_TAKEN', message: expect.stringContaining(name) });
    expect((await api().patch(other.id, { name }).expect(409)).body.code).toBe('NAME_TAKEN');
    expect(await snapshot(ctx().t, r.entity)).toEqual(before);
  });

  it('rejects missing, wrongly typed, unknown, over-long and huge fields with 400 and writes nothing', async () => {
    const { t } = ctx();
    const before = await snapshot(t, r.entity);
    const valid = r.body(fresh('校验'));
    for (const field of r.required) {
      const { [field]: _omitted, ...rest } = valid;
      expectFieldError((await api().post(rest).expect(400)).body, field);
    }
    for (const [field, value] of Object.entries(r.wrongTypes))
      expectFieldError(
        (
          await api()
            .post({ ...valid, [field]: value })
            .expect(400)
        ).body,
        field,
      );
    const unknown = await api()
      .post({ ...valid, isRoot: true })
      .expect(400);
    expect(unknown.body).toMatchObject({
      message: '包含不允许的字段：isRoot',
      details: { fields: { isRoot: ['不允许的字段'] } },
    });
    const overLength = { name: '名'.repeat(r.nameMax + 1), ...r.overLength };
    for (const [field, value] of Object.entries(overLength))
      expectFieldError(
        (
          await api()
            .post({ ...valid, [field]: value })
            .expect(400)
        ).body,
        field,
      );
    expectFieldError(
      (
        await api()
          .post({ ...valid, name: '𠀀'.repeat(100_000) })
          .expect(400)
      ).body,
      'name',
    );
    expectFieldError(
      (
        await api()
          .post({ ...valid, name: '   ' })
          .expect(400)
      ).body,
      'name',
    );
    expect(await snapshot(t, r.entity)).toEqual(before);

    const existing = (await api().post(valid).expect(201)).body;
    const afterCreate = await snapshot(t, r.entity);
    for (const bad of [
      { name: null },
      { name: '' },
      { disabled: 'yes' },
      { version: null },
      { name: 'x'.repeat(100_000) },
      { colour: 'red' },
    ]) {
      expect((await api().patch(existing.id, bad).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    expect(await snapshot(t, r.entity)).toEqual(afterCreate);
    expect((await api().get(`/${existing.id}`).expect(200)).body).toEqual(existing);
  });

  it('keeps Chinese and rare characters exactly, at full length, and tells names apart by one rare character', async () => {
    const a = (await api().post(r.body('测试𠀀甲')).expect(201)).body;
    const b = (await api().post(r.body('测试𪚥甲')).expect(201)).body;
    expect([a.name, b.name]).toEqual(['测试𠀀甲', '测试𪚥甲']);
    expect((await api().get(`/${b.id}`).expect(200)).body.name).toBe('测试𪚥甲');
    const found = await api()
      .get(`?q=${encodeURIComponent('𪚥')}`)
      .expect(200);
    expect(found.body.items.map((i: { id: number }) => i.id)).toEqual([b.id]);
    const longest = '𪚥'.repeat(r.nameMax);
    expect((await api().post(r.body(longest)).expect(201)).body.name).toBe(longest);
  });

  it('disabling keeps the record and hides it from the default list', async () => {
    const { t } = ctx();
    const name = fresh('停用');
    const created = (await api().post(r.body(name)).expect(201)).body;
    await api().patch(created.id, { disabled: true, version: created.version }).expect(200);
    expect((await api().get(`/${created.id}`).expect(200)).body).toMatchObject({
      disabled: true,
      version: created.version + 1,
    });
    expect(
      (
        await api()
          .get(`?q=${encodeURIComponent(name)}`)
          .expect(200)
      ).body.total,
    ).toBe(0);
    const all = await api()
      .get(`?q=${encodeURIComponent(name)}&includeDisabled=true`)
      .expect(200);
    expect(all.body.items).toEqual([expect.objectContaining({ id: created.id, disabled: true })]);
    expect(await t.ds.getRepository(r.entity).existsBy({ id: created.id })).toBe(true);
  });

  it('records creation and each change in the audit trail, from → to; an unchanged PATCH records nothing', async () => {
    const { t, admin } = ctx();
    const created = (
      await api()
        .post(r.body(fresh('审计')))
        .expect(201)
    ).body;
    const renamed = fresh('审计改');
    await api().patch(created.id, { name: renamed }).expect(200);
    const same = await api().patch(created.id, { name: renamed }).expect(200);
    expect(same.body.version).toBe(created.version + 1);
    const trail = await t
      .http()
      .get(`/api/v1/audit?entityType=${r.auditType}&entityId=${created.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual([
      `${r.auditType}.update`,
      `${r.auditType}.create`,
    ]);
    expect(trail.body.items[0]).toMatchObject({
      actorName: '系统管理员',
      from: { name: created.name },
      to: { name: renamed },
    });
    expect(trail.body.items[1].to).toMatchObject({ name: created.name });
  });
}
