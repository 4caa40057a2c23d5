import type { EntityManager } from '@tenantry/database';
import { findOneForUpdate } from '@tenantry/database';
import { AccountRecord } from './account.entity';

/**
 * Locks the account row until the transaction ends, so use cases that count seats (or check
 * names) of one account run one after the other; on SQLite every write transaction holds the
 * database's write lock already.
 */
export function lockAccount(manager: EntityManager, accountId: string): Promise<AccountRecord | null> {
  return findOneForUpdate(manager, AccountRecord, { id: accountId });
}
