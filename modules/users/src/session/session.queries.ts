import type { EntityManager } from '@tenantry/database';
import { UserRecord } from '../user/user.entity';
import { SessionRecord } from './session.entity';

/** Sessions of these organisations' users that still work: what deleting the organisations ends. */
export function countLiveSessionsOf(manager: EntityManager, organisationIds: string[], now = new Date()): Promise<number> {
  return manager
    .createQueryBuilder(SessionRecord, 's')
    .innerJoin(UserRecord, 'u', 'u.id = s.user_id')
    .where('u.organisation_id IN (:...ids) AND s.revoked_at IS NULL AND s.expires_at > :now', { ids: organisationIds, now })
    .getCount();
}
