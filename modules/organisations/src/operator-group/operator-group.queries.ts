import type { EntityManager } from '@tenantry/database';
import { In } from '@tenantry/database';
import { OperatorGroupRecord } from './operator-group.entity';

/** How many of `operatorGroupIds` (given without repeats) are operator groups of the organisation. */
export function countOperatorGroupsOf(manager: EntityManager, organisationId: string, operatorGroupIds: readonly string[]): Promise<number> {
  return manager.countBy(OperatorGroupRecord, { id: In([...operatorGroupIds]), organisationId });
}
