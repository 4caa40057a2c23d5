import type { RequestDatabase } from '@tenantry/database';
import { UserRecord, recordAudit } from '@tenantry/users-module';
import type { UserPrincipal } from '@tenantry/auth';
import { graphqlError, verifyPassword } from '@tenantry/auth';
import { findAdministrableUser } from '@tenantry/provisioning';
import type { CredentialAttempts } from '../session/credential-attempt';
import { resultOf, totpVerdict, verified, wrong } from '../session/credential-attempt';
import { endSessions } from '../session/session.revoke';
import type { UsersSettings } from '../settings';
import { toUser } from '../user/user.mapper';
import type { User } from '../user/user.type';
import { TotpSetup } from './totp.type';
import { generateTotpSecret, totpUri } from './totp.verify';
import type { ChangedPrincipals } from '../principal/principal-changes';

const changedMeanwhile = () => graphqlError('BAD_USER_INPUT', 'Two-factor authentication changed meanwhile; look again and retry.');

/**
 * Two-factor authentication (docs/product.md#sign-in-lockout-and-two-factor): enable (with the current password) → confirm (with a code) →
 * required at login; disable with password and code; an administrator resets it. Every password
 * and code goes through CredentialAttempts: wrong ones count toward the lockout, a code works once.
 */
export class TotpService {
  constructor(
    private readonly database: RequestDatabase,
    private readonly settings: UsersSettings,
    private readonly attempts: CredentialAttempts,
  ) {}

  /** Starts the setup with a new secret, or replaces one not yet confirmed; login needs no code until confirmTotp. */
  async enable(principal: UserPrincipal, currentPassword: string, principalChanges: ChangedPrincipals): Promise<TotpSetup> {
    return resultOf(
      await this.attempts.check(principal.userId, {
        purpose: 'enable_totp',
        principalChanges,
        verify: async (user) => {
          if (user.totpEnabled) throw graphqlError('BAD_USER_INPUT', 'Two-factor authentication is already on; disable it first.');
          return (await verifyPassword(user.passwordHash, currentPassword)) ? verified(undefined) : wrong('password');
        },
        succeed: async (manager, user) => {
          const secret = generateTotpSecret();
          const set = await manager.update(
            UserRecord,
            { id: user.id, totpEnabled: false },
            { totpSecret: secret, totpLastUsedStep: null, updatedAt: this.settings.now() },
          );
          if (!set.affected) throw changedMeanwhile();
          await recordAudit(manager, {
            organisationId: user.organisationId,
            actorUserId: user.id,
            action: 'user.totp_setup_started',
            targetId: user.id,
            details: { replaced: user.totpSecret !== null },
          });
          return Object.assign(new TotpSetup(), { secret, uri: totpUri(user.username, secret) });
        },
      }),
    );
  }

  /** Turns two-factor on once the app shows a right code (that code is then spent). */
  async confirm(principal: UserPrincipal, code: string, principalChanges: ChangedPrincipals): Promise<boolean> {
    return resultOf(
      await this.attempts.check(principal.userId, {
        purpose: 'confirm_totp',
        principalChanges,
        verify: async (user) => {
          if (user.totpEnabled) throw graphqlError('BAD_USER_INPUT', 'Two-factor authentication is already on.');
          if (!user.totpSecret) throw graphqlError('BAD_USER_INPUT', 'Call enableTotp first.');
          return totpVerdict(user, code, this.settings.now(), user.totpSecret);
        },
        succeed: async (manager, user, secret) => {
          // Only the secret the code was checked against, not one a parallel enableTotp just set.
          const on = await manager.update(
            UserRecord,
            { id: user.id, totpSecret: secret, totpEnabled: false },
            { totpEnabled: true, updatedAt: this.settings.now() },
          );
          if (!on.affected) throw changedMeanwhile();
          await recordAudit(manager, { organisationId: user.organisationId, actorUserId: user.id, action: 'user.totp_enabled', targetId: user.id });
          return true;
        },
      }),
    );
  }

  /** Turns two-factor off; needs the current password and a fresh code, so a stolen session alone cannot. */
  async disable(principal: UserPrincipal, currentPassword: string, code: string, principalChanges: ChangedPrincipals): Promise<boolean> {
    return resultOf(
      await this.attempts.check(principal.userId, {
        purpose: 'disable_totp',
        principalChanges,
        verify: async (user) => {
          if (!user.totpEnabled || !user.totpSecret) throw graphqlError('BAD_USER_INPUT', 'Two-factor authentication is not on.');
          if (!(await verifyPassword(user.passwordHash, currentPassword))) return wrong('password');
          return totpVerdict(user, code, this.settings.now(), user.totpSecret);
        },
        succeed: async (manager, user, secret) => {
          const off = await manager.update(
            UserRecord,
            { id: user.id, totpSecret: secret, totpEnabled: true },
            { totpEnabled: false, totpSecret: null, totpLastUsedStep: null, updatedAt: this.settings.now() },
          );
          if (!off.affected) throw changedMeanwhile();
          await recordAudit(manager, { organisationId: user.organisationId, actorUserId: user.id, action: 'user.totp_disabled', targetId: user.id });
          return true;
        },
      }),
    );
  }

  /**
   * An administrator removes another user's second factor (lost device): the user signs in with
   * the password alone and sets it up again. Their sessions end, so whoever holds one signs in anew.
   */
  async reset(principal: UserPrincipal, userId: string, principalChanges: ChangedPrincipals): Promise<User> {
    return this.database.transaction(async (manager) => {
      const user = await findAdministrableUser(manager, principal, userId);
      if (user.id === principal.userId) throw graphqlError('BAD_USER_INPUT', 'Turn off your own two-factor authentication with disableTotp.');
      if (!user.totpEnabled && !user.totpSecret) throw graphqlError('BAD_USER_INPUT', 'This user has no two-factor authentication to reset.');
      const changes = { totpEnabled: false, totpSecret: null, totpLastUsedStep: null, updatedAt: this.settings.now() };
      await manager.update(UserRecord, { id: user.id }, changes);
      const sessionsEnded = await endSessions(manager, user.id, principalChanges);
      await recordAudit(manager, {
        organisationId: user.organisationId,
        actorUserId: principal.userId,
        action: 'user.totp_reset',
        targetId: user.id,
        details: { wasEnabled: user.totpEnabled, sessionsEnded },
      });
      return toUser({ ...user, ...changes });
    });
  }
}
