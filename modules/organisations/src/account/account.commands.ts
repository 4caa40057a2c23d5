import type { EntityManager } from '@tenantry/database';
import { findOneForUpdate } from '@tenantry/database';
import { randomUUID } from 'node:crypto';
import { AccountRecord } from './account.entity';

/** Opens an account without an owner: its first user is created after it, then named owner (setAccountOwner). */
export async function insertAccount(manager: EntityManager, name: string, seatLimit: number, now = new Date()): Promise<AccountRecord> {
  const account = manager.create(AccountRecord, { id: randomUUID(), name, seatLimit, ownerUserId: null, createdAt: now });
  await manager.insert(AccountRecord, account);
  return account;
}

/** Makes a user the owner of their account: the owner sees the whole account and is administered by nobody else. */
export async function setAccountOwner(manager: EntityManager, accountId: string, userId: string): Promise<void> {
  await manager.update(AccountRecord, { id: accountId }, { ownerUserId: userId });
}

/**
 * Locks the account row until the transaction ends, so use cases that count seats (or check
 * names) of one account run one after the other; on SQLite every write transaction holds the
 * database's write lock already.
 */
export function lockAccount(manager: EntityManager, accountId: string): Promise<AccountRecord | null> {
  return findOneForUpdate(manager, AccountRecord, { id: accountId });
}
