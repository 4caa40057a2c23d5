import { EntityManager, UserRecord, UserStatus } from '@tenantry/database';
import { enqueueMail } from '@tenantry/mail';
import { recordUserAudit } from '../audit/audit.record';
import { lockedMail } from '../mail/user-mails';
import { endSessions } from './session.revoke';

/** Consecutive failures that lock a user until an administrator unlocks them (F34). */
export const MAX_FAILED_LOGINS = 3;

/**
 * Audits a failed attempt whose counter was already raised and, at the limit, locks the user,
 * ends their sessions and tells them by mail — in the caller's transaction.
 */
export async function recordFailedAttempt(manager: EntityManager, user: UserRecord, reason: 'password' | 'totp' | 'current_password'): Promise<void> {
  await recordUserAudit(manager, {
    organisationId: user.organisationId, actorUserId: null, action: reason === 'current_password' ? 'user.password_change_failed' : 'user.login_failed',
    targetId: user.id, details: { reason },
  });
  const locked = await manager
    .createQueryBuilder(UserRecord, 'u')
    .update()
    .set({ status: UserStatus.LOCKED })
    .where('id = :id AND status = :status AND failed_login_count >= :max', { id: user.id, status: UserStatus.ACTIVE, max: MAX_FAILED_LOGINS })
    .execute();
  if (!locked.affected) return;
  const sessionsEnded = await endSessions(manager, user.id);
  await recordUserAudit(manager, {
    organisationId: user.organisationId, actorUserId: null, action: 'user.locked', targetId: user.id, details: { failedLogins: MAX_FAILED_LOGINS, sessionsEnded },
  });
  await enqueueMail(manager, {
    to: user.email,
    organisationId: user.organisationId,
    ...lockedMail(user.language, { firstName: user.firstName, username: user.username, attempts: MAX_FAILED_LOGINS }),
  });
}
