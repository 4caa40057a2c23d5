import DataLoader from 'dataloader';
import type { TenantScope } from '@tenantry/organisations-module';
import { organisationColumnVisible } from '@tenantry/organisations-module';
import { UserRecord } from '@tenantry/users-module';
import { userColumns } from './user.mapper';

/**
 * Users by id, only from organisations the caller may see: a foreign id loads as null,
 * like a missing one. One SELECT per batch, the visibility rule in its WHERE.
 */
export function createUserLoader(scope: TenantScope) {
  const visible = organisationColumnVisible(scope.principal, 'u.organisation_id');
  return new DataLoader<string, UserRecord | null>(async (ids) => {
    const rows = await scope.database.manager
      .getRepository(UserRecord)
      .createQueryBuilder('u')
      .select(userColumns('u'))
      .where('u.id IN (:...ids)', { ids: [...new Set(ids)] })
      .andWhere(visible.sql, visible.params)
      .getMany();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
