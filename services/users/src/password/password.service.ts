import { performance } from 'node:perf_hooks';
import type { RequestDatabase } from '@tenantry/database';
import { In } from '@tenantry/database';
import {
  UserRecord,
  UserStatus,
  UserTokenPurpose,
  checkUserToken,
  issueUserToken,
  recordAudit,
  redeemUserToken,
  revokeUserTokens,
  tokenRefusal,
} from '@tenantry/users-module';
import { findOnboardingPolicy, findOrganisationAccount } from '@tenantry/organisations-module';
import type { UserPrincipal } from '@tenantry/auth';
import { graphqlError, hashPassword, verifyPassword } from '@tenantry/auth';
import { enqueueMail } from '@tenantry/mail';
import { findAdministrableUser, greetingName, linkTo } from '@tenantry/provisioning';
import type { Lockout } from '../lockout/lockout';
import { passwordResetMail } from '../mail/user-mails';
import type { CredentialAttempts } from '../session/credential-attempt';
import { resultOf, verified, wrong } from '../session/credential-attempt';
import { endSessions } from '../session/session.revoke';
import type { UsersSettings } from '../settings';
import { ResponsePacer } from '../timing/response-pacer';
import { toUser } from '../user/user.mapper';
import type { User } from '../user/user.type';
import { checkPassword } from './password.policy';
import type { ChangedPrincipals } from '../principal/principal-changes';

/** Statuses that may reset their password: a LOCKED user can, and is unlocked by it (docs/product.md#activation-and-passwords). */
const RESETTABLE = [UserStatus.ACTIVE, UserStatus.LOCKED];

/** Statuses an administrator may give a new password: SUSPENDED and ARCHIVED users stay out until restored. */
const SETTABLE_BY_ADMINISTRATOR = [UserStatus.INVITED, UserStatus.ACTIVE, UserStatus.LOCKED];

const invalidResetLink = () => tokenRefusal(UserTokenPurpose.PASSWORD_RESET, 'unknown');

/** Password resets by mail and password changes. */
export class PasswordService {
  /** Requests for nobody last as long as requests that write a token, a mail and an audit event. */
  private readonly pacer = new ResponsePacer();

  constructor(
    private readonly database: RequestDatabase,
    private readonly settings: UsersSettings,
    private readonly attempts: CredentialAttempts,
    private readonly lockout: Lockout,
  ) {}

  /**
   * Mails a single-use reset link (≤ 1 h) to the user with this username (exact) or to every user
   * with this email. Always true, and as slow either way: nobody learns who exists.
   */
  async requestReset(usernameOrEmail: string): Promise<boolean> {
    const startedAt = performance.now();
    const wanted = usernameOrEmail.trim();
    if (!wanted || wanted.length > 254) return true;
    const now = this.settings.now();
    const minutes = this.settings.passwordResetTtlMinutes;
    const found = await this.database.transaction(async (manager) => {
      const users = (
        await manager
          .createQueryBuilder(UserRecord, 'u')
          .where('(u.username = :wanted OR LOWER(u.email) = :email) AND u.status IN (:...statuses)', {
            wanted,
            email: wanted.toLowerCase(),
            statuses: RESETTABLE,
          })
          .getMany()
      )
        // A user without email has no mailbox to send a link to: their administrator sets a new password.
        .filter((user): user is UserRecord & { email: string } => user.email !== null)
        .filter((user) => user.username === wanted || user.email.toLowerCase() === wanted.toLowerCase());
      for (const user of users) {
        const token = await issueUserToken(manager, user.id, UserTokenPurpose.PASSWORD_RESET, minutes * 60_000, now);
        await enqueueMail(manager, {
          to: user.email,
          organisationId: user.organisationId,
          ...passwordResetMail(user.language, {
            firstName: greetingName(user),
            username: user.username,
            link: linkTo(this.settings.publicUrl, 'reset-password', token),
            minutes,
          }),
        });
        await recordAudit(manager, { organisationId: user.organisationId, actorUserId: null, action: 'user.password_reset_requested', targetId: user.id });
      }
      return users.length > 0;
    });
    if (found) this.pacer.record(startedAt);
    else await this.pacer.pad(startedAt);
    return true;
  }

  /** Sets a new password from a reset link (single use); unlocks a locked user and ends their sessions. */
  async reset(token: string, password: string, principalChanges: ChangedPrincipals): Promise<boolean> {
    const now = this.settings.now();
    const checked = await checkUserToken(this.database.manager, UserTokenPurpose.PASSWORD_RESET, token, now);
    if (checked.outcome !== 'valid') throw tokenRefusal(UserTokenPurpose.PASSWORD_RESET, checked.outcome);
    const user = await this.database.manager.getRepository(UserRecord).findOneBy({ id: checked.userId, status: In(RESETTABLE) });
    if (!user) throw invalidResetLink();
    checkPassword(password, user);
    const passwordHash = await hashPassword(password);
    return this.database.transaction(async (manager) => {
      const redeemed = await redeemUserToken(manager, UserTokenPurpose.PASSWORD_RESET, token, now);
      if (redeemed.outcome !== 'valid') throw tokenRefusal(UserTokenPurpose.PASSWORD_RESET, redeemed.outcome);
      const updated = await manager.update(UserRecord, { id: user.id, status: In(RESETTABLE) }, { passwordHash, mustChangePassword: false, updatedAt: now });
      if (!updated.affected) throw invalidResetLink();
      const unlocked = await this.lockout.unlock(manager, user.id);
      await endSessions(manager, user.id, principalChanges);
      await recordAudit(manager, {
        organisationId: user.organisationId,
        actorUserId: user.id,
        action: 'user.password_reset',
        targetId: user.id,
        details: { unlocked },
      });
      return true;
    });
  }

  /**
   * Changes the caller's own password; their other sessions end, this one stays. The current
   * password is checked like a login's: guesses through a stolen session count toward the lockout,
   * and parallel ones never test more than MAX_FAILED_LOGINS passwords.
   */
  async change(principal: UserPrincipal, currentPassword: string, newPassword: string, principalChanges: ChangedPrincipals): Promise<boolean> {
    const user = await this.database.manager.getRepository(UserRecord).findOneBy({ id: principal.userId });
    if (!user) throw graphqlError('UNAUTHENTICATED', 'Your session has ended; sign in again.');
    checkPassword(newPassword, user);
    // Else a password an administrator set could be "changed" into itself (docs/product.md#onboarding-policy).
    if (user.mustChangePassword && newPassword === currentPassword)
      throw graphqlError('BAD_USER_INPUT', 'The new password must differ from the current one.', { field: 'newPassword' });
    return resultOf(
      await this.attempts.check(user.id, {
        purpose: 'change_password',
        principalChanges,
        verify: async (current) =>
          (await verifyPassword(current.passwordHash, currentPassword)) ? verified(await hashPassword(newPassword)) : wrong('password'),
        succeed: async (manager, current, passwordHash) => {
          await manager.update(UserRecord, { id: current.id }, { passwordHash, mustChangePassword: false, updatedAt: this.settings.now() });
          const ended = await endSessions(manager, current.id, principalChanges, principal.sessionId);
          await recordAudit(manager, {
            organisationId: current.organisationId,
            actorUserId: current.id,
            action: 'user.password_changed',
            targetId: current.id,
            details: { sessionsEnded: ended },
          });
          return true;
        },
      }),
    );
  }

  /**
   * An administrator gives a user a new password to hand over (docs/product.md#onboarding-policy): only where the
   * account's policy lets administrators set passwords, never on oneself. The user becomes ACTIVE (an invited one is
   * activated, a locked one unlocked), must change it at the next sign-in, and every session and mailed link ends.
   */
  async setByAdministrator(principal: UserPrincipal, userId: string, password: string, principalChanges: ChangedPrincipals): Promise<User> {
    if (userId === principal.userId) throw graphqlError('BAD_USER_INPUT', 'Change your own password with changePassword.', { field: 'userId' });
    return this.database.transaction(async (manager) => {
      const user = await findAdministrableUser(manager, principal, userId);
      const account = await findOrganisationAccount(manager, user.organisationId);
      if (!account || !(await findOnboardingPolicy(manager, account.accountId)).initialPasswords) {
        throw graphqlError('BAD_USER_INPUT', "This account's onboarding policy does not let administrators set passwords.", { field: 'password' });
      }
      if (!SETTABLE_BY_ADMINISTRATOR.includes(user.status)) {
        throw graphqlError('BAD_USER_INPUT', `A ${user.status} user gets no new password; restore their access first.`, { field: 'userId' });
      }
      checkPassword(password, user);
      const now = this.settings.now();
      const changes = { passwordHash: await hashPassword(password), mustChangePassword: true, status: UserStatus.ACTIVE, failedLoginCount: 0, updatedAt: now };
      await manager.update(UserRecord, { id: user.id }, changes);
      for (const purpose of [UserTokenPurpose.ACTIVATION, UserTokenPurpose.PASSWORD_RESET]) await revokeUserTokens(manager, user.id, purpose, now);
      const sessionsEnded = await endSessions(manager, user.id, principalChanges);
      await recordAudit(manager, {
        organisationId: user.organisationId,
        actorUserId: principal.userId,
        action: 'user.password_set',
        targetId: user.id,
        details: { from: user.status, sessionsEnded },
      });
      return toUser({ ...user, ...changes });
    });
  }
}
