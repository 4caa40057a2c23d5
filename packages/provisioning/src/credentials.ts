import type { EntityManager } from '@tenantry/database';
import { enqueueMail } from '@tenantry/mail';
import { graphqlError } from '@tenantry/auth';
import type { ActivationOptions, ActivationRecipient } from './activation';
import { greetingName, issueActivation } from './activation';
import { usernameMail } from './mails';

/** A user just created by somebody else: whom the activation link goes to, and the login they were given. */
type CreatedUser = ActivationRecipient & { username: string };

/**
 * The two mails of a user somebody else created (docs/product.md#users-and-seats): their username
 * and organisation, then the single-use activation link; no password is ever mailed. Both go to
 * the outbox in the caller's transaction. Returns the link's raw token.
 */
export async function mailCredentials(manager: EntityManager, user: CreatedUser, options: ActivationOptions): Promise<string> {
  const to = options.sendTo ?? user.email;
  if (!to) throw graphqlError('BAD_USER_INPUT', 'This user has no email address to send their credentials to.', { field: 'email' });
  await enqueueMail(manager, {
    to,
    organisationId: user.organisationId,
    ...usernameMail(user.language, { firstName: greetingName(user), organisation: options.organisationName, username: user.username }),
  });
  return issueActivation(manager, user, options);
}
