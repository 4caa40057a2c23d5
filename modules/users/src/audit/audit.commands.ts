import type { EntityManager } from '@tenantry/database';
import { randomUUID } from 'node:crypto';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEventRecord } from './audit-event.entity';

interface AuditFacts {
  actorUserId: string | null;
  action: string;
  targetId?: string | null;
  /** Non-secret facts only: never passwords, tokens or hashes. */
  details?: Record<string, unknown>;
}

/**
 * A security-relevant change, as the use case that makes it describes it. Without `accountId` the
 * account is the organisation's at the moment of writing, read by the insert itself.
 */
export type AuditEvent = AuditFacts &
  (
    | {
        accountId: string;
        /** Null for account-level events, which outlive the organisation. */
        organisationId: string | null;
      }
    | { accountId?: undefined; organisationId: string }
  );

/**
 * Writes an audit event in the caller's transaction, so it exists exactly when the change does. An
 * event of a missing organisation fails (account_id may not be null), so that transaction rolls back.
 */
export async function recordAudit(manager: EntityManager, event: AuditEvent): Promise<void> {
  const { driver } = manager.connection;
  const organisations = driver.escape(manager.connection.getMetadata('OrganisationRecord').tableName);
  await manager
    .createQueryBuilder()
    .insert()
    .into(AuditEventRecord)
    .values({
      id: randomUUID(),
      // One statement, not a look-up and an insert: anonymous flows (login, activation) audit on every call.
      accountId: event.accountId ?? (() => `(SELECT o.account_id FROM ${organisations} o WHERE o.id = :auditOrganisationId)`),
      organisationId: event.organisationId,
      actorUserId: event.actorUserId,
      action: event.action,
      targetId: event.targetId ?? null,
      // The cast: values' type cannot take a JSON column of unknown values.
      details: (event.details ?? {}) as QueryDeepPartialEntity<AuditEventRecord>['details'],
      createdAt: new Date(),
    })
    .setParameter('auditOrganisationId', event.organisationId)
    .updateEntity(false)
    .execute();
}

/** An organisation moving to another account takes its history along: the new account reads it, the former one no longer does. */
export async function moveAuditTrailToAccount(manager: EntityManager, organisationId: string, accountId: string): Promise<void> {
  await manager.update(AuditEventRecord, { organisationId }, { accountId });
}
