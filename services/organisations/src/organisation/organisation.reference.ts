import type { OrganisationsContext } from '../context';
import type { Organisation } from './organisation.type';

/** Resolves Organisation references from other subgraphs; foreign ids resolve to null. */
export function resolveOrganisationReference(reference: Pick<Organisation, 'id'>, context: OrganisationsContext): Promise<Organisation | null> {
  return context.organisations().findById(reference.id);
}
