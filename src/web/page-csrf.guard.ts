import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { AuthedRequest } from '../auth/auth.guard';
import { csrfFor, LOGIN_CSRF_COOKIE } from '../auth/tokens';
import { AppError } from '../common/app-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every page form posts a hidden `_csrf`. Signed in, it must equal csrfFor(session token);
 * on the sign-in form, where there is no session yet, it must equal the `xs_login_csrf` cookie (double submit).
 * Runs after the global AuthGuard, which has found the session.
 */
@Injectable()
export class PageCsrfGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    if (SAFE_METHODS.has(req.method)) return true;
    const expected: unknown = req.sessionToken ? csrfFor(req.sessionToken) : req.cookies?.[LOGIN_CSRF_COOKIE];
    const sent: unknown = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof expected !== 'string' || !expected || typeof sent !== 'string' || !same(sent, expected)) {
      throw new AppError(403, 'CSRF_FAILED', '表单已过期或无法确认来源，请返回上一页刷新后重新提交');
    }
    return true;
  }
}
