import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { requireUser } from '@tenantry/auth';
import { UsersContext } from '../context';
import { AuthPayload } from './session.type';

@Resolver()
export class SessionResolver {
  @Mutation(() => AuthPayload, {
    description: 'Signs in. Every failure answers UNAUTHENTICATED with the same message; once two-factor is on, totpCode is required.',
  })
  login(
    @Arg('username', { description: 'The login, case-sensitive.' }) username: string,
    @Arg('password', { description: "The user's password." }) password: string,
    @Ctx() context: UsersContext,
    @Arg('totpCode', () => String, { nullable: true, description: 'The current code of the authenticator app, once two-factor is on.' })
    totpCode?: string | null,
    @Arg('customerOf', () => ID, {
      nullable: true,
      description:
        'Admits only users of a CUSTOMER organisation this organisation manages (the embeddable customer login); ' +
        'anyone else fails exactly like a wrong password.',
    })
    customerOf?: string | null,
  ): Promise<AuthPayload> {
    return signedIn(context, context.sessions.login(username, password, context.principalChanges, totpCode, customerOf));
  }

  @Mutation(() => AuthPayload, { description: 'Trades a refresh token for new tokens; the old one stops working.' })
  refreshSession(
    @Arg('refreshToken', { description: 'The refresh token of the last login, refresh or switch; single use.' }) refreshToken: string,
    @Ctx() context: UsersContext,
  ): Promise<AuthPayload> {
    return signedIn(context, context.sessions.refresh(refreshToken, context.principalChanges));
  }

  @Mutation(() => AuthPayload, { description: 'Acts in another organisation the caller may see; answers new tokens, the old ones stop working.' })
  switchOrganisation(
    @Arg('organisationId', () => ID, { description: 'One of me.accessibleOrganisations.' }) organisationId: string,
    @Ctx() context: UsersContext,
  ): Promise<AuthPayload> {
    return signedIn(context, context.sessions.switchOrganisation(requireUser(context.principal), organisationId, context.principalChanges));
  }

  @Mutation(() => Boolean, { description: 'Ends the current session; its tokens stop working at once.' })
  logout(@Ctx() { sessions, principal, principalChanges }: UsersContext): Promise<boolean> {
    return sessions.logout(requireUser(principal).sessionId, principalChanges);
  }
}

/** The rest of the request (here and, through the gateway, in every subgraph) acts in the session just opened. */
export async function signedIn(context: UsersContext, payload: Promise<AuthPayload>): Promise<AuthPayload> {
  const result = await payload;
  await context.actInSession(result);
  return result;
}
