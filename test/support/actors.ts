import type { Actor } from '../../src/common/actor';
import type { Role } from '../../src/common/roles';

/** A signed-in person for unit specs: id 1, no member, unit or point unless `links` gives one. */
export const testActor = (roles: Role[], links: Partial<Actor> = {}): Actor => ({
  id: 1,
  username: 'u',
  displayName: '某人',
  roles,
  memberId: null,
  unitId: null,
  pointId: null,
  ...links,
});
