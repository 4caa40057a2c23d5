import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireUser } from '@tenantry/auth';
import { UsersContext } from '../context';
import { AuthPayload } from './session.type';

@Resolver()
export class SessionResolver {
  @Mutation(() => AuthPayload, { description: 'Signs in. Every failure answers UNAUTHENTICATED with the same message.' })
  login(
    @Arg('username') username: string,
    @Arg('password') password: string,
    @Ctx() context: UsersContext,
    @Arg('totpCode', () => String, { nullable: true }) _totpCode?: string,
  ): Promise<AuthPayload> {
    return signedIn(context, context.sessions.login(username, password));
  }

  @Mutation(() => AuthPayload, { description: 'Trades a refresh token for new tokens; the old one stops working.' })
  refreshSession(@Arg('refreshToken') refreshToken: string, @Ctx() context: UsersContext): Promise<AuthPayload> {
    return signedIn(context, context.sessions.refresh(refreshToken));
  }

  @Mutation(() => Boolean, { description: 'Ends the current session; its tokens stop working at once.' })
  logout(@Ctx() { sessions, principal }: UsersContext): Promise<boolean> {
    return sessions.logout(requireUser(principal).sessionId);
  }
}

/** Lets the rules show the payload's user to the caller who just proved to be that user. */
async function signedIn(context: UsersContext, payload: Promise<AuthPayload>): Promise<AuthPayload> {
  const result = await payload;
  context.signedInUserId = result.user.id;
  return result;
}
