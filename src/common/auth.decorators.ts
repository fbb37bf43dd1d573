import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Actor } from './actor';
import { Role } from './roles';

export const PUBLIC_KEY = 'xs:public';
export const ROLES_KEY = 'xs:roles';

/** Open to anonymous callers. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only callers holding one of these roles; without it any signed-in caller passes. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest().user;
});
