import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { ANONYMOUS, PRINCIPAL_HEADER, signPrincipalToken } from '@tenantry/auth';
import type { GatewayContext } from './gateway';
import { boundedSubgraphFetcher, withinOperation } from './timeouts/deadlines';

/**
 * Sends each subgraph a principal token signed for it; client headers are never forwarded. Every
 * fetch is bounded (boundedSubgraphFetcher), so a hung subgraph fails its part of the answer only.
 */
export class PrincipalDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly subgraph: string, url: string, private readonly principalSecret: string) {
    super({ url, fetcher: boundedSubgraphFetcher });
  }

  process(options: Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0]) {
    return withinOperation(options.context.deadline, () => super.process(options));
  }

  async willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    const principal = context.principal ?? ANONYMOUS;
    request.http?.headers.set(PRINCIPAL_HEADER, await signPrincipalToken(principal, this.subgraph, this.principalSecret));
  }
}
