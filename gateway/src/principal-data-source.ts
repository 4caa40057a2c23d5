import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { ANONYMOUS, ESTABLISHED_SESSION_EXTENSION, PRINCIPAL_HEADER, signPrincipalToken } from '@tenantry/auth';
import { REQUEST_ID_HEADER, traceHeaders } from '@tenantry/federation';
import type { GatewayMetrics } from './edge/gateway-metrics';
import type { GatewayContext } from './gateway';
import { boundedSubgraphFetcher, withinOperation } from './timeouts/deadlines';

/** Makes the rest of an operation act in a session one of its mutations established (see gateway.ts). */
export type AdoptSession = (accessToken: string, context: GatewayContext) => Promise<void>;

/**
 * Sends each subgraph a principal token signed for it; client headers are never forwarded. Every
 * fetch is bounded (boundedSubgraphFetcher), so a hung subgraph fails its part of the answer only.
 * Only the data source given `adoptSession` (the users subgraph's) may change who the operation
 * acts as, by the established-session extension of its responses. The request id and the W3C
 * trace (a fresh span id per fetch) go along, so the subgraph's log lines carry the gateway's ids.
 */
export class PrincipalDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly principalSecret: string,
    private readonly adoptSession?: AdoptSession,
    private readonly metrics?: GatewayMetrics,
  ) {
    super({ url, fetcher: boundedSubgraphFetcher });
  }

  process(options: Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0]) {
    const fetch = () => withinOperation(options.context.deadline, () => super.process(options));
    return this.metrics ? this.metrics.timeFetch(this.subgraph, fetch) : fetch();
  }

  async willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    const principal = context.principal ?? ANONYMOUS;
    request.http?.headers.set(PRINCIPAL_HEADER, await signPrincipalToken(principal, this.subgraph, this.principalSecret));
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.trace) for (const [name, value] of Object.entries(traceHeaders(context.trace))) request.http?.headers.set(name, value);
  }

  async didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    const accessToken = response.extensions?.[ESTABLISHED_SESSION_EXTENSION];
    if (response.extensions) delete response.extensions[ESTABLISHED_SESSION_EXTENSION];
    if (this.adoptSession && typeof accessToken === 'string') await this.adoptSession(accessToken, context);
    return response;
  }
}
