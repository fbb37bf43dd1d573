import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

/*
 * Field decorators every DTO shares, so each rule and its Chinese message is written once.
 * Text is trimmed; lengths count characters (a rare character such as 𠀀 counts one, as in the database).
 */

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const blankToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

/** Digits, spaces, "-" and "+": 0571-8765 4321, +86 138 0000 0000. */
export const PHONE_PATTERN = /^[0-9 +-]{5,30}$/;

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
  );
}

export function OptionalPhone(label: string) {
  return applyDecorators(
    OptionalText(label, 30, { example: '0571-8765 4321', pattern: PHONE_PATTERN.source }),
    Matches(PHONE_PATTERN, { message: `${label}只能包含数字、空格、“-”和“+”，共 5–30 位` }),
  );
}

/** Another record named in a view: `{id, name}`. */
export class RefView {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  name!: string;
}
