import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { requireUser } from '@tenantry/auth';
import { UsersContext } from '../context';
import { signedIn } from '../session/session.resolver';
import { AuthPayload } from '../session/session.type';

@Resolver()
export class ActivationResolver {
  @Mutation(() => AuthPayload, {
    description:
      'Accepts an invitation or activation link: sets the password (8+ characters, not a common one) and signs in. Expired links answer INVITATION_EXPIRED.',
  })
  activateAccount(
    @Arg('token', { description: 'The token of the invitation or activation link (activate?token=…).' }) token: string,
    @Arg('password', { description: 'The new password: at least 8 characters, not a commonly used one.' }) password: string,
    @Ctx() context: UsersContext,
  ): Promise<AuthPayload> {
    return signedIn(context, context.activation.activate(token, password));
  }

  @Mutation(() => Boolean, { description: 'Sends a user who has not activated yet a new link; the previous one stops working (administrators).' })
  resendActivation(
    @Arg('userId', () => ID, { description: 'A user of an organisation the caller administers, still INVITED.' }) userId: string,
    @Ctx() { activation, principal }: UsersContext,
  ): Promise<boolean> {
    return activation.resend(requireUser(principal), userId);
  }
}
