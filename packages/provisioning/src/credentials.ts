import type { EntityManager } from '@tenantry/database';
import { enqueueMail } from '@tenantry/mail';
import type { ActivationOptions } from './activation';
import { issueActivation } from './activation';
import { usernameMail } from './mails';

/** The user as issueActivation takes them (a users-module record, named through it: entities stay in their module). */
type CreatedUser = Parameters<typeof issueActivation>[1];

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
