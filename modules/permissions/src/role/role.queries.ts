import type { EntityManager } from '@tenantry/database';
import { In, findOneForUpdate } from '@tenantry/database';
import { RoleAssignmentRecord } from './role-assignment.entity';
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

/** Roles of the organisation, built-in and custom: what deleting it removes. */
export function countRolesOf(manager: EntityManager, organisationId: string): Promise<number> {
  return manager.countBy(RoleRecord, { organisationId });
}

/** Whether the user's role has this key (each user holds exactly one role, of their own organisation). */
export function holdsRole(manager: EntityManager, userId: string, roleKey: string): Promise<boolean> {
  return manager
    .createQueryBuilder(RoleAssignmentRecord, 'ra')
    .innerJoin(RoleRecord, 'r', 'r.id = ra.role_id')
    .where('ra.user_id = :userId AND r.key = :roleKey', { userId, roleKey })
    .getExists();
}

/** The permissions of the role the user holds; none for a user without a role. */
export async function permissionsHeldBy(manager: EntityManager, userId: string): Promise<string[]> {
  const role = await manager
    .createQueryBuilder(RoleRecord, 'r')
    .innerJoin(RoleAssignmentRecord, 'ra', 'ra.role_id = r.id')
    .select(['r.id', 'r.permissions'])
    .where('ra.user_id = :userId', { userId })
    .getOne();
  return role?.permissions ?? [];
}

/** Ids of the users holding one of these roles (a user holds one role), for the users module to filter further. */
export async function holdersOfRoles(manager: EntityManager, roleIds: readonly string[]): Promise<string[]> {
  if (!roleIds.length) return [];
  const assignments = await manager.find(RoleAssignmentRecord, { select: { userId: true }, where: { roleId: In([...roleIds]) } });
  return assignments.map((assignment) => assignment.userId);
}

/** The key of the role each user holds in the organisation, by user id: one query for a whole list of its users. */
export async function roleKeysByUser(manager: EntityManager, organisationId: string): Promise<Map<string, string>> {
  const rows = await manager
    .createQueryBuilder(RoleAssignmentRecord, 'ra')
    .innerJoin(RoleRecord, 'r', 'r.id = ra.role_id')
    .select(['ra.user_id AS userId', 'r.key AS roleKey'])
    .where('r.organisation_id = :organisationId', { organisationId })
    .getRawMany<{ userId: string; roleKey: string }>();
  return new Map(rows.map((row) => [row.userId, row.roleKey]));
}

/**
 * The organisation's role of that key, locked until the transaction ends, as deleting a role locks
 * it: a racing deletion either sees the holder about to be assigned or deletes the role before this reads it.
 */
export function lockRoleByKey(manager: EntityManager, organisationId: string, key: string): Promise<RoleRecord | null> {
  return findOneForUpdate(manager, RoleRecord, { organisationId, key });
}
