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

/** Users taking a seat: those of organisations meeting the condition (the account's seat-taking ones), invited ones included, not archived. */
export function countSeatsUsed(manager: EntityManager, seatOrganisation: OrganisationColumnCondition): Promise<number> {
  const condition = seatOrganisation('u.organisation_id');
  return manager
    .createQueryBuilder(UserRecord, 'u')
    .where(condition.sql, condition.params)
    .andWhere('u.status <> :archived', { archived: UserStatus.ARCHIVED })
    .getCount();
}

/** The user, if their organisation meets the condition (e.g. is one the caller sees); else null, exactly as for a missing id. */
export function findUserInOrganisations(manager: EntityManager, userId: string, organisation: OrganisationColumnCondition): Promise<UserRecord | null> {
  const condition = organisation('u.organisation_id');
  return manager.getRepository(UserRecord).createQueryBuilder('u').where('u.id = :userId', { userId }).andWhere(condition.sql, condition.params).getOne();
}

/**
 * A condition on a users-table column that holds an organisation id, from the module that owns
 * organisations (its visibility or seat rule): this module asks it without reading that table itself.
 */
export type OrganisationColumnCondition = (column: string) => { sql: string; params: Record<string, unknown> };
