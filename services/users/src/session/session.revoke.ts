import type { EntityManager } from '@tenantry/database';
import { SessionRecord } from '@tenantry/users-module';
import { markPrincipalChange } from '../principal/principal-changes';

/**
 * Revokes every open session of a user in the caller's transaction, and tells the gateway to forget
 * their principal, so their next request with an old token is refused (docs/product.md#sessions).
 * `except` keeps one session (the caller's own, after changing their own password).
 */
export async function endSessions(manager: EntityManager, userId: string, except?: string): Promise<number> {
  const query = manager.createQueryBuilder().update(SessionRecord).set({ revokedAt: new Date() }).where('user_id = :userId AND revoked_at IS NULL', { userId });
  markPrincipalChange(userId);
  if (except) query.andWhere('id <> :except', { except });
  return (await query.execute()).affected ?? 0;
}
