import type { UserPrincipal } from '@tenantry/auth';
import { graphqlError } from '@tenantry/auth';
import type { EntityManager } from '@tenantry/database';
import type { OrganisationRecord } from '@tenantry/organisations-module';
import { visibleOrganisations } from '@tenantry/organisations-module';

/**
 * An organisation the principal may see, else NOT_FOUND with the same message for a foreign id
 * as for a missing one; Every subgraph's write paths start here.
 */
export async function findVisibleOrganisation(manager: EntityManager, principal: UserPrincipal, id: string): Promise<OrganisationRecord> {
  const organisation = await visibleOrganisations(manager, principal).andWhere('o.id = :id', { id }).getOne();
  if (!organisation) throw graphqlError('NOT_FOUND', 'Organisation not found.');
  return organisation;
}
