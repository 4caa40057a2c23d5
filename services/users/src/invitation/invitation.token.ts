import type { EntityManager } from '@tenantry/database';
import { InvitationRecord, InvitationStatus } from '@tenantry/users-module';
import { hashToken, randomToken } from '@tenantry/auth';

/** PENDING past its expiry reads EXPIRED: the state machine moves on without a job. */
export function effectiveInvitationStatus(invitation: Pick<InvitationRecord, 'status' | 'expiresAt'>, now: Date): InvitationStatus {
  return invitation.status === InvitationStatus.PENDING && invitation.expiresAt.getTime() <= now.getTime() ? InvitationStatus.EXPIRED : invitation.status;
}

/**
 * Gives the invitation a fresh link (256 random bits, stored only hashed): the previous link dies
 * at once because its hash is replaced. Returns the raw token for the mail.
 */
export async function renewInvitationToken(manager: EntityManager, invitation: InvitationRecord, now: Date, ttlHours: number): Promise<string> {
  const token = randomToken();
  await manager.update(
    InvitationRecord,
    { id: invitation.id },
    {
      tokenHash: hashToken(token),
      status: InvitationStatus.PENDING,
      expiresAt: new Date(now.getTime() + ttlHours * 3_600_000),
      updatedAt: now,
    },
  );
  return token;
}
