import { Actor } from '../common/actor';
import { ROLE_LABELS } from '../common/roles';
import { User } from './user.entity';

export function toActor(u: User): Actor {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    memberId: u.memberId,
    unitId: u.unitId,
    pointId: u.pointId,
  };
}

export function toUserView(u: User) {
  return {
    ...toActor(u),
    roleLabels: u.roles.map((r) => ROLE_LABELS[r]),
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    mobile: u.mobile,
    email: u.email,
    createdAt: u.createdAt.toISOString(),
    version: u.version,
  };
}
export type UserView = ReturnType<typeof toUserView>;
