import { graphqlError } from '@tenantry/auth';
import type { EntityManager } from '@tenantry/database';
import type { OrganisationRecord } from '../organisation/organisation.entity';
import type { VisibilitySubject } from './organisation-visibility';
import { visibleOrganisations } from './organisation-visibility';

/**
 * An organisation the principal may see, else NOT_FOUND with the same message for a foreign id
 * as for a missing one: every subgraph's write paths start here.
 */
export async function findVisibleOrganisation(manager: EntityManager, principal: VisibilitySubject, id: string): Promise<OrganisationRecord> {
  const organisation = await visibleOrganisations(manager, principal).andWhere('o.id = :id', { id }).getOne();
  if (!organisation) throw graphqlError('NOT_FOUND', 'Organisation not found.');
  return organisation;
}
