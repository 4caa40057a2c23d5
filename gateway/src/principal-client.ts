import type { AccessClaims, Principal } from '@tenantry/auth';
import { ANONYMOUS, PRINCIPAL_HEADER, signPrincipalToken } from '@tenantry/auth';
import type { TraceContext } from '@tenantry/federation';
import { internalAudience, REQUEST_ID_HEADER, traceHeaders } from '@tenantry/federation';
import { boundedSignal, PRINCIPAL_LOOKUP_TIMEOUT_MS } from './timeouts/deadlines';

/** The request a lookup belongs to: its deadline, and the request id and trace the users subgraph logs it under. */
export interface LookupScope {
  deadline?: AbortSignal;
  requestId?: string;
  trace?: TraceContext;
}

/**
 * Asks the users subgraph who a verified access token stands for. Every request asks again,
 * so a revoked session or a suspended user is refused on the very next request. The lookup gives
 * up after PRINCIPAL_LOOKUP_TIMEOUT_MS (or at the operation's deadline) and throws, which the HTTP
 * server answers 500 INTERNAL_SERVER_ERROR, masked, instead of hanging.
 */
export class PrincipalClient {
  constructor(
    private readonly usersGraphqlUrl: string,
    private readonly principalSecret: string,
  ) {}

  private get endpoint(): string {
    return new URL('/internal/principal', this.usersGraphqlUrl).toString();
  }

  async resolve(claims: AccessClaims, { deadline, requestId, trace }: LookupScope = {}): Promise<Principal> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      signal: boundedSignal(PRINCIPAL_LOOKUP_TIMEOUT_MS, deadline),
      headers: {
        'content-type': 'application/json',
        ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
        ...(trace ? traceHeaders(trace) : {}),
        [PRINCIPAL_HEADER]: await signPrincipalToken(ANONYMOUS, internalAudience('users'), this.principalSecret),
      },
      body: JSON.stringify(claims),
    });
    if (!response.ok) throw new Error(`principal lookup failed with HTTP ${response.status}`);
    const { principal } = (await response.json()) as { principal: Principal };
    return principal;
  }
}
