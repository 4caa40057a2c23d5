import type { Principal, UserPrincipal } from '@tenantry/auth';
import { ANONYMOUS, verifyAccessToken } from '@tenantry/auth';
import { logInternalError, requestScopeOf } from '@tenantry/federation';
import type { PrincipalClient } from './principal-client';
import type { AdoptSession } from './principal-data-source';

/** Whether the principal the users subgraph sent belongs to the verified session. */
function isPrincipalOf(principal: Principal | undefined, claims: { userId: string; sessionId: string }): principal is UserPrincipal {
  return principal?.kind === 'user' && principal.userId === claims.userId && principal.sessionId === claims.sessionId;
}

/**
 * Adopts a session that the users subgraph says a mutation just established: its access token is
 * verified like any bearer token, so nothing that does not verify is ever acted on. It is not
 * remembered among bearer tokens (VerifiedAccessTokens): a storm of logins would fill that memory
 * with tokens that may never come back. The principal the subgraph resolved for it comes along (no
 * lookup round trip); without it, it is resolved as a bearer token's would be. What does not
 * verify, or cannot be resolved now, leaves the rest of the operation anonymous (it fails closed)
 * without failing the mutation that already committed.
 */
export function sessionAdopter(accessTokenSecret: string, principals: Pick<PrincipalClient, 'resolve'>): AdoptSession {
  return async (accessToken, context, established) => {
    const claims = await verifyAccessToken(accessToken, accessTokenSecret);
    try {
      context.principal =
        claims && isPrincipalOf(established, claims)
          ? established
          : claims
            ? await principals.resolve(claims, { deadline: context.deadline, requestId: context.requestId, trace: context.trace })
            : ANONYMOUS;
      // Resolved either way, it is what the rest of the operation acts as (principal-invalidation.plugin.ts).
      if (context.principalEffects && context.principal.kind === 'user') context.principalEffects.adopted = context.principal;
    } catch (error) {
      logInternalError(error, requestScopeOf(context));
      context.principal = ANONYMOUS;
    }
  };
}
