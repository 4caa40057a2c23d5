import type { EntityManager } from '@tenantry/database';
import { AccountRecord } from './account.entity';

/** Whether the user owns an account: the owner keeps the OWNER role. */
export function ownsAnAccount(manager: EntityManager, userId: string): Promise<boolean> {
  return manager.existsBy(AccountRecord, { ownerUserId: userId });
}
