import type { EntityManager } from '@tenantry/database';
import { enqueueMail } from '@tenantry/mail';
import type { ActivationOptions, ActivationRecipient } from './activation';
import { issueActivation } from './activation';
import { usernameMail } from './mails';

/** A user just created by somebody else: whom the activation link goes to, and the login they were given. */
type CreatedUser = ActivationRecipient & { username: string };

/**
 * The two mails of a user somebody else created (docs/product.md#users-and-seats): their username
 * and organisation, then the single-use activation link; no password is ever mailed. Both go to
 * the outbox in the caller's transaction. Returns the link's raw token.
 */
export async function mailCredentials(manager: EntityManager, user: CreatedUser, options: ActivationOptions): Promise<string> {
  await enqueueMail(manager, {
    to: options.sendTo ?? user.email,
    organisationId: user.organisationId,
    ...usernameMail(user.language, { firstName: user.firstName, organisation: options.organisationName, username: user.username }),
  });
  return issueActivation(manager, user, options);
}
