import DataLoader from 'dataloader';
import type { TenantScope } from '@tenantry/organisations-module';
import { organisationColumnVisible } from '@tenantry/organisations-module';
import { RoleAssignmentRecord, RoleRecord } from '@tenantry/permissions-module';
import type { Role } from './role.type';
import { toRole } from './role.mapper';

interface RoleRow {
  userId: string;
  id: string;
  organisationId: string;
  key: string;
  name: string;
  builtIn: number | boolean;
  permissions: string;
}

/**
 * The role of each user, looked up only in organisations the caller may see (a role lives in
 * its user's organisation): a foreign user's role loads as null. One SELECT per batch.
 */
export function createRoleByUserLoader(scope: TenantScope) {
  const visible = organisationColumnVisible(scope.principal, 'r.organisation_id');
  return new DataLoader<string, Role | null>(async (userIds) => {
    const rows = await scope.database.manager
      .createQueryBuilder()
      .select(['ra.user_id AS userId', 'r.id AS id', 'r.organisation_id AS organisationId', 'r.key AS `key`'])
      .addSelect(['r.name AS name', 'r.built_in AS builtIn', 'r.permissions AS permissions'])
      .from(RoleAssignmentRecord, 'ra')
      .innerJoin(RoleRecord, 'r', 'r.id = ra.role_id')
      .where('ra.user_id IN (:...userIds)', { userIds: [...new Set(userIds)] })
      .andWhere(visible.sql, visible.params)
      .getRawMany<RoleRow>();
    // Read under the visibility rule: the Role rule asks again without a statement.
    scope.visibility.noteShown(rows.map((row) => row.organisationId));
    const byUser = new Map(rows.map((row) => [row.userId, toRole({ ...row, permissions: JSON.parse(row.permissions) as string[] })]));
    return userIds.map((id) => byUser.get(id) ?? null);
  });
}
