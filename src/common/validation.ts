import { applyDecorators, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { AppError } from './app-error';

/** Flattens class-validator errors into `{ "field.sub": ["中文原因"] }`. */
export function fieldErrors(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    const key = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      out[key] = Object.entries(e.constraints).map(([rule, msg]) =>
        rule === 'whitelistValidation' ? '不允许的字段' : /[\u4e00-\u9fa5]/.test(msg) ? msg : `字段格式不正确`,
      );
    }
    if (e.children?.length) Object.assign(out, fieldErrors(e.children, key));
  }
  return out;
}

/** Rejects unknown fields (400), converts types, and reports each field in Chinese. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = fieldErrors(errors);
      const unknown = Object.entries(fields).filter(([, m]) => m.includes('不允许的字段')).map(([k]) => k);
      const message = unknown.length ? `包含不允许的字段：${unknown.join('、')}` : '提交的内容有误，请检查后重试';
      return AppError.invalid(fields, message);
    },
  });
}

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
    Transform(({ value }) => (value === 'true' || value === '1' || value === true ? true : value === 'false' || value === '0' || value === false ? false : value)),
    IsBoolean({ message }),
  );
