import type { NextFunction, Request, Response } from 'express';

/**
 * Every answer under /api — JSON, errors, 401s — is `Cache-Control: no-store`: it is one person's data, and
 * neither a browser nor a proxy should keep it. Handlers that send files set their own header afterwards
 * (e.g. `private, no-store` on PDFs, `private, max-age=3600` on photo previews), which replaces this one.
 * The prefix is compared without regard to case, as routing may match `/API/…` too.
 */
export function apiNoStoreMiddleware(req: Request, res: Response, next: NextFunction): void {
  if (req.path.slice(0, 5).toLowerCase() === '/api/' || req.path.toLowerCase() === '/api')
    res.setHeader('Cache-Control', 'no-store');
  next();
}
