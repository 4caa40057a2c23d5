import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Principal } from '@tenantry/auth';
import { ANONYMOUS, verifyAccessToken } from '@tenantry/auth';
import type { HttpService, LogOptions } from '@tenantry/federation';
import { clientMistakesPlugin, createGraphQLHttpServer, formatPublicError } from '@tenantry/federation';
import { gatewayEdge } from './edge/gateway-edge';
import { GatewayMetrics } from './edge/gateway-metrics';
import { subgraphsReadiness } from './edge/readiness';
import { schemaExposurePlugin } from './exposure/schema-exposure.plugin';
import { passwordChangePlugin } from './password-change/password-change.plugin';
import { accountPageRoutes } from './pages/routes';
import { playgroundRoutes } from './playground/routes';
import { QUERY_LIMIT_PARSE_OPTIONS, queryLimitsPlugin } from './limits/query-limits-plugin';
import { PrincipalClient } from './principal-client';
import { PrincipalDataSource } from './principal-data-source';
import { sessionAdopter } from './session-adoption';
import { OPERATION_TIMEOUT_MS } from './timeouts/deadlines';

/** What the gateway passes down to its subgraph data sources. */
export interface GatewayContext {
  /** Who the operation acts as: the bearer's, until a mutation of it establishes a session (adoptSession). */
  principal: Principal;
  /** Aborts OPERATION_TIMEOUT_MS after the request arrived; every subgraph fetch stops there. */
  deadline?: AbortSignal;
  /** The request's id (x-request-id), forwarded to every subgraph so their logs carry it too. */
  requestId?: string;
}

export interface GatewayOptions {
  accessTokenSecret: string;
  principalSecret: string;
  /** Subgraph URL overrides by name; the rest come from the supergraph's @join__graph(url:). */
  subgraphUrls?: Partial<Record<string, string>>;
  supergraphSdl?: string;
  /** `NODE_ENV=development`: every signed-in user may read the schema (never anonymous callers). */
  development?: boolean;
  /** Browser origins allowed cross-origin (CORS_ORIGINS); none by default. */
  corsOrigins?: readonly string[];
  /** Opens /metrics to this bearer token besides loopback callers (METRICS_TOKEN). */
  metricsToken?: string;
  log?: LogOptions;
}

/** The committed supergraph, composed by `npm run compose`. */
export function readSupergraph(): string {
  return readFileSync(join(dirname(require.resolve('@tenantry/schema/package.json')), 'supergraph.graphql'), 'utf8');
}

/** Subgraph URLs as the supergraph declares them. */
export function declaredSubgraphUrls(supergraphSdl: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) urls[match[1]] = match[2];
  return urls;
}

/** The gateway: authenticates clients, plans queries over the subgraphs, masks errors. Not yet listening. */
export async function createGateway(options: GatewayOptions): Promise<HttpService> {
  const supergraphSdl = options.supergraphSdl ?? readSupergraph();
  const urls = declaredSubgraphUrls(supergraphSdl);
  for (const [name, url] of Object.entries(options.subgraphUrls ?? {})) if (url) urls[name] = url;
  const principals = new PrincipalClient(urls.users, options.principalSecret);
  // Sessions are opened by the users subgraph only: no other subgraph's answer may change who acts.
  const adoptSession = sessionAdopter(options.accessTokenSecret, principals);
  const metrics = new GatewayMetrics();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => new PrincipalDataSource(name, urls[name], options.principalSecret, name === 'users' ? adoptSession : undefined, metrics),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: formatPublicError,
    plugins: [
      metrics.plugin(),
      clientMistakesPlugin({ refusedInputIs400: true }),
      queryLimitsPlugin(),
      schemaExposurePlugin({ development: options.development ?? false }),
      passwordChangePlugin(),
      // Apollo's own landing page loads from a CDN; browsers get the self-hosted playground instead.
      ApolloServerPluginLandingPageDisabled(),
    ],
    parseOptions: QUERY_LIMIT_PARSE_OPTIONS,
    // The process decides how it stops (stopWhenTold); Apollo's own handler would re-raise the signal mid-shutdown.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const playground = playgroundRoutes();
  return createGraphQLHttpServer<GatewayContext>({
    apollo,
    getRoutes: { ...accountPageRoutes(), ...playground.getRoutes },
    browserRoutes: playground.browserRoutes,
    log: options.log,
    extend: gatewayEdge({ corsOrigins: options.corsOrigins ?? [], metricsToken: options.metricsToken, metrics }),
    readiness: subgraphsReadiness(urls),
    authenticate: async (request) => {
      const deadline = AbortSignal.timeout(OPERATION_TIMEOUT_MS);
      const requestId = request.id;
      const header = request.headers.authorization;
      if (!header) return { principal: ANONYMOUS, deadline, requestId };
      const token = /^Bearer (\S+)$/.exec(header)?.[1];
      const claims = token ? await verifyAccessToken(token, options.accessTokenSecret) : null;
      if (!claims) return null;
      const principal = await principals.resolve(claims, deadline, requestId);
      return principal.kind === 'user' ? { principal, deadline, requestId } : null;
    },
  });
}
