import type { EntityManager } from '@tenantry/database';
import { randomUUID } from 'node:crypto';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEventRecord } from './audit-event.entity';

/** A security-relevant change, as the use case that makes it describes it. */
export interface AuditEvent {
  accountId: string;
  /** Null for account-level events, which outlive the organisation. */
  organisationId: string | null;
  actorUserId: string | null;
  action: string;
  targetId?: string | null;
  /** Non-secret facts only: never passwords, tokens or hashes. */
  details?: Record<string, unknown>;
}

/** Writes an audit event in the caller's transaction, so it exists exactly when the change does. */
export async function recordAudit(manager: EntityManager, event: AuditEvent): Promise<void> {
  const record = manager.create(AuditEventRecord, {
    id: randomUUID(),
    accountId: event.accountId,
    organisationId: event.organisationId,
    actorUserId: event.actorUserId,
    action: event.action,
    targetId: event.targetId ?? null,
    details: event.details ?? {},
    createdAt: new Date(),
  });
  // insert, not save: the id is new, so save's look-up of the row first would be a wasted query.
  // The cast: insert's type cannot take a JSON column of unknown values (details); it is a whole entity.
  await manager.insert(AuditEventRecord, record as QueryDeepPartialEntity<AuditEventRecord>);
}

/** An organisation moving to another account takes its history along: the new account reads it, the former one no longer does. */
export async function moveAuditTrailToAccount(manager: EntityManager, organisationId: string, accountId: string): Promise<void> {
  await manager.update(AuditEventRecord, { organisationId }, { accountId });
}
