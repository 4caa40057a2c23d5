import type { EntityManager } from '@tenantry/database';
import { In } from '@tenantry/database';
import { RoleAssignmentRecord } from './role-assignment.entity';
import { RoleRecord } from './role.entity';

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
