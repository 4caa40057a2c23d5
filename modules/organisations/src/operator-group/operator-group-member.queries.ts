import type { EntityManager } from '@tenantry/database';
import { OperatorGroupMemberRecord } from './operator-group-member.entity';

/** Makes the user a member of exactly these operator groups (their inboxes), dropping every earlier membership. */
export async function setOperatorGroupsOfUser(manager: EntityManager, userId: string, operatorGroupIds: readonly string[]): Promise<void> {
  await manager.delete(OperatorGroupMemberRecord, { userId });
  if (operatorGroupIds.length)
    await manager.insert(
      OperatorGroupMemberRecord,
      operatorGroupIds.map((operatorGroupId) => ({ operatorGroupId, userId })),
    );
}
