import type { EntityManager } from '@tenantry/database';
import type { OrganisationAccount } from '@tenantry/organisations-module';
import { countOrganisationsSeenOnlyBy, findOrganisationAccount, organisationColumnVisible } from '@tenantry/organisations-module';
import { permissionsHeldBy } from '@tenantry/permissions-module';
import { grantedOrganisations } from '@tenantry/store';
import { findUserInOrganisations } from '@tenantry/users-module';
import type { UserPrincipal } from '@tenantry/auth';
import { graphqlError } from '@tenantry/auth';

/** A user as the rule needs them: who they are and where they belong. */
interface Administered {
  id: string;
  organisationId: string;
}

/**
 * The administration rule, for every operation that changes, re-roles, suspends, archives,
 * deletes, re-invites or un-invites a user (users and permissions subgraphs alike): the caller
 * may administer another user only if that user
 * - is in an organisation the caller sees (else NOT_FOUND, exactly like a missing id),
 * - is not the account owner,
 * - holds no permission the caller lacks, and
 * - sees no organisation the caller does not (promotions and managed customers count).
 * Otherwise a manager could take over a colleague whom the owner granted more (change their
 * email, reset their password) and act in organisations never granted to the manager.
 * The caller may always administer themself.
 */
export async function findAdministrableUser(manager: EntityManager, principal: UserPrincipal, id: string) {
  const user = await findUserInOrganisations(manager, id, (column) => organisationColumnVisible(principal, column));
  if (!user) throw graphqlError('NOT_FOUND', 'User not found.');
  if (user.id === principal.userId) return user;
  const account = await accountOf(manager, user);
  if (account.ownerUserId === user.id) throw graphqlError('FORBIDDEN', 'Only the account owner manages the account owner.');
  await assertWithinCaller(manager, principal, user, account.accountId, await permissionsHeldBy(manager, user.id));
  return user;
}

/**
 * The rule again for the user as a change would leave them, e.g. holding the role assignRole is
 * about to give: a caller may not make someone see or do more than the caller may.
 */
export async function assertAdministrableWith(manager: EntityManager, principal: UserPrincipal, user: Administered, permissions: string[]): Promise<void> {
  if (user.id === principal.userId) return;
  await assertWithinCaller(manager, principal, user, (await accountOf(manager, user)).accountId, permissions);
}

/**
 * The rule for a user about to be created (createUser, inviteUser) in an organisation the caller
 * sees, holding these permissions: nobody creates a user who would see more than they do.
 */
export async function assertMayCreateWith(
  manager: EntityManager,
  principal: UserPrincipal,
  organisation: { id: string; accountId: string },
  permissions: string[],
): Promise<void> {
  await assertWithinCaller(manager, principal, { id: null, organisationId: organisation.id }, organisation.accountId, permissions);
}

async function assertWithinCaller(
  manager: EntityManager,
  principal: UserPrincipal,
  user: { id: string | null; organisationId: string },
  accountId: string,
  permissions: string[],
): Promise<void> {
  const beyond = permissions.filter((permission) => !principal.permissions.includes(permission));
  if (beyond.length) throw graphqlError('FORBIDDEN', `This user holds permissions you do not: ${beyond.join(', ')}.`);
  // The owner sees their whole account: no user of it sees more.
  if (principal.isAccountOwner && principal.accountId === accountId) return;
  const userSubject = {
    accountId,
    homeOrganisationId: user.organisationId,
    isAccountOwner: false,
    grantedOrganisationIds: user.id ? await grantedOrganisations(manager, user.id, accountId) : [],
    managesCustomers: permissions.includes('customers.manage'),
  };
  const beyondCaller = await countOrganisationsSeenOnlyBy(manager, userSubject, principal);
  // Which organisations are beyond the caller stays unsaid: naming them would reveal them.
  if (beyondCaller > 0) {
    throw graphqlError('FORBIDDEN', 'This user sees organisations you do not; only someone who sees all of them may administer this user.');
  }
}

async function accountOf(manager: EntityManager, user: Administered): Promise<OrganisationAccount> {
  const account = await findOrganisationAccount(manager, user.organisationId);
  if (!account) throw graphqlError('NOT_FOUND', 'User not found.');
  return account;
}
