import type { EntityManager } from '@tenantry/database';
import { AuditEventRecord } from './audit-event.entity';

/** An organisation moving to another account takes its history along: the new account reads it, the former one no longer does. */
export async function moveAuditTrailToAccount(manager: EntityManager, organisationId: string, accountId: string): Promise<void> {
  await manager.update(AuditEventRecord, { organisationId }, { accountId });
}
