import {
  AccountRecord, EntityManager, In, OperatorGroupRecord, OrganisationRecord, RoleAssignmentRecord, RoleRecord, UserRecord,
} from '@tenantry/database';
import { graphqlError, UserPrincipal } from '@tenantry/auth';

export const userNotFound = () => graphqlError('NOT_FOUND', 'User not found.');
export const organisationNotFound = () => graphqlError('NOT_FOUND', 'Organisation not found.');

/** A user of an organisation the principal may see; any other id, foreign or missing, is NOT_FOUND. */
export async function findUserInScope(manager: EntityManager, principal: UserPrincipal, id: string): Promise<UserRecord> {
  const user = await manager.findOneBy(UserRecord, { id, organisationId: In(principal.visibleOrganisationIds) });
  if (!user) throw userNotFound();
  return user;
}

/** Throws NOT_FOUND unless the principal may see the organisation; no query needed. */
export function assertOrganisationInScope(principal: UserPrincipal, id: string): void {
  if (!principal.visibleOrganisationIds.includes(id)) throw organisationNotFound();
}

/**
 * A role of the organisation that the caller may hand out: never OWNER (there is one, the account's),
 * and never more permissions than the caller holds, so nobody creates a user mightier than themself.
 */
export async function findGrantableRole(manager: EntityManager, principal: UserPrincipal, organisationId: string, roleKey: string): Promise<RoleRecord> {
  const role = await manager.findOneBy(RoleRecord, { organisationId, key: roleKey });
  if (!role || role.key === 'OWNER') throw graphqlError('BAD_USER_INPUT', `Role ${roleKey} does not exist in this organisation or cannot be given.`);
  const missing = role.permissions.filter((permission) => !principal.permissions.includes(permission));
  if (missing.length) throw graphqlError('FORBIDDEN', `Role ${roleKey} grants permissions you do not hold: ${missing.join(', ')}.`);
  return role;
}

/** Inbox ids must be operator groups of the user's organisation; returns them de-duplicated. */
export async function checkInboxes(manager: EntityManager, organisationId: string, inboxIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(inboxIds)];
  if (!unique.length) return unique;
  const found = await manager.countBy(OperatorGroupRecord, { id: In(unique), organisationId });
  if (found !== unique.length) throw graphqlError('BAD_USER_INPUT', 'Every inbox must be an operator group of the organisation.');
  return unique;
}

/**
 * A user of a visible organisation whom the caller may administer: never the account owner
 * (unless it is the caller), never someone whose role holds permissions the caller lacks — else
 * a manager could, say, change the owner's email and reset their password.
 */
export async function findManageableUser(manager: EntityManager, principal: UserPrincipal, id: string): Promise<UserRecord> {
  const user = await findUserInScope(manager, principal, id);
  if (user.id === principal.userId) return user;
  const target = await manager
    .createQueryBuilder(UserRecord, 'u')
    .innerJoin(OrganisationRecord, 'o', 'o.id = u.organisation_id')
    .innerJoin(AccountRecord, 'a', 'a.id = o.account_id')
    .leftJoin(RoleAssignmentRecord, 'ra', 'ra.user_id = u.id')
    .leftJoin(RoleRecord, 'r', 'r.id = ra.role_id')
    .select(['a.owner_user_id AS ownerUserId', 'r.permissions AS permissions'])
    .where('u.id = :id', { id })
    .getRawOne<{ ownerUserId: string | null; permissions: string | null }>();
  if (target?.ownerUserId === user.id) throw graphqlError('FORBIDDEN', 'Only the account owner manages the account owner.');
  const held = target?.permissions ? (JSON.parse(target.permissions) as string[]) : [];
  const beyond = held.filter((permission) => !principal.permissions.includes(permission));
  if (beyond.length) throw graphqlError('FORBIDDEN', `This user holds permissions you do not: ${beyond.join(', ')}.`);
  return user;
}
