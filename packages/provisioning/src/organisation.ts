import type { EntityManager } from '@tenantry/database';
import type { PrivacySettings } from '@tenantry/organisations-module';
import { OrganisationKind, insertAccount, insertOperatorGroup, insertOrganisation, insertWidget } from '@tenantry/organisations-module';
import { addBuiltInRoles } from '@tenantry/permissions-module';
import { DEFAULT_LANGUAGE } from '@tenantry/config';

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

/** Creates an organisation with its built-in roles, its first widget and its first operator group (docs/product.md#accounts-and-organisations). */
export async function provisionOrganisation(manager: EntityManager, input: NewOrganisation) {
  const now = new Date();
  const organisation = await insertOrganisation(
    manager,
    {
      accountId: input.accountId,
      kind: input.kind,
      name: input.name,
      language: input.language ?? DEFAULT_LANGUAGE,
      location: input.location ?? null,
      managingOrganisationId: input.managingOrganisationId ?? null,
      privacy: input.privacy ?? DEFAULT_PRIVACY,
    },
    now,
  );
  await addBuiltInRoles(manager, organisation.id, builtInRoleKeys(input.kind), now);
  const widget = await insertWidget(manager, organisation.id, `${input.name} widget`, now);
  const operatorGroup = await insertOperatorGroup(manager, organisation.id, input.name, now);
  return { organisation, widget, operatorGroup };
}

/** Creates an account with its DEFAULT organisation (same name), fully provisioned; its owner comes next (setAccountOwner). */
export async function createAccount(manager: EntityManager, name: string, seatLimit: number) {
  const account = await insertAccount(manager, name, seatLimit);
  const provisioned = await provisionOrganisation(manager, { accountId: account.id, kind: OrganisationKind.DEFAULT, name });
  return { account, ...provisioned };
}
