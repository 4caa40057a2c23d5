import type { TenantScope } from '@tenantry/organisations-module';
import { countOperatorGroupMemberships, organisationColumnVisible } from '@tenantry/organisations-module';
import { AuditEventRecord, InvitationRecord, InvitationStatus, SessionRecord } from '@tenantry/users-module';
import { findAdministrableUser } from '@tenantry/provisioning';
import { graphqlError } from '@tenantry/auth';
import type { UserDeletionPreview } from './deletion-preview.type';

/**
 * What deleting a user takes with them (docs/product.md#archiving-and-deletion), for whoever may
 * delete them: the administration rule of deleteUser decides (NOT_FOUND for a user the caller
 * does not see, FORBIDDEN for one they may not administer). Reads only.
 */
export class UserDeletionPreviewService {
  constructor(private readonly scope: TenantScope) {}

  async preview(id: string): Promise<UserDeletionPreview> {
    const manager = this.scope.database.manager;
    const user = await findAdministrableUser(manager, this.scope.principal, id);
    // deleteUser refuses oneself too: nobody deletes themself.
    if (user.id === this.scope.principal.userId) throw graphqlError('BAD_USER_INPUT', 'You cannot do this to yourself.');
    const auditVisible = organisationColumnVisible(this.scope.principal, 'e.organisation_id');
    const [openSessions, pendingInvitationsSent, operatorGroupMemberships, auditEventsKept] = await Promise.all([
      manager
        .getRepository(SessionRecord)
        .createQueryBuilder('s')
        .where('s.user_id = :id AND s.revoked_at IS NULL AND s.expires_at > :now', { id: user.id, now: new Date() })
        .getCount(),
      manager.countBy(InvitationRecord, { invitedByUserId: user.id, status: InvitationStatus.PENDING }),
      countOperatorGroupMemberships(manager, user.id),
      manager
        .getRepository(AuditEventRecord)
        .createQueryBuilder('e')
        .where('(e.actor_user_id = :id OR e.target_id = :id)', { id: user.id })
        .andWhere(auditVisible.sql, auditVisible.params)
        .getCount(),
    ]);
    // deleteUser leaves the trail untouched (audit_events has no foreign key to users).
    return {
      userId: user.id,
      username: user.username,
      openSessions,
      pendingInvitationsSent,
      operatorGroupMemberships,
      auditEventsKept,
      auditEventsAnonymised: false,
    };
  }
}
