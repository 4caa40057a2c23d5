import DataLoader from 'dataloader';
import { DataSource, In } from '@tenantry/database';
import { PromotionRecord } from '@tenantry/permissions-module';

/**
 * Organisations granted to each user, only those the caller may see: the owner sees a user's
 * whole grant, a promoted user their own. One SELECT per batch.
 */
export function createPromotionsByUserLoader(dataSource: DataSource, visibleOrganisationIds: readonly string[]) {
  return new DataLoader<string, string[]>(async (userIds) => {
    const rows = await dataSource.getRepository(PromotionRecord).find({
      select: { userId: true, organisationId: true },
      where: { userId: In([...new Set(userIds)]), organisationId: In([...visibleOrganisationIds]) },
      order: { grantedAt: 'ASC', organisationId: 'ASC' },
    });
    return userIds.map((id) => rows.filter((row) => row.userId === id).map((row) => row.organisationId));
  });
}
