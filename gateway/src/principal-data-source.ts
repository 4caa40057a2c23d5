import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { Principal, PrincipalChanges } from '@tenantry/auth';
import { ANONYMOUS, ESTABLISHED_PRINCIPAL_EXTENSION, ESTABLISHED_SESSION_EXTENSION, PRINCIPAL_CHANGES_EXTENSION } from '@tenantry/auth';
import type { GatewayMetrics } from './edge/gateway-metrics';
import type { GatewayContext } from './gateway';
import { deduplicateRepresentations } from './subgraph-fetch/entity-representations';
import { PrincipalTokens } from './subgraph-fetch/principal-tokens';
import type { SubgraphResponse } from './subgraph-fetch/subgraph-fetch';
import { subgraphFetch, subgraphHeaders } from './subgraph-fetch/subgraph-fetch';
import { bounded, SUBGRAPH_FETCH_TIMEOUT_MS } from './timeouts/deadlines';

/** Makes the rest of an operation act in a session one of its mutations established (see gateway.ts). */
export type AdoptSession = (accessToken: string, context: GatewayContext, established?: Principal) => Promise<void>;

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;
/** A subgraph's GraphQL answer as the gateway's query plan takes it. */
type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource<GatewayContext>['process']>>;

/** A subgraph's answer the gateway can read, else why not, as Apollo's RemoteGraphQLDataSource reports it. */
async function graphqlAnswer(response: SubgraphResponse): Promise<GatewayGraphQLResponse> {
  const json = /^application\/(graphql-response\+)?json/.test(response.headers.get('content-type') ?? '');
  const body: unknown = json ? await response.json() : await response.text();
  if (!response.ok) {
    const code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : undefined;
    const extensions = { response: { url: response.url, status: response.status, statusText: response.statusText, body }, ...(code ? { code } : {}) };
    throw new GraphQLError(`${response.status}: ${response.statusText}`, { extensions });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error(`Expected JSON response body, but received: ${String(body)}`);
  return body as GatewayGraphQLResponse;
}

/**
 * Sends each subgraph a principal token signed for it; client headers are never forwarded. Every
 * fetch is bounded by SUBGRAPH_FETCH_TIMEOUT_MS and the operation's deadline (from the context:
 * no AsyncLocalStorage, see docs/architecture.md: request path), so a hung subgraph fails its part
 * of the answer only. Only the data source given `adoptSession` (the users subgraph's) may change
 * who the operation acts as, by the established-session extension of its responses, and name
 * users whose principal changed (PRINCIPAL_CHANGES_EXTENSION, for the principal cache). The request
 * id and the W3C trace (a fresh span id per fetch) go along, so the subgraph's log lines carry the
 * gateway's ids. An `_entities` fetch sends each distinct representation once
 * (deduplicateRepresentations). Subgraph answers are never cacheable, so their cache-control is not read.
 */
export class PrincipalDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly principalTokens: PrincipalTokens;

  constructor(
    private readonly subgraph: string,
    private readonly url: string,
    principalSecret: string,
    private readonly adoptSession?: AdoptSession,
    private readonly metrics?: GatewayMetrics,
  ) {
    this.principalTokens = new PrincipalTokens(principalSecret);
  }

  async process(options: Options): Promise<GatewayGraphQLResponse> {
    // Only incoming operations reach it: the gateway neither health-checks subgraphs nor loads their schemas.
    const context = options.context as GatewayContext;
    const { http: _http, ...operation } = options.request;
    const deduplicated = deduplicateRepresentations(operation.variables);
    const body = JSON.stringify(deduplicated ? { ...operation, variables: deduplicated.variables } : operation);
    // An answer that is not GraphQL (an HTTP error, a body that is not an object) counts as a failed fetch.
    const fetch = async () => {
      const headers = subgraphHeaders(await this.principalTokens.for(context.principal ?? ANONYMOUS, this.subgraph), context);
      return graphqlAnswer(
        await bounded(SUBGRAPH_FETCH_TIMEOUT_MS, (signal) => subgraphFetch(this.url, { method: 'POST', headers, body, signal }), context.deadline),
      );
    };
    const answer = await this.read(await (this.metrics ? this.metrics.timeFetch(this.subgraph, fetch) : fetch()), context);
    return deduplicated ? deduplicated.restore(answer) : answer;
  }

  /** Takes the gateway's own extensions off the answer, and acts on them where this subgraph may. */
  private async read(response: GatewayGraphQLResponse, context: GatewayContext): Promise<GatewayGraphQLResponse> {
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
