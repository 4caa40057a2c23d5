import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@tenantry/database';
import { BUILT_IN_ROLES } from '@tenantry/auth';
import { RoleRecord } from './role.entity';

/** Gives a new organisation these built-in roles (which ones depends on its kind: provisioning's `builtInRoleKeys`). */
export async function insertBuiltInRoles(manager: EntityManager, organisationId: string, keys: string[], now = new Date()): Promise<void> {
  await manager.insert(
    RoleRecord,
    keys.map((key) => ({
      id: randomUUID(),
      organisationId,
      key,
      name: BUILT_IN_ROLES[key].name,
      builtIn: true,
      permissions: BUILT_IN_ROLES[key].permissions,
      createdAt: now,
    })),
  );
}
