import type { DataSource } from '@tenantry/database';
import { resolvePrincipal } from '@tenantry/store';
import type { AccessClaims } from '@tenantry/auth';
import { ANONYMOUS } from '@tenantry/auth';
import type { RouteHandler } from '@tenantry/federation';
import { sendError, sendJson } from '@tenantry/federation';

/** Path the gateway posts verified access-token claims to. */
export const PRINCIPAL_ROUTE = '/internal/principal';

function isClaims(body: unknown): body is AccessClaims {
  const claims = body as Partial<AccessClaims> | undefined;
  return typeof claims?.userId === 'string' && typeof claims.sessionId === 'string';
}

/** Answers the principal for claims the gateway verified; anonymous when the session no longer grants access. */
export function principalRoute(dataSource: DataSource): RouteHandler {
  return async (_request, body, response) => {
    if (!isClaims(body)) return sendError(response, 400, 'BAD_USER_INPUT', 'Expected { userId, sessionId }.');
    sendJson(response, 200, { principal: (await resolvePrincipal(dataSource, body)) ?? ANONYMOUS });
  };
}
