import type { EntityManager } from '@tenantry/database';
import { OperatorGroupRecord } from './operator-group.entity';

/** The organisation's oldest operator group, where a new user sits unless told otherwise; null when it has none. */
export async function findFirstOperatorGroupId(manager: EntityManager, organisationId: string): Promise<string | null> {
  const first = await manager.findOne(OperatorGroupRecord, { select: { id: true }, where: { organisationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  return first?.id ?? null;
}
