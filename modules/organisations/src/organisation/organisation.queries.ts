import type { EntityManager } from '@tenantry/database';
import { OrganisationRecord } from './organisation.entity';

/**
 * The organisation another module's row points at. Such a row references it with a foreign key,
 * so a missing one is a broken reference, not bad input: this throws and the transaction rolls back.
 */
export function organisationById(manager: EntityManager, organisationId: string): Promise<OrganisationRecord> {
  return manager.findOneByOrFail(OrganisationRecord, { id: organisationId });
}

/** The account an organisation belongs to, or null when there is no such organisation; reads nothing else. */
export async function accountIdOfOrganisation(manager: EntityManager, organisationId: string): Promise<string | null> {
  const organisation = await manager.findOne(OrganisationRecord, { select: { id: true, accountId: true }, where: { id: organisationId } });
  return organisation?.accountId ?? null;
}
