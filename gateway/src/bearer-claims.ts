import type { IncomingMessage } from 'node:http';
import type { AccessClaims, VerifiedAccessTokens } from '@tenantry/auth';

const verified = new WeakMap<IncomingMessage, Promise<AccessClaims | null>>();

/**
 * The verified claims of the request's bearer token (null when it is malformed or does not
 * verify), or undefined without an Authorization header. Asked once per request: the request
 * budgets and authentication both ask, on every signed-in request.
 */
export function bearerClaims(request: IncomingMessage, accessTokens: VerifiedAccessTokens): Promise<AccessClaims | null> | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  let claims = verified.get(request);
  if (!claims) {
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    claims = token ? accessTokens.verify(token) : Promise.resolve(null);
    verified.set(request, claims);
  }
  return claims;
}
