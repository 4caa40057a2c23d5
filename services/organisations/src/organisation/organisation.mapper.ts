import type { OrganisationRecord } from '@tenantry/organisations-module';
import { Organisation } from './organisation.type';

export function toOrganisation(record: OrganisationRecord): Organisation {
  return Object.assign(new Organisation(), {
    id: record.id,
    organisationId: record.id,
    accountId: record.accountId,
    kind: record.kind,
    managingOrganisationId: record.managingOrganisationId,
    name: record.name,
    language: record.language,
    location: record.location,
    privacy: record.privacy,
    createdAt: record.createdAt,
  });
}
