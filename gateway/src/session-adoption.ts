import { ANONYMOUS, verifyAccessToken } from '@tenantry/auth';
import { logInternalError } from '@tenantry/federation';
import type { PrincipalClient } from './principal-client';
import type { AdoptSession } from './principal-data-source';

/**
 * Adopts a session that the users subgraph says a mutation just established: its access token is
 * verified and its principal resolved exactly as a bearer token's would be, so nothing that does not
 * verify is ever acted on. What does not verify, or cannot be resolved now, leaves the rest of the
 * operation anonymous (it fails closed) without failing the mutation that already committed.
 */
export function sessionAdopter(accessTokenSecret: string, principals: Pick<PrincipalClient, 'resolve'>): AdoptSession {
  return async (accessToken, context) => {
    const claims = await verifyAccessToken(accessToken, accessTokenSecret);
    try {
      context.principal = claims
        ? await principals.resolve(claims, { deadline: context.deadline, requestId: context.requestId, trace: context.trace })
        : ANONYMOUS;
    } catch (error) {
      logInternalError(error);
      context.principal = ANONYMOUS;
    }
  };
}
