import { IsInt, IsOptional, IsString, MinLength } from 'class-validator';
import { AppError } from '../../common/app-error';
import {
  blankValues,
  formErrorFrom,
  FormFailure,
  formState,
  isoToZoned,
  parseForm,
  readForm,
  savedOrShownAgain,
  zonedToIso,
} from './forms';

class SampleDto {
  @IsString()
  @MinLength(1, { message: '请填写名称' })
  name!: string;

  @IsOptional()
  @IsInt({ message: '排序须为整数' })
  sortOrder?: number;
}

describe('page forms', () => {
  it('turns form text into the types the DTO expects, keeping what was typed for the page', () => {
    const spec = {
      name: 'text',
      n: 'int',
      link: 'int|null',
      on: 'bool',
      off: 'bool',
      tags: 'list',
      ids: 'intList',
      pw: 'secret',
      note: 'text?',
      g: 'text|null',
    } as const;
    const { values, data } = readForm(spec, {
      name: '教育界',
      n: '12',
      link: '',
      on: '1',
      tags: 'a',
      ids: ['3', 'x'],
      pw: 'Secret123',
      note: ' ',
      g: '',
      extra: 'ignored',
    });
    expect(data).toEqual({
      name: '教育界',
      n: 12,
      link: null,
      on: true,
      off: false,
      tags: ['a'],
      ids: [3, 'x'],
      pw: 'Secret123',
      g: null,
    });
    expect(values).toMatchObject({
      name: '教育界',
      n: '12',
      on: true,
      off: false,
      tags: ['a'],
      ids: ['3', 'x'],
      pw: '',
    });
    expect(blankValues(spec)).toEqual({
      name: '',
      n: '',
      link: '',
      on: false,
      off: false,
      tags: [],
      ids: [],
      pw: '',
      note: '',
      g: '',
    });
  });

  it('validates with the DTO and reports each field once, in form order, linked from the summary', async () => {
    const bad = await parseForm(SampleDto, { name: 'text', sortOrder: 'int' }, { name: '', sortOrder: '1.5' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.form.errors).toEqual({ name: '请填写名称', sortOrder: '排序须为整数' });
    expect(bad.form.summary).toEqual([
      { href: '#f-name', text: '请填写名称' },
      { href: '#f-sortOrder', text: '排序须为整数' },
    ]);
    const good = await parseForm(SampleDto, { name: 'text', sortOrder: 'int' }, { name: '经济界', sortOrder: '' });
    expect(good.ok && good.dto).toEqual(Object.assign(new SampleDto(), { name: '经济界' }));
  });

  it('a form the page reads itself: saved once, shown again with the typed values and the refusal under its field, a 403 thrown on', async () => {
    const form = { values: { name: '教育界' }, spec: { name: 'text' } as const };
    const shown: FormFailure[] = [];
    let saves = 0;
    await expect(
      savedOrShownAgain(
        async () => void saves++,
        form,
        (f) => void shown.push(f),
      ),
    ).resolves.toBe(true);
    expect([saves, shown.length]).toEqual([1, 0]);
    const refused = () => Promise.reject(AppError.conflict('NAME_TAKEN', '界别“教育界”已存在', { field: 'name' }));
    await expect(savedOrShownAgain(refused, form, (f) => void shown.push(f))).resolves.toBe(false);
    expect(shown).toMatchObject([
      { status: 409, form: { values: { name: '教育界' }, errors: { name: '界别“教育界”已存在' } } },
    ]);
    const forbidden = () => Promise.reject(AppError.forbidden());
    await expect(savedOrShownAgain(forbidden, form, (f) => void shown.push(f))).rejects.toThrow(AppError);
    expect(shown).toHaveLength(1);
  });

  it('puts a service 409 on the field it names, a stale version at the top, and throws a 404 on', () => {
    const spec = { name: 'text' } as const;
    const taken = formErrorFrom(
      AppError.conflict('NAME_TAKEN', '界别“教育界”已存在', { field: 'name' }),
      formState(),
      spec,
    );
    expect(taken).toMatchObject({ status: 409, form: { errors: { name: '界别“教育界”已存在' } } });
    const stale = formErrorFrom(AppError.stale(), formState(), spec);
    expect(stale.form.summary).toEqual([{ href: null, text: '该记录已被他人修改，请刷新后重试' }]);
    expect(() => formErrorFrom(AppError.notFound('界别'), formState(), spec)).toThrow('界别不存在');
  });

  it('reads a one-per-line textarea as a list (typed numbering taken off) and 是/否 radios as booleans', () => {
    const spec = { suggestions: 'lines', open: 'yesno', closed: 'yesno', unanswered: 'yesno' } as const;
    const { values, data } = readForm(spec, {
      suggestions: '1. 简化审批\r\n\n  2、设立补贴 \n（3）试点先行\n2026年起实施',
      open: 'yes',
      closed: 'no',
      unanswered: '',
    });
    expect(data).toEqual({
      suggestions: ['简化审批', '设立补贴', '试点先行', '2026年起实施'],
      open: true,
      closed: false,
    });
    expect(values.suggestions).toBe('1. 简化审批\r\n\n  2、设立补贴 \n（3）试点先行\n2026年起实施');
  });

  it("shows a DTO field's message on the form field that stands for it", () => {
    const failure = formErrorFrom(
      AppError.invalidField('coSignerMemberIds', '联名提案须至少邀请一位附议人'),
      formState(),
      { coSignerNames: 'text' },
      { aliases: { coSignerMemberIds: 'coSignerNames' } },
    );
    expect(failure.form.errors).toEqual({ coSignerNames: '联名提案须至少邀请一位附议人' });
    expect(failure.form.summary).toEqual([{ href: '#f-coSignerNames', text: '联名提案须至少邀请一位附议人' }]);
  });

  it('reads datetime-local values on the wall clock of the display zone, and back', () => {
    expect(zonedToIso('2026-01-05T09:00', 'Asia/Shanghai')).toBe('2026-01-05T01:00:00.000Z');
    expect(zonedToIso('2026-07-01T09:00', 'Europe/Berlin')).toBe('2026-07-01T07:00:00.000Z');
    expect(zonedToIso('not a time', 'Asia/Shanghai')).toBe('not a time');
    expect(isoToZoned('2026-01-04T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-01-05T00:30');
  });
});
