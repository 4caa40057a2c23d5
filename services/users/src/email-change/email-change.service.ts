import type { EntityManager, RequestDatabase } from '@tenantry/database';
import {
  UserRecord,
  UserStatus,
  UserTokenPurpose,
  checkUserToken,
  issueUserToken,
  recordAudit,
  redeemUserToken,
  replaceUserSearchTerms,
  revokeUserTokens,
  tokenRefusal,
} from '@tenantry/users-module';
import { EMAIL_CHANGE_TTL_HOURS } from '@tenantry/config';
import { enqueueMail } from '@tenantry/mail';
import { greetingName, linkTo } from '@tenantry/provisioning';
import { mailFreshActivationLink } from '../activation/activation.link';
import { emailChangeConfirmationMail, emailChangeRequestedMail } from '../mail/user-mails';
import type { UsersSettings } from '../settings';

/** A confirmation link that no longer matches the user's pending change answers like an unknown one. */
const invalidConfirmationLink = () => tokenRefusal(UserTokenPurpose.EMAIL_CHANGE, 'unknown');

/** The user columns an email change writes, for the caller's single update of the user. */
export type EmailColumns = Partial<Pick<UserRecord, 'email' | 'pendingEmail'>>;

/**
 * The email part of `updateUser`, in the caller's transaction, for a user the caller may administer
 * (or themself). Links to reset a password go to `email`, so `email` only ever holds an address the
 * user proved to read:
 * - An activated user's new address waits in `pendingEmail` until it is confirmed from a single-use
 *   link mailed there; the current address is told a change was asked for (without the link). A
 *   newer request replaces the pending one and kills its link. Asking for the current address
 *   withdraws a pending change.
 * - An INVITED user has proved no address yet: the first link they redeem is the proof. Their
 *   address changes at once, every earlier invitation or activation link dies, and a fresh one goes
 *   to the new address only; the old address gets nothing (it was never confirmed and is often a typo).
 */
export async function changeEmail(
  manager: EntityManager,
  user: UserRecord,
  newEmail: string,
  options: { actorUserId: string; settings: UsersSettings },
): Promise<EmailColumns> {
  const { actorUserId, settings } = options;
  const now = settings.now();
  const audit = (action: string, details: Record<string, unknown>) =>
    recordAudit(manager, { organisationId: user.organisationId, actorUserId, action, targetId: user.id, details });
  const killConfirmationLinks = () => revokeUserTokens(manager, user.id, UserTokenPurpose.EMAIL_CHANGE, now);

  if (newEmail === user.email) {
    if (!user.pendingEmail) return {};
    await killConfirmationLinks();
    await audit('user.email_change_withdrawn', { pendingEmail: user.pendingEmail });
    return { pendingEmail: null };
  }
  if (user.status === UserStatus.INVITED) {
    await killConfirmationLinks();
    await mailFreshActivationLink(manager, { ...user, email: newEmail, pendingEmail: null }, settings);
    await audit('user.email_changed', { from: user.email, to: newEmail, confirmedBy: 'activation' });
    return { email: newEmail, pendingEmail: null };
  }
  // Issuing kills the earlier confirmation links too.
  const token = await issueUserToken(manager, user.id, UserTokenPurpose.EMAIL_CHANGE, EMAIL_CHANGE_TTL_HOURS * 3_600_000, now);
  const names = { firstName: greetingName(user), username: user.username };
  await enqueueMail(manager, {
    to: newEmail,
    organisationId: user.organisationId,
    ...emailChangeConfirmationMail(user.language, { ...names, link: linkTo(settings.publicUrl, 'confirm-email', token), hours: EMAIL_CHANGE_TTL_HOURS }),
  });
  // A user without a confirmed address has nobody to tell.
  if (user.email) await enqueueMail(manager, { to: user.email, organisationId: user.organisationId, ...emailChangeRequestedMail(user.language, names) });
  await audit('user.email_change_requested', { from: user.email, to: newEmail });
  return { pendingEmail: newEmail };
}

/** Confirming a pending email change from the link mailed to the new address (anonymous: the link is the credential). */
export class EmailChangeService {
  constructor(
    private readonly database: RequestDatabase,
    private readonly settings: UsersSettings,
  ) {}

  /**
   * Makes the pending address the user's email (single use). Reset links still open for the
   * previous address die with the change: that mailbox no longer speaks for the user.
   */
  async confirm(token: string): Promise<boolean> {
    const now = this.settings.now();
    const checked = await checkUserToken(this.database.manager, UserTokenPurpose.EMAIL_CHANGE, token, now);
    if (checked.outcome !== 'valid') throw tokenRefusal(UserTokenPurpose.EMAIL_CHANGE, checked.outcome);
    const user = await this.database.manager.getRepository(UserRecord).findOneBy({ id: checked.userId });
    if (!user?.pendingEmail) throw invalidConfirmationLink();
    const { pendingEmail } = user;
    return this.database.transaction(async (manager) => {
      // What was read above may be stale: the conditional writes decide. Of two racing confirmations,
      // or a confirmation racing a newer request (which spends this link), exactly one wins.
      const redeemed = await redeemUserToken(manager, UserTokenPurpose.EMAIL_CHANGE, token, now);
      if (redeemed.outcome !== 'valid') throw tokenRefusal(UserTokenPurpose.EMAIL_CHANGE, redeemed.outcome);
      const switched = await manager.update(
        UserRecord,
        { id: user.id, email: user.email, pendingEmail },
        { email: pendingEmail, pendingEmail: null, updatedAt: now },
      );
      if (!switched.affected) throw invalidConfirmationLink();
      await replaceUserSearchTerms(manager, user.id);
      await revokeUserTokens(manager, user.id, UserTokenPurpose.PASSWORD_RESET, now);
      await recordAudit(manager, {
        organisationId: user.organisationId,
        actorUserId: null,
        action: 'user.email_change_confirmed',
        targetId: user.id,
        details: { from: user.email, to: pendingEmail },
      });
      return true;
    });
  }
}
