import type { EntityManager } from '@tenantry/database';
import { In } from '@tenantry/database';
import { OrganisationKind, OrganisationRecord } from '../organisation/organisation.entity';
import { EmbedOriginRecord } from './embed-origin.entity';

/** The embed origins of each organisation, sorted; an organisation with none gets an empty list. */
export async function embedOriginsOf(manager: EntityManager, organisationIds: readonly string[]): Promise<Map<string, string[]>> {
  const byOrganisation = new Map(organisationIds.map((id) => [id, [] as string[]]));
  if (organisationIds.length === 0) return byOrganisation;
  const rows = await manager.find(EmbedOriginRecord, { where: { organisationId: In([...new Set(organisationIds)]) }, order: { origin: 'ASC' } });
  for (const row of rows) byOrganisation.get(row.organisationId)?.push(row.origin);
  return byOrganisation;
}

/**
 * Whether the origin (normal form) may embed the customer login: of this organisation when one is
 * named, else of any organisation (the gateway's CORS question). Answers nothing else.
 */
export function isEmbedOriginListed(manager: EntityManager, origin: string, organisationId?: string): Promise<boolean> {
  return manager.existsBy(EmbedOriginRecord, organisationId === undefined ? { origin } : { origin, organisationId });
}

/** Whether the organisation is a CUSTOMER managed by `managingOrganisationId` (who the embedded login admits). */
export function isCustomerOf(manager: EntityManager, organisationId: string, managingOrganisationId: string): Promise<boolean> {
  return manager.existsBy(OrganisationRecord, { id: organisationId, kind: OrganisationKind.CUSTOMER, managingOrganisationId });
}
