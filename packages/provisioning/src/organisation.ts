import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@tenantry/database';
import type { PrivacySettings } from '@tenantry/organisations-module';
import { AccountRecord, OperatorGroupRecord, OrganisationKind, OrganisationRecord, WidgetRecord, nameNamespaceOf } from '@tenantry/organisations-module';
import { RoleRecord } from '@tenantry/permissions-module';
import { DEFAULT_LANGUAGE } from '@tenantry/config';
import { BUILT_IN_ROLES } from '@tenantry/auth';

export const DEFAULT_PRIVACY: PrivacySettings = { transcriptRetentionDays: 90, anonymiseVisitorIp: true };

/** Built-in roles of an organisation kind; OWNER exists only in an account's default organisation. */
export function builtInRoleKeys(kind: OrganisationKind): string[] {
  if (kind === OrganisationKind.CUSTOMER) return ['ADMINISTRATOR', 'MODERATOR', 'MEMBER'];
  return kind === OrganisationKind.DEFAULT ? ['OWNER', 'MANAGER', 'OPERATOR'] : ['MANAGER', 'OPERATOR'];
}

export interface NewOrganisation {
  accountId: string;
  kind: OrganisationKind;
  name: string;
  language?: string;
  location?: string | null;
  privacy?: PrivacySettings;
  managingOrganisationId?: string | null;
}

export interface ProvisionedOrganisation {
  organisation: OrganisationRecord;
  widget: WidgetRecord;
  operatorGroup: OperatorGroupRecord;
}

/** Creates an organisation with its built-in roles, its first widget and its first operator group (docs/product.md#accounts-and-organisations). */
export async function provisionOrganisation(manager: EntityManager, input: NewOrganisation): Promise<ProvisionedOrganisation> {
  const now = new Date();
  const organisation = manager.create(OrganisationRecord, {
    id: randomUUID(),
    accountId: input.accountId,
    kind: input.kind,
    name: input.name,
    nameNamespace: nameNamespaceOf({ kind: input.kind, accountId: input.accountId, managingOrganisationId: input.managingOrganisationId ?? null }),
    language: input.language ?? DEFAULT_LANGUAGE,
    location: input.location ?? null,
    managingOrganisationId: input.managingOrganisationId ?? null,
    privacy: input.privacy ?? DEFAULT_PRIVACY,
    createdAt: now,
  });
  await manager.insert(OrganisationRecord, organisation);
  await manager.insert(
    RoleRecord,
    builtInRoleKeys(input.kind).map((key) => ({
      id: randomUUID(),
      organisationId: organisation.id,
      key,
      name: BUILT_IN_ROLES[key].name,
      builtIn: true,
      permissions: BUILT_IN_ROLES[key].permissions,
      createdAt: now,
    })),
  );
  const widget = manager.create(WidgetRecord, { id: randomUUID(), organisationId: organisation.id, name: `${input.name} widget`, createdAt: now });
  const operatorGroup = manager.create(OperatorGroupRecord, { id: randomUUID(), organisationId: organisation.id, name: input.name, createdAt: now });
  await manager.insert(WidgetRecord, widget);
  await manager.insert(OperatorGroupRecord, operatorGroup);
  return { organisation, widget, operatorGroup };
}

/** Creates an account with its DEFAULT organisation (same name), fully provisioned. */
export async function createAccount(manager: EntityManager, name: string, seatLimit: number) {
  const account = manager.create(AccountRecord, { id: randomUUID(), name, seatLimit, ownerUserId: null, createdAt: new Date() });
  await manager.insert(AccountRecord, account);
  const provisioned = await provisionOrganisation(manager, { accountId: account.id, kind: OrganisationKind.DEFAULT, name });
  return { account, ...provisioned };
}

/** Makes a user the owner of their account. */
export async function makeOwner(manager: EntityManager, accountId: string, userId: string): Promise<void> {
  await manager.update(AccountRecord, { id: accountId }, { ownerUserId: userId });
}
