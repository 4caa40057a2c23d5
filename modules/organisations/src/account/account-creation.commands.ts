import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@tenantry/database';
import { AccountRecord } from './account.entity';

/** Opens an account without an owner: its first user is created after it, then named owner (setAccountOwner). */
export async function insertAccount(manager: EntityManager, name: string, seatLimit: number, now = new Date()): Promise<AccountRecord> {
  const account = manager.create(AccountRecord, { id: randomUUID(), name, seatLimit, ownerUserId: null, createdAt: now });
  await manager.insert(AccountRecord, account);
  return account;
}
