import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { requireUser } from '@tenantry/auth';
import { UsersContext } from '../context';
import { User } from '../user/user.type';
import { TotpSetup } from './totp.type';

const CURRENT_PASSWORD = {
  description: "The caller's current password; a wrong one counts toward the lockout like a wrong login.",
} as const;

@Resolver()
export class TotpResolver {
  @Mutation(() => TotpSetup, {
    description: 'Starts two-factor setup, or replaces a setup not yet confirmed: a secret and otpauth URI for an authenticator app.',
  })
  enableTotp(
    @Arg('currentPassword', CURRENT_PASSWORD) currentPassword: string,
    @Ctx() { totp, principal, principalChanges }: UsersContext,
  ): Promise<TotpSetup> {
    return totp.enable(requireUser(principal), currentPassword, principalChanges);
  }

  @Mutation(() => Boolean, { description: 'Turns two-factor on with a code from the app; from then on login needs a code. Each code works once.' })
  confirmTotp(
    @Arg('code', { description: 'The 6-digit code the authenticator app shows now; a wrong one counts toward the lockout.' }) code: string,
    @Ctx() { totp, principal, principalChanges }: UsersContext,
  ): Promise<boolean> {
    return totp.confirm(requireUser(principal), code, principalChanges);
  }

  @Mutation(() => Boolean, { description: 'Turns two-factor off; needs the current password and a fresh code.' })
  disableTotp(
    @Arg('currentPassword', CURRENT_PASSWORD) currentPassword: string,
    @Arg('code', { description: 'The 6-digit code the authenticator app shows now; a code already used is refused.' }) code: string,
    @Ctx() { totp, principal, principalChanges }: UsersContext,
  ): Promise<boolean> {
    return totp.disable(requireUser(principal), currentPassword, code, principalChanges);
  }

  @Mutation(() => User, {
    description: "Removes another user's two-factor authentication (a lost device), for administrators of that user; their sessions end.",
  })
  resetTotp(
    @Arg('userId', () => ID, { description: 'The user whose second factor is removed.' }) userId: string,
    @Ctx() { totp, principal, principalChanges }: UsersContext,
  ): Promise<User> {
    return totp.reset(requireUser(principal), userId, principalChanges);
  }
}
