import type { EntityManager } from '@tenantry/database';
import { AccountRecord } from './account.entity';

/** Makes a user the owner of their account: the owner sees the whole account and is administered by nobody else. */
export async function setAccountOwner(manager: EntityManager, accountId: string, userId: string): Promise<void> {
  await manager.update(AccountRecord, { id: accountId }, { ownerUserId: userId });
}
