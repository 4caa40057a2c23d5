import type { EntityManager } from '@tenantry/database';
import { In } from '@tenantry/database';
import { OperatorGroupMemberRecord } from './operator-group-member.entity';
import { OperatorGroupRecord } from './operator-group.entity';

/** How many of `operatorGroupIds` (given without repeats) are operator groups of the organisation. */
export function countOperatorGroupsOf(manager: EntityManager, organisationId: string, operatorGroupIds: readonly string[]): Promise<number> {
  return manager.countBy(OperatorGroupRecord, { id: In([...operatorGroupIds]), organisationId });
}

/** The organisation's oldest operator group, where a new user sits unless told otherwise; null when it has none. */
export async function findFirstOperatorGroupId(manager: EntityManager, organisationId: string): Promise<string | null> {
  const first = await manager.findOne(OperatorGroupRecord, { select: { id: true }, where: { organisationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  return first?.id ?? null;
}

/** How many operator groups the user is a member of: the memberships that go when the user is deleted. */
export function countOperatorGroupMemberships(manager: EntityManager, userId: string): Promise<number> {
  return manager.countBy(OperatorGroupMemberRecord, { userId });
}
