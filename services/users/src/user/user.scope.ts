import type { EntityManager } from '@tenantry/database';
import type { SqlCondition, TenantScope } from '@tenantry/organisations-module';
import type { OnboardingPolicy } from '@tenantry/organisations-module';
import { countOperatorGroupsOf, organisationById, organisationColumnVisible, widgetsOfOrganisation } from '@tenantry/organisations-module';
import { roleByKey } from '@tenantry/permissions-module';
import { assertMayCreateWith } from '@tenantry/provisioning';
import type { UserPrincipal } from '@tenantry/auth';
import { graphqlError } from '@tenantry/auth';

export const userNotFound = () => graphqlError('NOT_FOUND', 'User not found.');
export const organisationNotFound = () => graphqlError('NOT_FOUND', 'Organisation not found.');

/** Throws NOT_FOUND unless the caller may see the organisation. */
export async function assertOrganisationInScope(scope: TenantScope, id: string): Promise<void> {
  if (!(await scope.visibility.canSee(id))) throw organisationNotFound();
}

/**
 * Rows of one organisation read with the visibility rule in the same statement (`read` adds the
 * condition on `column`), so a page costs no statement of its own for the scope: rows show the
 * organisation is visible, and only an empty read asks the rule alone, so a foreign organisation
 * is still NOT_FOUND, never an empty page (docs/architecture.md#visibility).
 */
export async function readInScope<T>(scope: TenantScope, organisationId: string, column: string, read: (visible: SqlCondition) => Promise<T[]>): Promise<T[]> {
  const rows = await read(organisationColumnVisible(scope.principal, column));
  if (rows.length) scope.visibility.noteShown([organisationId]);
  else await assertOrganisationInScope(scope, organisationId);
  return rows;
}

/**
 * A role of the organisation that the caller may hand out: never OWNER (there is one, the account's),
 * never more permissions than the caller holds, and never one through which the new user would see
 * organisations the caller does not, so nobody creates a user mightier than themself.
 */
export async function findGrantableRole(manager: EntityManager, principal: UserPrincipal, organisationId: string, roleKey: string) {
  const role = await roleByKey(manager, organisationId, roleKey);
  if (!role || role.key === 'OWNER') throw graphqlError('BAD_USER_INPUT', `Role ${roleKey} does not exist in this organisation or cannot be given.`);
  const missing = role.permissions.filter((permission) => !principal.permissions.includes(permission));
  if (missing.length) throw graphqlError('FORBIDDEN', `Role ${roleKey} grants permissions you do not hold: ${missing.join(', ')}.`);
  // Nor one who would see more: customers.manage shows the organisation's customers.
  await assertMayCreateWith(manager, principal, await organisationById(manager, organisationId), role.permissions);
  return role;
}

/** Inbox ids must be operator groups of the user's organisation; returns them de-duplicated. */
export async function checkInboxes(manager: EntityManager, organisationId: string, inboxIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(inboxIds)];
  if (!unique.length) return unique;
  const found = await countOperatorGroupsOf(manager, organisationId, unique);
  if (found !== unique.length) throw graphqlError('BAD_USER_INPUT', 'Every inbox must be an operator group of the organisation.');
  return unique;
}

/** Widget ids must be widgets of the user's organisation (docs/product.md#sites-a-user-sees); returns them de-duplicated. */
export async function checkVisibleWidgets(manager: EntityManager, organisationId: string, widgetIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(widgetIds)];
  const found = await widgetsOfOrganisation(manager, organisationId, unique);
  if (found.length !== unique.length) {
    throw graphqlError('BAD_USER_INPUT', "Every visible widget must be a widget of the user's organisation.", { field: 'visibleWidgetIds' });
  }
  return unique;
}

/** The fields a new user needs, as their account's onboarding policy says (docs/product.md#onboarding-policy). */
export function checkOnboardingFields(
  policy: OnboardingPolicy,
  input: { email?: string | null; firstName?: string | null; sendMailsTo?: string | null; initialPassword?: string | null },
): void {
  if (policy.requiredFields.includes('EMAIL') && !input.email) throw graphqlError('BAD_USER_INPUT', 'email is required.', { field: 'email' });
  if (policy.requiredFields.includes('FIRST_NAME') && !input.firstName) throw graphqlError('BAD_USER_INPUT', 'firstName is required.', { field: 'firstName' });
  if (input.initialPassword && !policy.initialPasswords) {
    throw graphqlError('BAD_USER_INPUT', "This account's onboarding policy does not let administrators set passwords.", { field: 'initialPassword' });
  }
  // Somebody must be able to sign in as the user: by a mailed activation link, or with the password given here.
  if (!input.initialPassword && !input.email && !input.sendMailsTo) {
    throw graphqlError('BAD_USER_INPUT', 'A user without email needs an initial password, or sendMailsTo for their activation link.', {
      fields: ['email', 'initialPassword'],
    });
  }
}
