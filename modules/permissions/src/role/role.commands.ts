import { BUILT_IN_ROLES } from '@tenantry/auth';
import type { EntityManager } from '@tenantry/database';
import { randomUUID } from 'node:crypto';
import { RoleAssignmentRecord } from './role-assignment.entity';
import { RoleRecord } from './role.entity';

/**
 * Gives the organisation those of these built-in roles it lacks: all of them when it is new (which
 * ones depends on its kind: provisioning's `builtInRoleKeys`), the missing ones when it changes
 * kind; the roles it has keep their ids and holders. Answers the new roles' ids by key.
 */
export async function addBuiltInRoles(manager: EntityManager, organisationId: string, keys: string[], now = new Date()): Promise<Map<string, string>> {
  const existing = new Set((await manager.findBy(RoleRecord, { organisationId })).map((role) => role.key));
  const added = keys
    .filter((key) => !existing.has(key))
    .map((key) => ({
      id: randomUUID(),
      organisationId,
      key,
      name: BUILT_IN_ROLES[key].name,
      builtIn: true,
      permissions: BUILT_IN_ROLES[key].permissions,
      createdAt: now,
    }));
  // Read before inserting: on SQLite, TypeORM's multi-row insert writes the right rows but shuffles the ids of the objects it was given.
  const ids = new Map(added.map((role) => [role.key, role.id]));
  if (added.length) await manager.insert(RoleRecord, added);
  return ids;
}

/** Gives a user who holds no role yet (a new user) this role; each user holds exactly one. */
export async function assignRole(manager: EntityManager, userId: string, roleId: string, assignedAt = new Date()): Promise<void> {
  await manager.insert(RoleAssignmentRecord, { userId, roleId, assignedAt });
}

/** Gives the user this role instead of the one they hold (each user holds exactly one). */
export async function reassignUserRole(manager: EntityManager, userId: string, roleId: string, assignedAt = new Date()): Promise<void> {
  await manager.update(RoleAssignmentRecord, { userId }, { roleId, assignedAt });
}
