import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import type { ErrorBody } from '../../common/app-error';
import { WebPages } from './web-pages';

/** Gives the error filter its page renderer (`res.locals.renderErrorPage`); the filter keeps JSON for /api and /health. */
@Injectable()
export class ErrorPageMiddleware implements NestMiddleware {
  constructor(private readonly pages: WebPages) {}

  use(req: AuthedRequest, res: Response, next: NextFunction): void {
    res.locals.renderErrorPage = (body: ErrorBody) => void this.pages.sendError(req, res, body);
    next();
  }
}
