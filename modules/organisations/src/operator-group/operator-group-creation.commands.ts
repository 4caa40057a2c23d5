import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@tenantry/database';
import { OperatorGroupRecord } from './operator-group.entity';

/** Adds an operator group (an inbox) to an organisation, e.g. the first one every new organisation gets. */
export async function insertOperatorGroup(manager: EntityManager, organisationId: string, name: string, now = new Date()): Promise<OperatorGroupRecord> {
  const operatorGroup = manager.create(OperatorGroupRecord, { id: randomUUID(), organisationId, name, createdAt: now });
  await manager.insert(OperatorGroupRecord, operatorGroup);
  return operatorGroup;
}
