import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { requireUser } from '@tenantry/auth';
import { PASSWORD_RESET_TTL_MINUTES } from '@tenantry/config';
import { UsersContext } from '../context';
import { User } from '../user/user.type';

@Resolver()
export class PasswordResolver {
  @Mutation(() => Boolean, { description: `Mails a reset link (valid ${PASSWORD_RESET_TTL_MINUTES} minutes, single use) if such a user exists; always true.` })
  requestPasswordReset(
    @Arg('usernameOrEmail', { description: 'The username, or the email address of the user.' }) usernameOrEmail: string,
    @Ctx() { passwords }: UsersContext,
  ): Promise<boolean> {
    return passwords.requestReset(usernameOrEmail);
  }

  @Mutation(() => Boolean, { description: "Sets a new password from a reset link; also lifts a lockout and ends the user's sessions." })
  resetPassword(
    @Arg('token', { description: 'The token of the reset link (reset-password?token=…).' }) token: string,
    @Arg('password', { description: 'The new password: at least 8 characters, not a commonly used one.' }) password: string,
    @Ctx() { passwords, principalChanges }: UsersContext,
  ): Promise<boolean> {
    return passwords.reset(token, password, principalChanges);
  }

  @Mutation(() => Boolean, { description: "Changes the caller's password; their other sessions end." })
  changePassword(
    @Arg('currentPassword', { description: 'The password now; a wrong one counts toward the lockout like a wrong login.' }) currentPassword: string,
    @Arg('newPassword', { description: 'At least 8 characters, not a commonly used one.' }) newPassword: string,
    @Ctx() { passwords, principal, principalChanges }: UsersContext,
  ): Promise<boolean> {
    return passwords.change(requireUser(principal), currentPassword, newPassword, principalChanges);
  }

  @Mutation(() => User, {
    description:
      "Gives another user a password to hand over, where the account's onboarding policy lets administrators set passwords: the user becomes ACTIVE, " +
      'must change it at the next sign-in, and their sessions and mailed links end. For users without a mailbox who forgot theirs.',
  })
  setUserPassword(
    @Arg('userId', () => ID, { description: 'A user you may administer, not yourself.' }) userId: string,
    @Arg('password', { description: 'The password to hand over: at least 8 characters, not a commonly used one. Never mailed.' }) password: string,
    @Ctx() { passwords, principal, principalChanges }: UsersContext,
  ): Promise<User> {
    return passwords.setByAdministrator(requireUser(principal), userId, password, principalChanges);
  }
}
