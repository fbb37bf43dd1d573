import type { NextFunction, Request, Response } from 'express';
import { isApiPath } from './api-path';

/**
 * Every answer under /api — JSON, errors, 401s — is `Cache-Control: no-store`: it is one person's data, and
 * neither a browser nor a proxy should keep it. Handlers that send files set their own header afterwards
 * (e.g. `private, no-store` on PDFs, `private, max-age=3600` on photo previews), which replaces this one.
 */
export function apiNoStoreMiddleware(req: Request, res: Response, next: NextFunction): void {
  if (isApiPath(req.path)) res.setHeader('Cache-Control', 'no-store');
  next();
}
