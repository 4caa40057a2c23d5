import type { AccessClaims, Principal } from '@tenantry/auth';
import { ANONYMOUS } from '@tenantry/auth';
import { internalAudience } from '@tenantry/federation';
import { PrincipalTokens } from './subgraph-fetch/principal-tokens';
import type { CallerRequest } from './subgraph-fetch/subgraph-fetch';
import { subgraphFetch, subgraphHeaders } from './subgraph-fetch/subgraph-fetch';
import { bounded, PRINCIPAL_LOOKUP_TIMEOUT_MS } from './timeouts/deadlines';

/** The request a lookup belongs to: its deadline, and the request id and trace the users subgraph logs it under. */
export interface LookupScope extends CallerRequest {
  deadline?: AbortSignal;
}

/**
 * Asks the users subgraph who a verified access token stands for, when the principal cache
 * (principals/principal-cache.ts) does not know the session. The lookup gives
 * up after PRINCIPAL_LOOKUP_TIMEOUT_MS (or at the operation's deadline) and throws, which the HTTP
 * server answers 500 INTERNAL_SERVER_ERROR, masked, instead of hanging.
 */
export class PrincipalClient {
  private readonly endpoint: string;
  private readonly tokens: PrincipalTokens;

  constructor(usersGraphqlUrl: string, principalSecret: string) {
    this.endpoint = new URL('/internal/principal', usersGraphqlUrl).toString();
    this.tokens = new PrincipalTokens(principalSecret);
  }

  async resolve(claims: AccessClaims, { deadline, requestId, trace }: LookupScope = {}): Promise<Principal> {
    const headers = subgraphHeaders(await this.tokens.for(ANONYMOUS, internalAudience('users')), { requestId, trace });
    const response = await bounded(
      PRINCIPAL_LOOKUP_TIMEOUT_MS,
      (signal) => subgraphFetch(this.endpoint, { method: 'POST', signal, headers, body: JSON.stringify(claims) }),
      deadline,
    );
    if (!response.ok) throw new Error(`principal lookup failed with HTTP ${response.status}`);
    const { principal } = (await response.json()) as { principal: Principal };
    return principal;
  }
}
