import type { EntityManager } from '@tenantry/database';
import { OperatorGroupMemberRecord } from './operator-group-member.entity';

/** How many operator groups the user is a member of: the memberships that go when the user is deleted. */
export function countOperatorGroupMemberships(manager: EntityManager, userId: string): Promise<number> {
  return manager.countBy(OperatorGroupMemberRecord, { userId });
}
