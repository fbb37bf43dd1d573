import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Actor } from './actor';
import { Role } from './roles';

export const PUBLIC_KEY = 'xs:public';
export const ROLES_KEY = 'xs:roles';
export const BEFORE_PASSWORD_CHANGE_KEY = 'xs:beforePasswordChange';

/** Open to anonymous callers. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Open to a signed-in person who must still change a password an administrator chose: changing it, signing
 * out, reading oneself. Everything else answers 403 `PASSWORD_CHANGE_REQUIRED` (the pages: to 修改密码).
 */
export const BeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);

/** Only callers holding one of these roles; without it any signed-in caller passes. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest().user;
});
