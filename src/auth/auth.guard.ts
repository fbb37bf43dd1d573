import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { PUBLIC_KEY, ROLES_KEY } from '../common/auth.decorators';
import { Role } from '../common/roles';
import { AuthService } from './auth.service';
import { SESSION_COOKIE } from './tokens';

export type AuthedRequest = Request & { user?: Actor; sessionToken?: string };

export const isApiPath = (path: string): boolean => path.startsWith('/api/');

/**
 * Global guard. The JSON API takes a bearer token (no cookies, so no CSRF surface);
 * the pages take the session cookie. Roles are checked here; ownership in the services.
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

    const api = isApiPath(req.path);
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
    }
    if (isPublic) return true;
    if (!found) {
      throw new AppError(
        401,
        token || header ? 'INVALID_TOKEN' : 'UNAUTHENTICATED',
        token || header ? '登录已失效，请重新登录' : '请先登录',
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    if (roles && !found.actor.roles.some((r) => roles.includes(r))) {
      throw AppError.forbidden('您的角色无权执行此操作');
    }
    return true;
  }
}
