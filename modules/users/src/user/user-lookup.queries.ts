import type { EntityManager } from '@tenantry/database';
import type { OrganisationColumnCondition } from './organisation-condition';
import { UserRecord } from './user.entity';

/** The user, if their organisation meets the condition (e.g. is one the caller sees); else null, exactly as for a missing id. */
export function findUserInOrganisations(manager: EntityManager, userId: string, organisation: OrganisationColumnCondition): Promise<UserRecord | null> {
  const condition = organisation('u.organisation_id');
  return manager.getRepository(UserRecord).createQueryBuilder('u').where('u.id = :userId', { userId }).andWhere(condition.sql, condition.params).getOne();
}
