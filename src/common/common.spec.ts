import { AppError } from './app-error';
import { toErrorBody } from './error.filter';
import { likeContains } from './pagination';

describe('likeContains', () => {
  it('wraps the text and escapes LIKE wildcards and the escape character', () => {
    expect(likeContains('教育')).toBe('%教育%');
    expect(likeContains('100%_!')).toBe('%100!%!_!!%');
  });
});

describe('toErrorBody', () => {
  it('a database that cannot be reached is 503 with Retry-After, a full disk 507, both in Chinese; a bad query stays 500', () => {
    const lost = Object.assign(new Error('Connection lost'), { code: 'PROTOCOL_CONNECTION_LOST' });
    expect(toErrorBody(lost)).toMatchObject({
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: '数据库暂时无法连接，请稍后再试',
      details: { retryAfterSeconds: 5 },
    });
    expect(toErrorBody({ message: 'query failed', driverError: { code: 'ECONNREFUSED' } })).toMatchObject({
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
    });
    expect(toErrorBody(Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toMatchObject({
      statusCode: 507,
      code: 'STORAGE_FULL',
      message: '服务器存储空间已满，内容未保存，请联系管理员',
    });
    expect(toErrorBody({ message: 'disk', driverError: { code: 'SQLITE_FULL' } })).toMatchObject({ statusCode: 507 });
    expect(toErrorBody(Object.assign(new Error('syntax'), { code: 'ER_PARSE_ERROR' }))).toMatchObject({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
    });
  });

  it('passes an AppError through in the API shape', () => {
    expect(toErrorBody(AppError.conflict('X', '冲突', { a: 1 }))).toEqual({
      statusCode: 409,
      code: 'X',
      message: '冲突',
      details: { a: 1 },
    });
  });
  it('maps duplicate-key errors of both engines to 409', () => {
    expect(toErrorBody({ code: 'ER_DUP_ENTRY' }).statusCode).toBe(409);
    expect(toErrorBody({ code: 'SQLITE_CONSTRAINT_UNIQUE' }).statusCode).toBe(409);
  });
  it('never shows an unknown error to the client', () => {
    expect(toErrorBody(new Error('secret stack detail'))).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: '服务器内部错误，请稍后再试',
    });
  });
});
