import type { Principal } from '@tenantry/auth';
import { PRINCIPAL_HEADER, signPrincipalToken } from '@tenantry/auth';
import type { SubgraphServer } from '@tenantry/federation';
import type { GraphQLResponse } from './graphql-client';
import { postGraphQL } from './graphql-client';

/** Secret the in-process subgraphs of a test trust. */
export const TEST_PRINCIPAL_SECRET = 'test-principal-secret-at-least-32-characters';
export const TEST_ACCESS_TOKEN_SECRET = 'test-access-token-secret-at-least-32-chars';

/** Drives an in-process subgraph over real HTTP, as the gateway would, with a principal of the test's choosing. */
export class SubgraphHarness {
  private constructor(
    private readonly server: SubgraphServer,
    private readonly name: string,
    readonly url: string,
  ) {}

  static async start(server: SubgraphServer, name: string): Promise<SubgraphHarness> {
    const port = await server.listen(0);
    return new SubgraphHarness(server, name, `http://127.0.0.1:${port}/graphql`);
  }

  async query<TData = any>(principal: Principal, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<TData>> {
    const token = await signPrincipalToken(principal, this.name, TEST_PRINCIPAL_SECRET);
    return postGraphQL<TData>(this.url, query, variables, { [PRINCIPAL_HEADER]: token });
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}
