import type { EntityManager } from '@tenantry/database';
import { randomUUID } from 'node:crypto';
import { OperatorGroupMemberRecord } from './operator-group-member.entity';
import { OperatorGroupRecord } from './operator-group.entity';

/** Adds an operator group (an inbox) to an organisation, e.g. the first one every new organisation gets. */
export async function insertOperatorGroup(manager: EntityManager, organisationId: string, name: string, now = new Date()): Promise<OperatorGroupRecord> {
  const operatorGroup = manager.create(OperatorGroupRecord, { id: randomUUID(), organisationId, name, createdAt: now });
  await manager.insert(OperatorGroupRecord, operatorGroup);
  return operatorGroup;
}

/** A user sitting in an operator group (an inbox). */
export interface OperatorGroupMembership {
  operatorGroupId: string;
  userId: string;
}

/** Seats users in operator groups; nothing to add writes nothing. */
export async function addOperatorGroupMembers(manager: EntityManager, memberships: OperatorGroupMembership[]): Promise<void> {
  if (memberships.length) await manager.insert(OperatorGroupMemberRecord, memberships);
}

/** Makes the user a member of exactly these operator groups (their inboxes), dropping every earlier membership. */
export async function setOperatorGroupsOfUser(manager: EntityManager, userId: string, operatorGroupIds: readonly string[]): Promise<void> {
  await manager.delete(OperatorGroupMemberRecord, { userId });
  if (operatorGroupIds.length)
    await manager.insert(
      OperatorGroupMemberRecord,
      operatorGroupIds.map((operatorGroupId) => ({ operatorGroupId, userId })),
    );
}
