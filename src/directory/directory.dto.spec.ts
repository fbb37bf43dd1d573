import { ArgumentMetadata } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { createValidationPipe } from '../common/validation';
import { CreateMemberDto, UpdateMemberDto } from './members.dto';
import { CreateSessionDto } from './sessions.dto';
import { UpdateUnitDto } from './units.dto';

const pipe = createValidationPipe();
const parse = (metatype: ArgumentMetadata['metatype'], body: object) =>
  pipe.transform(body, { type: 'body', metatype });
/** The field errors the pipe reports for this body, or {} when it passes. */
async function fieldsOf(metatype: ArgumentMetadata['metatype'], body: object): Promise<Record<string, string[]>> {
  try {
    await parse(metatype, body);
    return {};
  } catch (e) {
    return ((e as AppError).details?.fields ?? {}) as Record<string, string[]>;
  }
}

describe('directory DTO rules', () => {
  it('trims names and counts a rare character as one, as the database does', async () => {
    expect(await parse(CreateMemberDto, { name: '  张𠀀明 ', sectorId: 1 })).toMatchObject({ name: '张𠀀明' });
    expect(await fieldsOf(CreateMemberDto, { name: '𪚥'.repeat(50), sectorId: 1 })).toEqual({});
    expect(await fieldsOf(CreateMemberDto, { name: '𪚥'.repeat(51), sectorId: 1 })).toEqual({
      name: ['姓名最多 50 个字'],
    });
    expect(await fieldsOf(CreateMemberDto, { name: ' ', sectorId: 1 })).toEqual({ name: ['请填写姓名'] });
  });

  it('optional text left blank means none; in a PATCH null or blank clears it, left out leaves it', async () => {
    expect(await parse(CreateMemberDto, { name: '甲', sectorId: 1, phone: '  ', term: null })).toMatchObject({
      phone: null,
      term: null,
    });
    const patch = await parse(UpdateMemberDto, { employer: '' });
    expect(patch).toMatchObject({ employer: null });
    expect(patch.phone).toBeUndefined();
  });

  it('a PATCH may leave a required field out but not send it empty or null', async () => {
    expect(await fieldsOf(UpdateMemberDto, {})).toEqual({});
    expect(
      Object.keys(
        await fieldsOf(UpdateMemberDto, { name: null, sectorId: null, status: null, disabled: null, version: null }),
      ),
    ).toEqual(expect.arrayContaining(['name', 'sectorId', 'status', 'disabled', 'version']));
    expect(await fieldsOf(UpdateUnitDto, { kind: null })).toHaveProperty('kind');
  });

  it('phones: digits, spaces, "-" and "+", 5 to 30 characters', async () => {
    for (const phone of ['12345', '0571-8765 4321', '+86 138 0000 0000', '1'.repeat(30)])
      expect(await fieldsOf(CreateMemberDto, { name: '甲', sectorId: 1, phone })).toEqual({});
    for (const phone of ['1234', '1'.repeat(31), '138（0000）', 'abc12345', '１２３４５']) {
      expect((await fieldsOf(CreateMemberDto, { name: '甲', sectorId: 1, phone })).phone?.[0]).toMatch(/联系电话/);
    }
  });

  it('committee ids: a list of distinct positive integers', async () => {
    expect(await fieldsOf(CreateMemberDto, { name: '甲', sectorId: 1, committeeIds: [3, 1] })).toEqual({});
    for (const committeeIds of ['1', [1, 1], [0], [1.5], ['2']])
      expect(await fieldsOf(CreateMemberDto, { name: '甲', sectorId: 1, committeeIds })).toHaveProperty('committeeIds');
  });

  it('sessions: code "届-次" and times with an offset', async () => {
    const ok = {
      code: '12-2',
      name: '十二届二次会议',
      opensAt: '2026-11-01T09:00:00+08:00',
      closesAt: '2027-01-20T01:00:00.000Z',
    };
    expect(await fieldsOf(CreateSessionDto, ok)).toEqual({});
    expect(await fieldsOf(CreateSessionDto, { ...ok, code: '123-2' })).toEqual({
      code: ['会次代号须为“届-次”，如 12-2'],
    });
    for (const opensAt of ['2026-11-01T09:00:00', '2026-11-01', '2026-13-01T09:00:00Z', '2026-11-01T09:00:00+0800']) {
      expect(await fieldsOf(CreateSessionDto, { ...ok, opensAt })).toHaveProperty('opensAt');
    }
  });
});
