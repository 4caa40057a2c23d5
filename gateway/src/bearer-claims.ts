import type { IncomingMessage } from 'node:http';
import type { AccessClaims } from '@tenantry/auth';
import { verifyAccessToken } from '@tenantry/auth';

const verified = new WeakMap<IncomingMessage, Promise<AccessClaims | null>>();

/**
 * The verified claims of the request's bearer token (null when it is malformed or does not
 * verify), or undefined without an Authorization header. Verified once per request: the request
 * budgets and authentication both ask, on every signed-in request.
 */
export function bearerClaims(request: IncomingMessage, secret: string): Promise<AccessClaims | null> | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  let claims = verified.get(request);
  if (!claims) {
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    claims = token ? verifyAccessToken(token, secret) : Promise.resolve(null);
    verified.set(request, claims);
  }
  return claims;
}
