import DataLoader from 'dataloader';
import type { TenantScope } from '@tenantry/organisations-module';
import { organisationColumnVisible } from '@tenantry/organisations-module';
import { PromotionRecord } from '@tenantry/permissions-module';

/**
 * Organisations granted to each user, only those the caller may see: the owner sees a user's
 * whole grant, a promoted user their own. One SELECT per batch.
 */
export function createPromotionsByUserLoader(scope: TenantScope) {
  const visible = organisationColumnVisible(scope.principal, 'p.organisation_id');
  return new DataLoader<string, string[]>(async (userIds) => {
    const rows = await scope.database.manager
      .getRepository(PromotionRecord)
      .createQueryBuilder('p')
      .select(['p.userId', 'p.organisationId'])
      .where('p.user_id IN (:...userIds)', { userIds: [...new Set(userIds)] })
      .andWhere(visible.sql, visible.params)
      .orderBy('p.granted_at', 'ASC')
      .addOrderBy('p.organisation_id', 'ASC')
      .getMany();
    return userIds.map((id) => rows.filter((row) => row.userId === id).map((row) => row.organisationId));
  });
}
