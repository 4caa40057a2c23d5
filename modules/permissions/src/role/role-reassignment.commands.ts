import type { EntityManager } from '@tenantry/database';
import { RoleAssignmentRecord } from './role-assignment.entity';

/** Gives the user this role instead of the one they hold (each user holds exactly one). */
export async function reassignUserRole(manager: EntityManager, userId: string, roleId: string, assignedAt = new Date()): Promise<void> {
  await manager.update(RoleAssignmentRecord, { userId }, { roleId, assignedAt });
}
