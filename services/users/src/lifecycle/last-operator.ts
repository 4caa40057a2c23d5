import type { EntityManager } from '@tenantry/database';
import { UserRecord, UserStatus } from '@tenantry/users-module';
import { graphqlError } from '@tenantry/auth';

/**
 * Every organisation keeps at least one operator, a user who is not archived: without one nobody
 * could sign in to it, invite anybody or hand it back. Refuses to archive, delete or un-invite the
 * last. The caller must hold the account's lock (`lockAccount`) taken before its first read, so
 * two racing removals of the last two operators count one after the other and one of them loses.
 */
export async function assertNotLastOperator(manager: EntityManager, user: UserRecord): Promise<void> {
  if (user.status === UserStatus.ARCHIVED) return;
  const others = await manager
    .createQueryBuilder(UserRecord, 'u')
    .where('u.organisation_id = :organisationId AND u.status <> :archived AND u.id <> :id', {
      organisationId: user.organisationId,
      archived: UserStatus.ARCHIVED,
      id: user.id,
    })
    .getCount();
  if (others === 0) {
    throw graphqlError('BAD_USER_INPUT', 'This is the last operator of the organisation, which must keep at least one; add another user first.', {
      reason: 'LAST_OPERATOR',
    });
  }
}
