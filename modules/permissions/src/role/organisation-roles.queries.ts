import type { EntityManager } from '@tenantry/database';
import { RoleAssignmentRecord } from './role-assignment.entity';
import { RoleRecord } from './role.entity';

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
