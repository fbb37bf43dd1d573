import { timingSafeEqual } from 'node:crypto';
import {
  applyDecorators,
  CallHandler,
  CanActivate,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import type { AuthedRequest } from '../../auth/auth.guard';
import { csrfFor, LOGIN_CSRF_COOKIE } from '../../auth/tokens';
import { AppError } from '../../common/app-error';
import { SingleFileInterceptor } from '../../files/upload.interceptor';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CHECKED_AFTER_UPLOAD = 'xs:csrfAfterUpload';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** 403 unless the posted `_csrf` is the session's (or, signed out, the `xs_login_csrf` cookie's). */
function assertCsrf(req: AuthedRequest): void {
  if (SAFE_METHODS.has(req.method)) return;
  const expected: unknown = req.sessionToken ? csrfFor(req.sessionToken) : req.cookies?.[LOGIN_CSRF_COOKIE];
  const sent: unknown = (req.body as Record<string, unknown> | undefined)?._csrf;
  if (typeof expected !== 'string' || !expected || typeof sent !== 'string' || !same(sent, expected)) {
    throw new AppError(403, 'CSRF_FAILED', '表单已过期或无法确认来源，请返回上一页刷新后重新提交');
  }
}

/**
 * Every page form posts a hidden `_csrf`. Signed in, it must equal csrfFor(session token);
 * on the sign-in form, where there is no session yet, it must equal the `xs_login_csrf` cookie (double submit).
 * Runs after the global AuthGuard, which has found the session. An upload form (`@PageUpload()`) is
 * checked once its multipart body is read, before the handler runs.
 */
@Injectable()
export class PageCsrfGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (!this.reflector.get<boolean>(CHECKED_AFTER_UPLOAD, ctx.getHandler()))
      assertCsrf(ctx.switchToHttp().getRequest<AuthedRequest>());
    return true;
  }
}

@Injectable()
export class UploadCsrfInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    assertCsrf(ctx.switchToHttp().getRequest<AuthedRequest>());
    return next.handle();
  }
}

/** A page form with one file (`multipart/form-data`, field `file`): the body is read first, then its `_csrf` checked. */
export const PageUpload = () =>
  applyDecorators(
    SetMetadata(CHECKED_AFTER_UPLOAD, true),
    UseInterceptors(SingleFileInterceptor, UploadCsrfInterceptor),
  );
