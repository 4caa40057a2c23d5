import { ANONYMOUS, AccessClaims, Principal, PRINCIPAL_HEADER, signPrincipalToken } from '@tenantry/auth';
import { internalAudience } from '@tenantry/federation';

/**
 * Asks the users subgraph who a verified access token stands for. Every request asks again,
 * so a revoked session or a suspended user is refused on the very next request.
 */
export class PrincipalClient {
  constructor(private readonly usersGraphqlUrl: string, private readonly principalSecret: string) {}

  private get endpoint(): string {
    return new URL('/internal/principal', this.usersGraphqlUrl).toString();
  }

  async resolve(claims: AccessClaims): Promise<Principal> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [PRINCIPAL_HEADER]: await signPrincipalToken(ANONYMOUS, internalAudience('users'), this.principalSecret),
      },
      body: JSON.stringify(claims),
    });
    if (!response.ok) throw new Error(`principal lookup failed with HTTP ${response.status}`);
    const { principal } = (await response.json()) as { principal: Principal };
    return principal;
  }
}
