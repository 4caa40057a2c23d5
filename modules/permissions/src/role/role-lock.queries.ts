import type { EntityManager } from '@tenantry/database';
import { findOneForUpdate } from '@tenantry/database';
import { RoleRecord } from './role.entity';

/**
 * The organisation's role of that key, locked until the transaction ends, as deleting a role locks
 * it: a racing deletion either sees the holder about to be assigned or deletes the role before this reads it.
 */
export function lockRoleByKey(manager: EntityManager, organisationId: string, key: string): Promise<RoleRecord | null> {
  return findOneForUpdate(manager, RoleRecord, { organisationId, key });
}
