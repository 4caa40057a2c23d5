import type { EntityManager } from '@tenantry/database';
import { In } from '@tenantry/database';
import { UserRecord, UserStatus } from './user.entity';

/** Every user of these organisations, whatever their status: what a deletion removes, what a new account's seats must hold. */
export function countUsersOf(manager: EntityManager, organisationIds: string[]): Promise<number> {
  return manager.countBy(UserRecord, { organisationId: In(organisationIds) });
}

/** Users of these organisations still invited: they hold a seat but do not operate yet. */
export function countInvitedUsersOf(manager: EntityManager, organisationIds: string[]): Promise<number> {
  return manager.countBy(UserRecord, { organisationId: In(organisationIds), status: UserStatus.INVITED });
}

/** The user, if they belong to that organisation; a user of any other organisation is no answer. */
export function findUserOfOrganisation(manager: EntityManager, organisationId: string, userId: string): Promise<UserRecord | null> {
  return manager.findOneBy(UserRecord, { id: userId, organisationId });
}
