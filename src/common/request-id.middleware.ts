import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './request-context';

const logger = new Logger('HTTP');

/** Gives each request an id (or keeps a sane incoming one), returns it, and logs the request as one JSON line. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  const requestId = incoming && /^[A-Za-z0-9._-]{8,64}$/.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    if (req.path === '/health' && res.statusCode === 200) return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger.log({
      msg: 'request',
      requestId,
      method: req.method,
      path: req.path,
      status: res.statusCode,
      ms: Math.round(ms * 10) / 10,
    });
  });
  requestContext.run({ requestId }, next);
}
