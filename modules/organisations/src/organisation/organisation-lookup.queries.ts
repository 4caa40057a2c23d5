import type { EntityManager } from '@tenantry/database';
import { In } from '@tenantry/database';
import { OrganisationKind, OrganisationRecord } from './organisation.entity';

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

/** An organisation the caller already knows exists (its id came from a row that references it); its absence is a fault. */
export function getOrganisation(manager: EntityManager, organisationId: string): Promise<OrganisationRecord> {
  return manager.findOneByOrFail(OrganisationRecord, { id: organisationId });
}
