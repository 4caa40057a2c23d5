import type { EntityManager } from '@tenantry/database';
import type { OrganisationColumnCondition } from './organisation-condition';
import { UserRecord, UserStatus } from './user.entity';

/** Users taking a seat: those of organisations meeting the condition (the account's seat-taking ones), invited ones included, not archived. */
export function countSeatsUsed(manager: EntityManager, seatOrganisation: OrganisationColumnCondition): Promise<number> {
  const condition = seatOrganisation('u.organisation_id');
  return manager
    .createQueryBuilder(UserRecord, 'u')
    .where(condition.sql, condition.params)
    .andWhere('u.status <> :archived', { archived: UserStatus.ARCHIVED })
    .getCount();
}
