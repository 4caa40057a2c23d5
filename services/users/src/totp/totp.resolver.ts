import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireUser } from '@tenantry/auth';
import { UsersContext } from '../context';
import { TotpSetup } from './totp.type';

@Resolver()
export class TotpResolver {
  @Mutation(() => TotpSetup, { description: 'Starts two-factor setup: a secret and otpauth URI for an authenticator app.' })
  enableTotp(@Ctx() { totp, principal }: UsersContext): Promise<TotpSetup> {
    return totp.enable(requireUser(principal));
  }

  @Mutation(() => Boolean, { description: 'Turns two-factor on with a code from the app; from then on login needs a code.' })
  confirmTotp(@Arg('code') code: string, @Ctx() { totp, principal }: UsersContext): Promise<boolean> {
    return totp.confirm(requireUser(principal), code);
  }

  @Mutation(() => Boolean, { description: 'Turns two-factor off; needs a current code.' })
  disableTotp(@Arg('code') code: string, @Ctx() { totp, principal }: UsersContext): Promise<boolean> {
    return totp.disable(requireUser(principal), code);
  }
}
