import { sortGrants } from '../roles';
import { toGrant } from './users.repository';
import type { AppUser } from './user.entity';
import type { UserResponse } from './dto/user.response';
import { toRoleGrantResponse } from './dto/role-grant.dto';

/** The only way a user row reaches the API. Lists fields explicitly, so a new column never leaks. */
export function mapUser(user: AppUser, now: Date = new Date()): UserResponse {
  const lockedUntil = user.lockedUntil && user.lockedUntil.getTime() > now.getTime() ? user.lockedUntil : null;
  return {
    id: Number(user.id),
    email: user.email,
    displayName: user.displayName,
    active: user.isActive,
    lockedUntil: lockedUntil?.toISOString() ?? null,
    roles: sortGrants((user.roles ?? []).map(toGrant)).map(toRoleGrantResponse),
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
