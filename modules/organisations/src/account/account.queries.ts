import type { EntityManager } from '@tenantry/database';
import { OrganisationRecord } from '../organisation/organisation.entity';
import { AccountRecord } from './account.entity';

/** Whether the user owns the account the organisation belongs to: the one user nobody may suspend, archive or delete. */
export function ownsAccountOf(manager: EntityManager, userId: string, organisationId: string): Promise<boolean> {
  return manager
    .createQueryBuilder(AccountRecord, 'a')
    .innerJoin(OrganisationRecord, 'o', 'o.account_id = a.id')
    .where('o.id = :organisationId AND a.owner_user_id = :userId', { organisationId, userId })
    .getExists();
}

/** Whether the user owns an account: the owner keeps the OWNER role. */
export function ownsAnAccount(manager: EntityManager, userId: string): Promise<boolean> {
  return manager.existsBy(AccountRecord, { ownerUserId: userId });
}

/** Whether an account of that name exists, e.g. the demo account a second start must not seed again. */
export function hasAccountNamed(manager: EntityManager, name: string): Promise<boolean> {
  return manager.existsBy(AccountRecord, { name });
}
