import type { EntityManager } from '@tenantry/database';
import { OperatorGroupMemberRecord } from './operator-group-member.entity';

/** A user sitting in an operator group (an inbox). */
export interface OperatorGroupMembership {
  operatorGroupId: string;
  userId: string;
}

/** Seats users in operator groups; nothing to add writes nothing. */
export async function addOperatorGroupMembers(manager: EntityManager, memberships: OperatorGroupMembership[]): Promise<void> {
  if (memberships.length) await manager.insert(OperatorGroupMemberRecord, memberships);
}
