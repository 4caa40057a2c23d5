import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, withTransaction } from '@tenantry/database';
import { InvitationRecord, InvitationStatus, UserRecord, UserStatus, UserTokenPurpose, UserTokenRecord } from '@tenantry/users-module';
import { graphqlError, hashPassword, hashToken, UserPrincipal } from '@tenantry/auth';
import { findAdministrableUser } from '@tenantry/provisioning';
import { recordUserAudit } from '../audit/audit.record';
import { checkPassword } from '../password/password.policy';
import { SessionService } from '../session/session.service';
import { AuthPayload } from '../session/session.type';
import { UsersSettings } from '../settings';
import { mailFreshActivationLink } from './activation.link';

/** One answer for unknown, used and revoked links: nobody learns which of them it was. */
export const invalidLink = () => graphqlError('BAD_USER_INPUT', 'This link is not valid or was already used.');
const expiredLink = () => graphqlError('INVITATION_EXPIRED', 'This link has expired; ask an administrator for a new one.');

type Redemption =
  | { kind: 'invitation'; record: InvitationRecord }
  | { kind: 'activation'; record: UserTokenRecord };

/** Accepting invitation and activation links, and sending them again. */
export class ActivationService {
  constructor(private readonly dataSource: DataSource, private readonly settings: UsersSettings, private readonly sessions: SessionService) {}

  /**
   * Redeems an invitation or activation link (single use): sets the password, makes the user ACTIVE
   * and signs them in. An expired link answers INVITATION_EXPIRED; the password is checked before
   * the link is spent, so a rejected password leaves the link usable.
   */
  async activate(token: string, password: string): Promise<AuthPayload> {
    const now = this.settings.now();
    const tokenHash = hashToken(token);
    const redemption = await this.findRedemption(tokenHash);
    if (!redemption) throw invalidLink();
    if (redemption.kind === 'invitation') {
      const { record } = redemption;
      if (record.status === InvitationStatus.EXPIRED) throw expiredLink();
      if (record.status !== InvitationStatus.PENDING) throw invalidLink();
      if (record.expiresAt.getTime() <= now.getTime()) {
        await withTransaction(this.dataSource, (manager) =>
          manager.update(InvitationRecord, { id: record.id, status: InvitationStatus.PENDING }, { status: InvitationStatus.EXPIRED, updatedAt: now }));
        throw expiredLink();
      }
    } else {
      if (redemption.record.usedAt) throw invalidLink();
      if (redemption.record.expiresAt.getTime() <= now.getTime()) throw expiredLink();
    }
    // An invitation whose user was deleted has no user left to activate (and a null id must never reach a lookup).
    const userId = redemption.record.userId;
    if (!userId) throw invalidLink();
    const user = await this.dataSource.getRepository(UserRecord).findOneBy({ id: userId, status: UserStatus.INVITED });
    if (!user) throw invalidLink();
    checkPassword(password, user);
    const passwordHash = await hashPassword(password);
    return withTransaction(this.dataSource, async (manager) => {
      // Conditional updates spend the link: of two racing redemptions exactly one wins.
      const spent = redemption.kind === 'invitation'
        ? await manager.update(InvitationRecord, { id: redemption.record.id, tokenHash, status: InvitationStatus.PENDING }, { status: InvitationStatus.ACCEPTED, updatedAt: now })
        : await manager.update(UserTokenRecord, { id: redemption.record.id, usedAt: IsNull() }, { usedAt: now });
      if (!spent.affected) throw invalidLink();
      const activated = await manager.update(
        UserRecord,
        { id: user.id, status: UserStatus.INVITED },
        { status: UserStatus.ACTIVE, passwordHash, failedLoginCount: 0, updatedAt: now },
      );
      if (!activated.affected) throw invalidLink();
      await manager.update(UserTokenRecord, { userId: user.id, purpose: UserTokenPurpose.ACTIVATION, usedAt: IsNull() }, { usedAt: now });
      await recordUserAudit(manager, {
        organisationId: user.organisationId,
        actorUserId: user.id,
        action: redemption.kind === 'invitation' ? 'invitation.accepted' : 'user.activated',
        targetId: user.id,
        details: { username: user.username },
      });
      const sessionUser = { ...user, status: UserStatus.ACTIVE, passwordHash, failedLoginCount: 0 };
      return this.sessions.openSession(manager, sessionUser, randomUUID(), user.organisationId);
    });
  }

  private async findRedemption(tokenHash: string): Promise<Redemption | null> {
    const invitation = await this.dataSource.getRepository(InvitationRecord).findOneBy({ tokenHash });
    if (invitation) return { kind: 'invitation', record: invitation };
    const token = await this.dataSource.getRepository(UserTokenRecord).findOneBy({ tokenHash, purpose: UserTokenPurpose.ACTIVATION });
    return token ? { kind: 'activation', record: token } : null;
  }

  /**
   * Sends a fresh link to a user still INVITED (docs/product.md#activation-and-passwords), to their `email`: a renewed invitation when
   * they were invited, else a new activation link. Either way the previous link stops working at once.
   */
  async resend(principal: UserPrincipal, userId: string): Promise<boolean> {
    return withTransaction(this.dataSource, async (manager) => {
      const user = await findAdministrableUser(manager, principal, userId);
      if (user.status !== UserStatus.INVITED) throw graphqlError('BAD_USER_INPUT', 'The user has already activated their account.');
      await mailFreshActivationLink(manager, user, this.settings);
      await recordUserAudit(manager, {
        organisationId: user.organisationId, actorUserId: principal.userId, action: 'user.activation_resent', targetId: user.id,
      });
      return true;
    });
  }
}
