import type { EntityManager } from '@tenantry/database';
import { UserTokenPurpose, issueUserToken } from '@tenantry/users-module';
import { DEFAULT_INVITATION_TTL_HOURS } from '@tenantry/config';
import { enqueueMail } from '@tenantry/mail';
import { activationMail } from './mails';

/** A page of the web app that takes a single-use token from a mailed link. */
export type TokenLinkPath = 'activate' | 'reset-password' | 'confirm-email';

/** A link of the web app that carries a single-use token, e.g. /activate?token=…. */
export function linkTo(publicUrl: string, path: TokenLinkPath, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/${path}?token=${encodeURIComponent(token)}`;
}

/** What the activation mail needs to know of its user. */
export interface ActivationRecipient {
  id: string;
  organisationId: string;
  email: string;
  language: string;
  firstName: string;
}

export interface ActivationOptions {
  /** Base URL the link points to, e.g. https://app.example.com. */
  publicUrl: string;
  organisationName: string;
  /** Where the mail goes; default the user's own address (createUser's sendMailsTo may name another). */
  sendTo?: string;
  /** Default DEFAULT_INVITATION_TTL_HOURS (env INVITATION_TTL_HOURS). */
  ttlHours?: number;
}

/**
 * Issues a fresh single-use activation token for an INVITED user (earlier links die) and puts the
 * activation mail in the outbox, all in the caller's transaction. Returns the raw token, which is
 * stored nowhere but in the mail.
 */
export async function issueActivation(manager: EntityManager, user: ActivationRecipient, options: ActivationOptions): Promise<string> {
  const hours = options.ttlHours ?? DEFAULT_INVITATION_TTL_HOURS;
  const token = await issueUserToken(manager, user.id, UserTokenPurpose.ACTIVATION, hours * 3_600_000);
  const link = linkTo(options.publicUrl, 'activate', token);
  await enqueueMail(manager, {
    to: options.sendTo ?? user.email,
    organisationId: user.organisationId,
    ...activationMail(user.language, { firstName: user.firstName, organisation: options.organisationName, link, hours }),
  });
  return token;
}
