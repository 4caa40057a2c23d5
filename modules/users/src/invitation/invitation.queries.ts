import type { EntityManager } from '@tenantry/database';
import { InvitationRecord, InvitationStatus } from './invitation.entity';

/** Invitations of the organisation not yet accepted, expired or revoked. */
export function countPendingInvitationsOf(manager: EntityManager, organisationId: string): Promise<number> {
  return manager.countBy(InvitationRecord, { organisationId, status: InvitationStatus.PENDING });
}
