import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Actor } from './actor';
import { requestContext } from './request-context';

const logger = new Logger('HTTP');

/**
 * The request's log line: who (the signed-in account's id, null when signed out, as the auth guard found it) and
 * from where (`req.ip`, after XS_TRUST_PROXY), besides what was asked and answered.
 */
export function requestLogLine(req: Request & { user?: Actor }, status: number, ms: number, requestId: string) {
  return {
    msg: 'request',
    requestId,
    method: req.method,
    path: req.path,
    status,
    ms: Math.round(ms * 10) / 10,
    userId: req.user?.id ?? null,
    ip: req.ip ?? null,
  };
}

/** Gives each request an id (or keeps a sane incoming one), returns it, and logs the request as one JSON line. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  const requestId = incoming && /^[A-Za-z0-9._-]{8,64}$/.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    if (req.path === '/health' && res.statusCode === 200) return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger.log(requestLogLine(req, res.statusCode, ms, requestId));
  });
  requestContext.run({ requestId }, next);
}
