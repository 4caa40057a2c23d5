import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Principal, PrincipalChanges } from '@tenantry/auth';
import { ANONYMOUS, ESTABLISHED_PRINCIPAL_EXTENSION, ESTABLISHED_SESSION_EXTENSION, PRINCIPAL_CHANGES_EXTENSION, PRINCIPAL_HEADER } from '@tenantry/auth';
import { REQUEST_ID_HEADER, traceHeaders } from '@tenantry/federation';
import type { GatewayMetrics } from './edge/gateway-metrics';
import type { GatewayContext } from './gateway';
import { deduplicateRepresentations } from './subgraph-fetch/entity-representations';
import { PrincipalTokens } from './subgraph-fetch/principal-tokens';
import { boundedSubgraphFetcher, withinOperation } from './timeouts/deadlines';

/** Makes the rest of an operation act in a session one of its mutations established (see gateway.ts). */
export type AdoptSession = (accessToken: string, context: GatewayContext, established?: Principal) => Promise<void>;

/**
 * Sends each subgraph a principal token signed for it; client headers are never forwarded. Every
 * fetch is bounded (boundedSubgraphFetcher), so a hung subgraph fails its part of the answer only.
 * Only the data source given `adoptSession` (the users subgraph's) may change who the operation
 * acts as, by the established-session extension of its responses, and name users whose principal
 * changed (PRINCIPAL_CHANGES_EXTENSION, for the principal cache). The request id and the W3C
 * trace (a fresh span id per fetch) go along, so the subgraph's log lines carry the gateway's ids.
 * An `_entities` fetch sends each distinct representation once (deduplicateRepresentations).
 */
export class PrincipalDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly principalTokens: PrincipalTokens;

  constructor(
    private readonly subgraph: string,
    url: string,
    principalSecret: string,
    private readonly adoptSession?: AdoptSession,
    private readonly metrics?: GatewayMetrics,
  ) {
    super({ url, fetcher: boundedSubgraphFetcher });
    this.principalTokens = new PrincipalTokens(principalSecret);
  }

  async process(options: Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0]) {
    const deduplicated = deduplicateRepresentations(options.request.variables);
    if (deduplicated) options.request.variables = deduplicated.variables;
    const fetch = () => withinOperation(options.context.deadline, () => super.process(options));
    const response = await (this.metrics ? this.metrics.timeFetch(this.subgraph, fetch) : fetch());
    return deduplicated ? deduplicated.restore(response) : response;
  }

  async willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    const principal = context.principal ?? ANONYMOUS;
    request.http?.headers.set(PRINCIPAL_HEADER, await this.principalTokens.for(principal, this.subgraph));
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.trace) for (const [name, value] of Object.entries(traceHeaders(context.trace))) request.http?.headers.set(name, value);
  }

  async didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    const accessToken = response.extensions?.[ESTABLISHED_SESSION_EXTENSION];
    const established = response.extensions?.[ESTABLISHED_PRINCIPAL_EXTENSION] as Principal | undefined;
    const changes = response.extensions?.[PRINCIPAL_CHANGES_EXTENSION] as PrincipalChanges | undefined;
    if (response.extensions) {
      for (const name of [ESTABLISHED_SESSION_EXTENSION, ESTABLISHED_PRINCIPAL_EXTENSION, PRINCIPAL_CHANGES_EXTENSION]) delete response.extensions[name];
    }
    if (!this.adoptSession) return response;
    if (Array.isArray(changes?.userIds))
      for (const userId of changes.userIds) if (typeof userId === 'string') context.principalEffects?.changedUserIds.add(userId);
    if (typeof accessToken === 'string') await this.adoptSession(accessToken, context, established);
    return response;
  }
}
