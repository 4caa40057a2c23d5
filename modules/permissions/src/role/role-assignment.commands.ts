import type { EntityManager } from '@tenantry/database';
import { RoleAssignmentRecord } from './role-assignment.entity';

/** Gives a user who holds no role yet (a new user) this role; each user holds exactly one. */
export async function assignRole(manager: EntityManager, userId: string, roleId: string, assignedAt = new Date()): Promise<void> {
  await manager.insert(RoleAssignmentRecord, { userId, roleId, assignedAt });
}
