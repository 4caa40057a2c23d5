import { EntityManager } from '@tenantry/database';
import { UserRecord, UserStatus } from '@tenantry/users-module';
import { enqueueMail } from '@tenantry/mail';
import { recordUserAudit } from '../audit/audit.record';
import { lockedMail } from '../mail/user-mails';
import { endSessions } from './session.revoke';

/** Consecutive failures that lock a user until an administrator unlocks them (docs/product.md#sign-in-lockout-and-two-factor). */
export const MAX_FAILED_LOGINS = 3;

/** What a credential was checked for; names the audit event of a failure. */
export type CredentialPurpose = 'login' | 'change_password' | 'enable_totp' | 'confirm_totp' | 'disable_totp';

/** Which secret was wrong: a wrong one counts toward the lockout. */
export type WrongCredential = 'password' | 'totp' | 'totp_replayed';

/** Why no secret was tested at all: the user's status, or attempts in flight that did not settle in time. */
export type RefusalReason = UserStatus | 'busy';

const FAILED_ACTION: Record<CredentialPurpose, string> = {
  login: 'user.login_failed',
  change_password: 'user.password_change_failed',
  enable_totp: 'user.totp_check_failed',
  confirm_totp: 'user.totp_check_failed',
  disable_totp: 'user.totp_check_failed',
};

/** Audits a wrong credential (its attempt was already counted when it was reserved), in the caller's transaction. */
export function auditWrongCredential(manager: EntityManager, user: UserRecord, purpose: CredentialPurpose, reason: WrongCredential): Promise<void> {
  return recordUserAudit(manager, {
    organisationId: user.organisationId, actorUserId: null, action: FAILED_ACTION[purpose], targetId: user.id, details: { purpose, reason, counted: true },
  });
}

/** Audits an attempt refused before any secret was tested (locked, suspended, archived, …); it does not count. */
export function auditRefusedAttempt(manager: EntityManager, user: UserRecord, purpose: CredentialPurpose, reason: RefusalReason): Promise<void> {
  return recordUserAudit(manager, {
    organisationId: user.organisationId, actorUserId: null, action: FAILED_ACTION[purpose], targetId: user.id,
    details: { purpose, reason: reason.toLowerCase(), counted: false },
  });
}

/**
 * Locks an ACTIVE user whose counter reached the limit, ends their sessions and tells them by
 * mail — in the caller's transaction. Answers whether it locked.
 */
export async function lockIfAtLimit(manager: EntityManager, user: UserRecord): Promise<boolean> {
  const locked = await manager
    .createQueryBuilder(UserRecord, 'u')
    .update()
    .set({ status: UserStatus.LOCKED })
    .where('id = :id AND status = :status AND failed_login_count >= :max', { id: user.id, status: UserStatus.ACTIVE, max: MAX_FAILED_LOGINS })
    .execute();
  if (!locked.affected) return false;
  const sessionsEnded = await endSessions(manager, user.id);
  await recordUserAudit(manager, {
    organisationId: user.organisationId, actorUserId: null, action: 'user.locked', targetId: user.id, details: { failedLogins: MAX_FAILED_LOGINS, sessionsEnded },
  });
  await enqueueMail(manager, {
    to: user.email,
    organisationId: user.organisationId,
    ...lockedMail(user.language, { firstName: user.firstName, username: user.username, attempts: MAX_FAILED_LOGINS }),
  });
  return true;
}
