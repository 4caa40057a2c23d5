import { EntityManager } from '@tenantry/database';
import { OrganisationRecord } from '@tenantry/organisations-module';
import { canSeeOrganisation, graphqlError, UserPrincipal } from '@tenantry/auth';

/**
 * An organisation the principal may see, else NOT_FOUND with the same message for a foreign id
 * as for a missing one; a foreign id costs no query. Every subgraph's write paths start here.
 */
export async function findVisibleOrganisation(manager: EntityManager, principal: UserPrincipal, id: string): Promise<OrganisationRecord> {
  const organisation = canSeeOrganisation(principal, id) ? await manager.findOneBy(OrganisationRecord, { id }) : null;
  if (!organisation) throw graphqlError('NOT_FOUND', 'Organisation not found.');
  return organisation;
}
