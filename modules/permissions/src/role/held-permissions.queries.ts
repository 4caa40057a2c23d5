import type { EntityManager } from '@tenantry/database';
import { RoleAssignmentRecord } from './role-assignment.entity';
import { RoleRecord } from './role.entity';

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
