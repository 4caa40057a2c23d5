import type { EntityManager } from '@tenantry/database';
import { PromotionRecord } from './promotion.entity';

/** Takes back every grant into the organisation, e.g. when it leaves the account whose owner granted them. */
export async function revokePromotionsInto(manager: EntityManager, organisationId: string): Promise<void> {
  await manager.delete(PromotionRecord, { organisationId });
}
