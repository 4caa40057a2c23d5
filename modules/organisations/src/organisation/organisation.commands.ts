import type { EntityManager } from '@tenantry/database';
import { randomUUID } from 'node:crypto';
import type { OrganisationKind, PrivacySettings } from './organisation.entity';
import { OrganisationRecord, nameNamespaceOf } from './organisation.entity';

/** An organisation row as its creator decides it; id, name namespace and creation time are derived. */
export interface NewOrganisationRecord {
  accountId: string;
  kind: OrganisationKind;
  name: string;
  language: string;
  location: string | null;
  managingOrganisationId: string | null;
  privacy: PrivacySettings;
}

/** Inserts an organisation alone: its roles, widget and group come from the other modules' functions, in the same transaction. */
export async function insertOrganisation(manager: EntityManager, input: NewOrganisationRecord, now = new Date()): Promise<OrganisationRecord> {
  const organisation = manager.create(OrganisationRecord, {
    id: randomUUID(),
    accountId: input.accountId,
    kind: input.kind,
    name: input.name,
    nameNamespace: nameNamespaceOf(input),
    language: input.language,
    location: input.location,
    managingOrganisationId: input.managingOrganisationId,
    privacy: input.privacy,
    createdAt: now,
  });
  await manager.insert(OrganisationRecord, organisation);
  return organisation;
}
