import { applyDecorators, Injectable, PipeTransform, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance, Transform, Type as ToType } from 'class-transformer';
import { IsBoolean, IsInt, IsISO8601, IsOptional, IsString, Matches, Min, validate } from 'class-validator';
import { AppError } from './app-error';

/** Flattens class-validator errors into `{ "field.sub": ["中文原因"] }`. */
export function fieldErrors(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    const key = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      // Two rules may say the same (请选择会次 for a missing id): each message once.
      out[key] = [
        ...new Set(
          Object.entries(e.constraints).map(([rule, msg]) =>
            rule === 'whitelistValidation' ? '不允许的字段' : /[\u4e00-\u9fa5]/.test(msg) ? msg : `字段格式不正确`,
          ),
        ),
      ];
    }
    if (e.children?.length) Object.assign(out, fieldErrors(e.children, key));
  }
  return out;
}

/** The 400 for these field errors; unknown fields are named in the message. */
function invalidFields(fields: Record<string, string[]>): AppError {
  const unknown = Object.entries(fields)
    .filter(([, m]) => m.includes('不允许的字段'))
    .map(([k]) => k);
  const message = unknown.length ? `包含不允许的字段：${unknown.join('、')}` : '提交的内容有误，请检查后重试';
  return AppError.invalid(fields, message);
}

/** Rejects unknown fields (400), converts types, and reports each field in Chinese. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalidFields(fieldErrors(errors)),
  });
}

/**
 * A body that is a JSON array of `item` (`[{…}, {…}]`), which the global pipe leaves unchecked:
 * each element is validated like a body, its errors named `0.side`, `1.memberId` ….
 */
export class ArrayBodyPipe<T extends object> implements PipeTransform<unknown, Promise<T[]>> {
  constructor(
    private readonly item: Type<T>,
    private readonly label: string,
    private readonly max = 200,
  ) {}

  async transform(value: unknown): Promise<T[]> {
    if (!Array.isArray(value) || value.length === 0) throw AppError.invalidField('body', `请提交${this.label}列表`);
    if (value.length > this.max) throw AppError.invalidField('body', `${this.label}一次最多 ${this.max} 项`);
    const fields: Record<string, string[]> = {};
    const items: T[] = [];
    for (const [i, raw] of value.entries()) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        fields[String(i)] = [`每项${this.label}须为对象`];
        continue;
      }
      const item = plainToInstance(this.item, raw);
      Object.assign(
        fields,
        fieldErrors(await validate(item, { whitelist: true, forbidNonWhitelisted: true }), String(i)),
      );
      items.push(item);
    }
    if (Object.keys(fields).length) throw invalidFields(fields);
    return items;
  }
}

/** A time with its offset: a bare local time would be read in the server's zone, not the writer's. */
export const TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A required time with offset, e.g. 2026-01-05T09:00:00+08:00. */
export const TimeWithOffset = (label: string) => {
  const message = `${label}须为带时区的时间，如 2026-01-05T09:00:00+08:00`;
  return applyDecorators(
    IsString({ message }),
    Matches(TIME_WITH_OFFSET, { message }),
    IsISO8601({ strict: true }, { message }),
  );
};

@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > 2147483647) {
      throw new AppError(400, 'INVALID_ID', '编号格式不正确');
    }
    return Number(value);
  }
}

/** An optional yes/no query parameter: `true`/`1` and `false`/`0` (anything else is refused with `message`). */
export const BooleanQuery = (message = '须为 true 或 false') =>
  applyDecorators(
    IsOptional(),
    Transform(({ value }) =>
      value === 'true' || value === '1' || value === true
        ? true
        : value === 'false' || value === '0' || value === false
          ? false
          : value,
    ),
    IsBoolean({ message }),
  );

/** An optional id in a query string (`?topicId=12`), refused with `{label}编号…` when it is not a positive integer. */
export const idQuery = (label: string) =>
  applyDecorators(
    IsOptional(),
    ToType(() => Number),
    IsInt({ message: `${label}编号须为整数` }),
    Min(1, { message: `${label}编号无效` }),
  );
