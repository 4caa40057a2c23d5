import type { EntityManager } from '@tenantry/database';
import { SessionRecord } from '@tenantry/users-module';
import type { ChangedPrincipals } from '../principal/principal-changes';

/**
 * Revokes every open session of a user in the caller's transaction, and notes the user in the
 * request's `changes`, so the gateway forgets their principal and their next request with an old
 * token is refused (docs/product.md#sessions).
 * `except` keeps one session (the caller's own, after changing their own password).
 */
export async function endSessions(manager: EntityManager, userId: string, changes: ChangedPrincipals, except?: string): Promise<number> {
  const query = manager.createQueryBuilder().update(SessionRecord).set({ revokedAt: new Date() }).where('user_id = :userId AND revoked_at IS NULL', { userId });
  changes.note(userId);
  if (except) query.andWhere('id <> :except', { except });
  return (await query.execute()).affected ?? 0;
}
