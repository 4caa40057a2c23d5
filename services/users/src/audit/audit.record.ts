import type { EntityManager } from '@tenantry/database';
import { accountIdOfOrganisation } from '@tenantry/organisations-module';
import { recordAudit } from '@tenantry/users-module';

/** An audit event about a user of an organisation; never carries passwords, tokens or hashes. */
export interface UserAuditEvent {
  organisationId: string;
  actorUserId: string | null;
  action: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Writes the event in the caller's transaction. The account is looked up from the organisation,
 * so anonymous flows (login, activation, reset) can audit too.
 */
export async function recordUserAudit(manager: EntityManager, event: UserAuditEvent): Promise<void> {
  const accountId = await accountIdOfOrganisation(manager, event.organisationId);
  // Without its organisation the change itself is broken: fail, so the transaction rolls back.
  if (!accountId) throw new Error(`audit event ${event.action} names a missing organisation`);
  await recordAudit(manager, { ...event, accountId });
}
