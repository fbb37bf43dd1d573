import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { BEFORE_PASSWORD_CHANGE_KEY, PUBLIC_KEY, ROLES_KEY } from '../common/auth.decorators';
import { Role } from '../common/roles';
import { AuthService } from './auth.service';
import { BEFORE_SECOND_FACTOR_KEY, SECOND_FACTOR_REQUIRED } from './second-factor.decorators';
import { SESSION_COOKIE } from './tokens';

/** The error code of a request refused until the person changes the password an administrator chose. */
export const PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED';

export type AuthedRequest = Request & {
  user?: Actor;
  sessionToken?: string;
  mustChangePassword?: boolean;
  /** The second-factor step the session still lacks, if any. */
  secondFactor?: 'setup' | 'verify' | null;
};

const routeIsApi = (path: unknown): boolean =>
  (Array.isArray(path) ? path : [path]).some((p) => typeof p === 'string' && /^api(\/|$)/i.test(p.replace(/^\/+/, '')));

/**
 * Whether the matched handler belongs to the JSON API: its controller (or the handler itself) is declared under
 * `api/…`. Decided from the route's declaration, never from the request's path, whose spelling the client chooses
 * (security review H2: `/API/v1/…` once reached an API handler as a page request, with the cookie and no CSRF check).
 */
export function isApiRoute(ctx: ExecutionContext): boolean {
  const reflector = new Reflector();
  return (
    routeIsApi(reflector.get<unknown>(PATH_METADATA, ctx.getClass())) ||
    routeIsApi(reflector.get<unknown>(PATH_METADATA, ctx.getHandler()))
  );
}

/**
 * Global guard. Every handler of the JSON API takes only a bearer token (never the cookie, so no CSRF surface);
 * the pages take only the session cookie. Roles are checked here; ownership in the services.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const targets = [ctx.getHandler(), ctx.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false;

    const api = isApiRoute(ctx);
    const header = req.headers.authorization;
    const token = api
      ? header?.startsWith('Bearer ')
        ? header.slice(7).trim()
        : ''
      : (req.cookies?.[SESSION_COOKIE] ?? '');
    const found = token ? await this.auth.authenticate(token, api ? 'api' : 'web') : null;
    if (found) {
      req.user = found.actor;
      req.sessionToken = found.token;
      req.mustChangePassword = found.mustChangePassword;
      req.secondFactor = found.secondFactor;
    }
    if (isPublic) return true;
    if (!found) {
      throw new AppError(
        401,
        token || header ? 'INVALID_TOKEN' : 'UNAUTHENTICATED',
        token || header ? '登录已失效，请重新登录' : '请先登录',
      );
    }
    if (found.secondFactor) {
      const open = this.reflector.getAllAndOverride<string[]>(BEFORE_SECOND_FACTOR_KEY, targets) ?? [];
      if (!open.includes(found.secondFactor)) {
        throw new AppError(
          403,
          SECOND_FACTOR_REQUIRED,
          found.secondFactor === 'setup' ? '您的账号须先设置两步验证后才能继续使用' : '请先完成两步验证',
        );
      }
    }
    if (found.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE_KEY, targets)) {
      throw new AppError(403, PASSWORD_CHANGE_REQUIRED, '您的密码由管理员设置或重置，请先修改密码后再继续使用');
    }
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    if (roles && !found.actor.roles.some((r) => roles.includes(r))) {
      throw AppError.forbidden('您的角色无权执行此操作');
    }
    return true;
  }
}
