import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isApiPath } from './api-path';
import { AppError, ErrorBody } from './app-error';
import { MAX_JSON_DEPTH } from './json-depth';
import { currentRequestId } from './request-context';
import { refusalType, SecurityEventSink, SecurityEventSource, wasRecorded } from './security-event';

const STATUS_MESSAGES: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', '请求有误'],
  401: ['UNAUTHENTICATED', '请先登录'],
  403: ['FORBIDDEN', '无权执行此操作'],
  404: ['NOT_FOUND', '请求的地址或记录不存在'],
  405: ['METHOD_NOT_ALLOWED', '不支持该请求方法'],
  413: ['PAYLOAD_TOO_LARGE', '提交的内容过大'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型'],
  429: ['TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试'],
};

/** Driver codes of a database that cannot be reached (mysql2, Node's sockets) — not of a bad query. */
const DATABASE_DOWN = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_ACCESS_DENIED_ERROR',
  'SQLITE_CANTOPEN',
]);
/** The disk is full (files or the SQLite database): say so, rather than an internal error. */
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

function codeOf(exception: unknown): string | undefined {
  const e = exception as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whatever was thrown, as the API's error shape. Unknown errors are logged with the request id, never shown. */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof AppError) {
    return {
      statusCode: exception.statusCode,
      code: exception.code,
      message: exception.message,
      ...(exception.details ? { details: exception.details } : {}),
    };
  }
  // Errors raised by Express's body parser before Nest sees the request.
  const raw = exception as { type?: string; status?: number };
  if (raw?.type === 'entity.parse.failed')
    return { statusCode: 400, code: 'INVALID_JSON', message: '请求内容不是有效的 JSON' };
  if (raw?.type === 'entity.too.deep')
    return { statusCode: 400, code: 'JSON_TOO_DEEP', message: `请求内容嵌套层数过多（最多 ${MAX_JSON_DEPTH} 层）` };
  if (raw?.type === 'entity.too.large')
    return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大' };
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // Nest turns body-parser's SyntaxError into a plain 400 (our own code throws AppError instead).
    if (status === 400 && /JSON/i.test(exception.message))
      return { statusCode: 400, code: 'INVALID_JSON', message: '请求内容不是有效的 JSON' };
    const [code, message] = STATUS_MESSAGES[status] ?? ['ERROR', '请求未能完成'];
    return { statusCode: status, code, message };
  }
  const dbCode = codeOf(exception);
  if (dbCode && DATABASE_DOWN.has(dbCode)) {
    return {
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: '数据库暂时无法连接，请稍后再试',
      details: { retryAfterSeconds: 5 },
    };
  }
  if (dbCode && DISK_FULL.has(dbCode)) {
    return { statusCode: 507, code: 'STORAGE_FULL', message: '服务器存储空间已满，内容未保存，请联系管理员' };
  }
  if ((exception as Error)?.message === 'Pool is closed.') {
    return {
      statusCode: 503,
      code: 'SHUTTING_DOWN',
      message: '服务正在重启，请稍后再试',
      details: { retryAfterSeconds: 5 },
    };
  }
  if (dbCode === 'ER_DUP_ENTRY' || dbCode === 'SQLITE_CONSTRAINT_UNIQUE') {
    return { statusCode: 409, code: 'DUPLICATE', message: '记录重复，请检查名称等唯一字段' };
  }
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误，请稍后再试' };
}

/**
 * Every error of every request becomes the API's error shape, or the page's error page. A 401 or 403 answer is
 * recorded once as a security event (`access.denied`, `csrf.refused`) before it is sent, unless the request's own
 * outcome was recorded already (a refused sign-in).
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Error');

  constructor(private readonly securityEvents?: SecurityEventSink) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500 && !(exception instanceof AppError)) {
      this.logger.error({
        msg: 'unhandled error',
        requestId: currentRequestId(),
        path: req.path,
        err: String((exception as Error)?.stack ?? exception),
      });
    }
    await this.recordRefusal(req, body);
    try {
      this.answer(req, res, body);
    } catch (e) {
      // Nest does not wait for an async filter: nothing may escape it as an unhandled rejection.
      this.logger.error({ msg: 'error answer failed', requestId: currentRequestId(), err: String(e) });
      if (!res.headersSent) res.status(body.statusCode).end();
    }
  }

  private answer(req: Request, res: Response, body: ErrorBody): void {
    if (res.headersSent) return;
    const retry = body.details?.retryAfterSeconds;
    if (typeof retry === 'number') res.setHeader('Retry-After', String(retry));
    const renderPage = res.locals?.renderErrorPage as ((body: ErrorBody) => void) | undefined;
    // Any spelling of /api answers JSON (routes match case-sensitively; an unmatched /API/… is a JSON 404 too).
    if (renderPage && !isApiPath(req.path) && req.path !== '/health') {
      renderPage(body);
      return;
    }
    res.status(body.statusCode).json(body);
  }

  private async recordRefusal(req: Request, body: ErrorBody): Promise<void> {
    const type = refusalType(body.statusCode, body.code);
    if (!type || !this.securityEvents || wasRecorded(req)) return;
    // A signed-out visitor opening a page is sent to the sign-in page: an everyday step, not a refusal worth a row
    // (it would bury the real ones). Anonymous API calls and presented-but-invalid sessions are still recorded.
    const isPageVisit = (req.method === 'GET' || req.method === 'HEAD') && !isApiPath(req.path);
    if (body.code === 'UNAUTHENTICATED' && isPageVisit) return;
    try {
      await this.securityEvents.record(req as SecurityEventSource, {
        type,
        detail: { method: req.method, path: req.path, status: body.statusCode, code: body.code },
      });
    } catch {
      // record() logs its own failures; the answer goes out regardless.
    }
  }
}
