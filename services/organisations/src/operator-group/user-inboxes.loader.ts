import DataLoader from 'dataloader';
import type { TenantScope } from '@tenantry/organisations-module';
import { OperatorGroupMemberRecord, OrganisationRecord, visibleOrganisationCondition } from '@tenantry/organisations-module';
import type { OperatorGroup } from './operator-group.type';

/**
 * The operator groups each user answers for (their inboxes), oldest first, in one SELECT per
 * batch; only groups of organisations the caller may see, so a user the caller may not read
 * loads as an empty list even if a rule were missing.
 */
export function createInboxesLoader(scope: TenantScope): DataLoader<string, OperatorGroup[]> {
  const visible = visibleOrganisationCondition(scope.principal, 'o');
  return new DataLoader(async (userIds) => {
    // One row per membership (its key is group and user), each with its group.
    const memberships = await scope.database.manager
      .getRepository(OperatorGroupMemberRecord)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.operatorGroup', 'g')
      .innerJoin(OrganisationRecord, 'o', 'o.id = g.organisation_id')
      .where('m.user_id IN (:...userIds)', { userIds: [...new Set(userIds)] })
      .andWhere(visible.sql, visible.params)
      .orderBy('g.created_at', 'ASC')
      .addOrderBy('g.id', 'ASC')
      .getMany();
    const byUser = new Map<string, OperatorGroup[]>();
    for (const { userId, operatorGroup } of memberships) byUser.set(userId, [...(byUser.get(userId) ?? []), operatorGroup!]);
    return userIds.map((id) => byUser.get(id) ?? []);
  });
}
