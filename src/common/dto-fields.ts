import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

/*
 * Field decorators every DTO shares, so each rule and its Chinese message is written once.
 * Text is trimmed; lengths count characters (a rare character such as 𠀀 counts one, as in the database).
 */

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const blankToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

/** Digits, spaces, "-" and "+": 0571-8765 4321, +86 138 0000 0000. */
export const PHONE_PATTERN = /^[0-9 +-]{5,30}$/;

/**
 * Unicode's bidi controls (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069): invisible, they reorder what a
 * reader sees (a title with U+202E reads backwards from there on). Chinese text never needs them; newlines
 * and tabs are not among them.
 */
const BIDI_CONTROL = /\p{Bidi_Control}/u;

/** Text holding a bidi control is refused (400), in every text field below; `each` checks every item of a list. */
export const NoBidiControls = (label: string, each = false) =>
  ValidateBy(
    {
      name: 'noBidiControls',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !BIDI_CONTROL.test(value),
        defaultMessage: () => `${label}含有不可见的文字方向控制字符（如 U+202E），请删除后重新提交`,
      },
    },
    each ? { each: true } : undefined,
  );

/** A PATCH field that may be left out but, when sent, must be a value (null would empty a NOT NULL column). */
export const IsOmittable = () => ValidateIf((_: object, value: unknown) => value !== undefined);

/** A required text field: 1 to `max` characters. */
export function RequiredText(label: string, max: number, api: ApiPropertyOptions = {}) {
  return applyDecorators(
    ApiProperty({ type: String, maxLength: max, ...api } as ApiPropertyOptions),
    Transform(trim),
    IsString({ message: `请填写${label}` }),
    MinLength(1, { message: `请填写${label}` }),
    MaxLength(max, { message: `${label}最多 ${max} 个字` }),
    NoBidiControls(label),
  );
}

/** The same field in a PATCH: may be left out, never emptied. */
export function PatchText(label: string, max: number, api: ApiPropertyOptions = {}) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, maxLength: max, ...api } as ApiPropertyOptions),
    IsOmittable(),
    Transform(trim),
    IsString({ message: `${label}须为文字` }),
    MinLength(1, { message: `${label}不能为空` }),
    MaxLength(max, { message: `${label}最多 ${max} 个字` }),
    NoBidiControls(label),
  );
}

/** Optional text: left out, null or blank all mean "none" (in a PATCH, null or blank clears it). */
export function OptionalText(label: string, max: number, api: ApiPropertyOptions = {}) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, maxLength: max, nullable: true, ...api } as ApiPropertyOptions),
    Transform(blankToNull),
    IsOptional(),
    IsString({ message: `${label}须为文字` }),
    MaxLength(max, { message: `${label}最多 ${max} 个字` }),
    NoBidiControls(label),
  );
}

export function OptionalPhone(label: string) {
  return applyDecorators(
    OptionalText(label, 30, { example: '0571-8765 4321', pattern: PHONE_PATTERN.source }),
    Matches(PHONE_PATTERN, { message: `${label}只能包含数字、空格、“-”和“+”，共 5–30 位` }),
  );
}

/** A mainland mobile number, 11 digits from 13–19 (SMS notices and sign-in by SMS code). */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** An optional mobile number: left out, null or blank mean none. */
export function OptionalMobile(label = '手机号码') {
  return applyDecorators(
    OptionalText(label, 20, { example: '13800000000', pattern: MOBILE_PATTERN.source }),
    Matches(MOBILE_PATTERN, { message: `${label}须为 11 位中国大陆手机号码` }),
  );
}

/** Plain enough to be delivered: one @, no spaces, a dot in the domain. */
export const EMAIL_PATTERN = /^[^\s@<>(),;:"]+@(?:[^\s@<>(),;:".]+\.)+[^\s@<>(),;:".]+$/;

export function OptionalEmail(label = '电子邮箱') {
  return applyDecorators(
    OptionalText(label, 120, { example: 'wang@example.gov.cn', pattern: EMAIL_PATTERN.source }),
    Matches(EMAIL_PATTERN, { message: `${label}格式不正确，例如 wang@example.gov.cn` }),
  );
}

/** Another record named in a view: `{id, name}`. */
export class RefView {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  name!: string;
}

const unchosen = (value: unknown) => value === undefined || value === null || value === '';

/**
 * The id of a record picked from a list (`stopId`, `organizer.id`): 「请选择站点」 when none was picked (a drop-down's
 * blank choice), 「站点编号须为整数」 / 「站点编号无效」 for a wrong one.
 */
export const IdRule = (label: string) =>
  applyDecorators(
    IsInt({ message: ({ value }) => (unchosen(value) ? `请选择${label}` : `${label}编号须为整数`) }),
    Min(1, {
      message: ({ value }) =>
        typeof value === 'number' ? `${label}编号无效` : unchosen(value) ? `请选择${label}` : `${label}编号须为整数`,
    }),
  );
