import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@tenantry/database';
import { BUILT_IN_ROLES } from '@tenantry/auth';
import { RoleRecord } from './role.entity';

/**
 * Gives the organisation those of these built-in roles it lacks, e.g. when it changes kind; the
 * roles it has keep their ids and holders. Answers the new roles' ids by key.
 */
export async function addMissingBuiltInRoles(manager: EntityManager, organisationId: string, keys: string[], now = new Date()): Promise<Map<string, string>> {
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
