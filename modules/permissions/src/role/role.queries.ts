import type { EntityManager } from '@tenantry/database';
import { RoleRecord } from './role.entity';

/** The organisation's role with this key (roles are unique per organisation and key), or null. */
export function roleByKey(manager: EntityManager, organisationId: string, key: string): Promise<RoleRecord | null> {
  return manager.findOneBy(RoleRecord, { organisationId, key });
}

/** Ids of the organisation's roles that grant `permission`; permissions are a JSON column, so they are filtered here. */
export async function rolesHoldingPermission(manager: EntityManager, organisationId: string, permission: string): Promise<string[]> {
  const roles = await manager.findBy(RoleRecord, { organisationId });
  return roles.filter((role) => role.permissions.includes(permission)).map((role) => role.id);
}
