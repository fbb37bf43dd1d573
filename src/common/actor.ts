import { Role } from './roles';

/** Who is acting: the signed-in user as the services see it. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  memberId: number | null;
  unitId: number | null;
  pointId: number | null;
}

export const SYSTEM_ACTOR: Pick<Actor, 'displayName'> & { id: null } = { id: null, displayName: '系统' };

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}
