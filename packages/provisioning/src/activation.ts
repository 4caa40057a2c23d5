import type { EntityManager } from '@tenantry/database';
import { UserTokenPurpose, issueUserToken } from '@tenantry/users-module';
import { DEFAULT_INVITATION_TTL_HOURS } from '@tenantry/config';
import { enqueueMail } from '@tenantry/mail';
import { graphqlError } from '@tenantry/auth';
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
  /** Null for a user created without one (docs/product.md#onboarding-policy): then only sendTo can receive the link. */
  email: string | null;
  language: string;
  firstName: string | null;
  lastName: string;
}

/** How mails greet a user: their first name, or their last name when they have none. */
export function greetingName(user: { firstName: string | null; lastName: string }): string {
  return user.firstName ?? user.lastName;
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
  const to = options.sendTo ?? user.email;
  if (!to) throw graphqlError('BAD_USER_INPUT', 'This user has no email address to send an activation link to.', { field: 'email' });
  const hours = options.ttlHours ?? DEFAULT_INVITATION_TTL_HOURS;
  const token = await issueUserToken(manager, user.id, UserTokenPurpose.ACTIVATION, hours * 3_600_000);
  const link = linkTo(options.publicUrl, 'activate', token);
  await enqueueMail(manager, {
    to,
    organisationId: user.organisationId,
    ...activationMail(user.language, { firstName: greetingName(user), organisation: options.organisationName, link, hours }),
  });
  return token;
}
