import type { EntityManager } from '@tenantry/database';
import { In } from '@tenantry/database';
import { OrganisationKind, OrganisationRecord } from './organisation.entity';

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

/** Whether the organisation is a CUSTOMER one (docs/product.md#customers); a missing one is not. */
export function isCustomerOrganisation(manager: EntityManager, organisationId: string): Promise<boolean> {
  return manager.existsBy(OrganisationRecord, { id: organisationId, kind: OrganisationKind.CUSTOMER });
}

/** How many of these organisations belong to the account: fewer than asked means some id is foreign or missing. */
export function countOrganisationsInAccount(manager: EntityManager, accountId: string, organisationIds: string[]): Promise<number> {
  return manager.countBy(OrganisationRecord, { id: In(organisationIds), accountId });
}

/** The organisation, if it belongs to the account; one of any other account is no answer. */
export function findOrganisationInAccount(manager: EntityManager, accountId: string, organisationId: string): Promise<OrganisationRecord | null> {
  return manager.findOneBy(OrganisationRecord, { id: organisationId, accountId });
}
