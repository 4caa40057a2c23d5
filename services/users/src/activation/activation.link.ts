import type { EntityManager } from '@tenantry/database';
import { organisationById } from '@tenantry/organisations-module';
import type { UserRecord } from '@tenantry/users-module';
import { InvitationRecord, InvitationStatus, UserTokenPurpose, revokeUserTokens } from '@tenantry/users-module';
import { issueActivation, linkTo, greetingName } from '@tenantry/provisioning';
import { enqueueMail } from '@tenantry/mail';
import { renewInvitationToken } from '../invitation/invitation.token';
import { invitationMail } from '../mail/user-mails';
import type { UsersSettings } from '../settings';

/**
 * Mails a user still INVITED a fresh link, in the caller's transaction: a renewed invitation when
 * they were invited, else a new activation link. Every earlier link of either kind dies. The link
 * goes to the user's `email` and nowhere else (the invitation's copy of the address follows it):
 * for somebody who never activated, redeeming the link is what proves the address is theirs.
 */
export async function mailFreshActivationLink(manager: EntityManager, user: UserRecord, settings: UsersSettings): Promise<void> {
  const now = settings.now();
  const hours = settings.invitationTtlHours;
  const organisation = await organisationById(manager, user.organisationId);
  const invitation = await manager.findOneBy(InvitationRecord, { userId: user.id });
  // Invited users always have an address (inviteUser requires one); a user created without one has no invitation.
  if (invitation && user.email && invitation.status !== InvitationStatus.ACCEPTED) {
    await revokeUserTokens(manager, user.id, UserTokenPurpose.ACTIVATION, now);
    const token = await renewInvitationToken(manager, invitation, now, hours);
    if (invitation.email !== user.email) await manager.update(InvitationRecord, { id: invitation.id }, { email: user.email });
    await enqueueMail(manager, {
      to: user.email,
      organisationId: user.organisationId,
      ...invitationMail(invitation.language, {
        firstName: greetingName(user),
        organisation: organisation.name,
        link: linkTo(settings.publicUrl, 'activate', token),
        hours,
      }),
    });
  } else {
    await issueActivation(manager, user, { publicUrl: settings.publicUrl, organisationName: organisation.name, ttlHours: hours });
  }
}
