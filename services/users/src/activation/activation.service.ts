import { randomUUID } from 'node:crypto';
import type { RequestDatabase } from '@tenantry/database';
import {
  InvitationRecord,
  InvitationStatus,
  UserRecord,
  UserStatus,
  UserTokenPurpose,
  checkUserToken,
  recordAudit,
  redeemUserToken,
  revokeUserTokens,
  tokenRefusal,
} from '@tenantry/users-module';
import type { UserPrincipal } from '@tenantry/auth';
import { graphqlError, hashPassword, hashToken } from '@tenantry/auth';
import type { TokenRefusal } from '@tenantry/users-module';
import { findAdministrableUser } from '@tenantry/provisioning';
import type { Lockout } from '../lockout/lockout';
import { checkPassword } from '../password/password.policy';
import type { SessionService } from '../session/session.service';
import type { AuthPayload } from '../session/session.type';
import type { UsersSettings } from '../settings';
import { mailFreshActivationLink } from './activation.link';

const refused = (refusal: TokenRefusal) => tokenRefusal(UserTokenPurpose.ACTIVATION, refusal);

/** One answer for unknown, used and revoked links: nobody learns which of them it was. */
export const invalidLink = () => refused('unknown');

type Redemption = { kind: 'invitation'; record: InvitationRecord } | { kind: 'activation'; userId: string };

/** Accepting invitation and activation links, and sending them again. */
export class ActivationService {
  constructor(
    private readonly database: RequestDatabase,
    private readonly settings: UsersSettings,
    private readonly sessions: SessionService,
    private readonly lockout: Lockout,
  ) {}

  /**
   * Redeems an invitation or activation link (single use): sets the password, makes the user ACTIVE
   * and signs them in. An expired link answers INVITATION_EXPIRED; the password is checked before
   * the link is spent, so a rejected password leaves the link usable.
   */
  async activate(token: string, password: string): Promise<AuthPayload> {
    const now = this.settings.now();
    const tokenHash = hashToken(token);
    const redemption = await this.findRedemption(token, tokenHash, now);
    if (redemption.kind === 'invitation') {
      const { record } = redemption;
      if (record.status === InvitationStatus.EXPIRED) throw refused('expired');
      if (record.status !== InvitationStatus.PENDING) throw invalidLink();
      if (record.expiresAt.getTime() <= now.getTime()) {
        await this.database.autocommit((manager) =>
          manager.update(InvitationRecord, { id: record.id, status: InvitationStatus.PENDING }, { status: InvitationStatus.EXPIRED, updatedAt: now }),
        );
        throw refused('expired');
      }
    }
    // An invitation whose user was deleted has no user left to activate (and a null id must never reach a lookup).
    const userId = redemption.kind === 'invitation' ? redemption.record.userId : redemption.userId;
    if (!userId) throw invalidLink();
    const user = await this.database.manager.getRepository(UserRecord).findOneBy({ id: userId, status: UserStatus.INVITED });
    if (!user) throw invalidLink();
    checkPassword(password, user);
    const passwordHash = await hashPassword(password);
    return this.database.transaction(async (manager) => {
      // Conditional updates spend the link: of two racing redemptions exactly one wins.
      if (redemption.kind === 'invitation') {
        const accepted = await manager.update(
          InvitationRecord,
          { id: redemption.record.id, tokenHash, status: InvitationStatus.PENDING },
          { status: InvitationStatus.ACCEPTED, updatedAt: now },
        );
        if (!accepted.affected) throw invalidLink();
      } else {
        const redeemed = await redeemUserToken(manager, UserTokenPurpose.ACTIVATION, token, now);
        if (redeemed.outcome !== 'valid') throw refused(redeemed.outcome);
      }
      const activated = await manager.update(
        UserRecord,
        { id: user.id, status: UserStatus.INVITED },
        { status: UserStatus.ACTIVE, passwordHash, updatedAt: now },
      );
      if (!activated.affected) throw invalidLink();
      await this.lockout.forgive(manager, user.id);
      await revokeUserTokens(manager, user.id, UserTokenPurpose.ACTIVATION, now);
      await recordAudit(manager, {
        organisationId: user.organisationId,
        actorUserId: user.id,
        action: redemption.kind === 'invitation' ? 'invitation.accepted' : 'user.activated',
        targetId: user.id,
        details: { username: user.username },
      });
      const sessionUser = { ...user, status: UserStatus.ACTIVE, passwordHash };
      return this.sessions.openSession(manager, sessionUser, randomUUID(), user.organisationId);
    });
  }

  /** The invitation or the valid activation token the link stands for; refuses any other link. */
  private async findRedemption(token: string, tokenHash: string, now: Date): Promise<Redemption> {
    const invitation = await this.database.manager.getRepository(InvitationRecord).findOneBy({ tokenHash });
    if (invitation) return { kind: 'invitation', record: invitation };
    const checked = await checkUserToken(this.database.manager, UserTokenPurpose.ACTIVATION, token, now);
    if (checked.outcome !== 'valid') throw refused(checked.outcome);
    return { kind: 'activation', userId: checked.userId };
  }

  /**
   * Sends a fresh link to a user still INVITED (docs/product.md#activation-and-passwords), to their `email`: a renewed invitation when
   * they were invited, else a new activation link. Either way the previous link stops working at once.
   */
  async resend(principal: UserPrincipal, userId: string): Promise<boolean> {
    return this.database.transaction(async (manager) => {
      const user = await findAdministrableUser(manager, principal, userId);
      if (user.status !== UserStatus.INVITED) throw graphqlError('BAD_USER_INPUT', 'The user has already activated their account.');
      await mailFreshActivationLink(manager, user, this.settings);
      await recordAudit(manager, {
        organisationId: user.organisationId,
        actorUserId: principal.userId,
        action: 'user.activation_resent',
        targetId: user.id,
      });
      return true;
    });
  }
}
