import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { FastifyBaseLogger } from 'fastify';
import type { Principal } from '@tenantry/auth';
import type { RateLimitTable, TrustProxy } from '@tenantry/config';
import { DEFAULT_PRINCIPAL_CACHE_TTL_SECONDS, DEFAULT_RATE_LIMITS } from '@tenantry/config';
import { ANONYMOUS, VerifiedAccessTokens } from '@tenantry/auth';
import type { HttpService, LogOptions } from '@tenantry/federation';
import type { TraceContext } from '@tenantry/federation';
import { clientMistakesPlugin, createGraphQLHttpServer, formatPublicError, requestScopePlugin, traceContextOf } from '@tenantry/federation';
import { gatewayEdge } from './edge/gateway-edge';
import { EmbedOriginClient } from './embed/embed-origin.client';
import { embedRoutes } from './embed/embed.routes';
import { GatewayMetrics } from './edge/gateway-metrics';
import { OperatorFiguresClient } from './edge/operator-figures.client';
import { subgraphsReadiness } from './edge/readiness';
import { schemaExposurePlugin } from './exposure/schema-exposure.plugin';
import { passwordChangePlugin } from './password-change/password-change.plugin';
import { accountPageRoutes } from './pages/routes';
import type { TrustedDocumentsOptions } from './persisted/trusted-documents';
import { trustedDocumentsPlugin } from './persisted/trusted-documents';
import { playgroundRoutes } from './playground/routes';
import { QUERY_LIMIT_PARSE_OPTIONS, queryLimitsPlugin } from './limits/query-limits-plugin';
import { RateLimitStore } from './rate-limits/rate-limit-store';
import { rateLimitsPlugin } from './rate-limits/rate-limits.plugin';
import { bearerClaims } from './bearer-claims';
import { requestBudgets } from './rate-limits/request-budgets';
import { PrincipalClient } from './principal-client';
import { PrincipalDataSource } from './principal-data-source';
import { sessionAdopter } from './session-adoption';
import type { PrincipalEffects } from './principals/principal-effects';
import { principalEffects } from './principals/principal-effects';
import { PrincipalCache } from './principals/principal-cache';
import { principalInvalidationPlugin } from './principals/principal-invalidation.plugin';
import type { PrincipalInvalidations } from './principals/principal-invalidations';
import { LocalPrincipalInvalidations, RedisPrincipalInvalidations } from './principals/principal-invalidations';
import { OPERATION_TIMEOUT_MS } from './timeouts/deadlines';

/** What the gateway passes down to its subgraph data sources. */
export interface GatewayContext {
  /** Who the operation acts as: the bearer's, until a mutation of it establishes a session (adoptSession). */
  principal: Principal;
  /** Aborts OPERATION_TIMEOUT_MS after the request arrived; every subgraph fetch stops there. */
  deadline?: AbortSignal;
  /** The request's id (x-request-id), forwarded to every subgraph so their logs carry it too. */
  requestId?: string;
  /** The request's W3C trace (the caller's traceparent, else a new one); each subgraph fetch gets a fresh span id in it. */
  trace?: TraceContext;
  /** The client address rate limits count under: the socket's, or x-forwarded-for's under TRUST_PROXY. */
  clientIp?: string;
  /** What the operation did to principals, for the principal cache's invalidation before the answer. */
  principalEffects?: PrincipalEffects;
}

/** Rate limits (docs/product.md and README: Rate limits). */
export interface RateLimitOptions {
  /** Budgets by rule (RATE_LIMITS); DEFAULT_RATE_LIMITS when unset. */
  limits?: RateLimitTable;
  /** Redis shared by every gateway instance (REDIS_URL); counters stay in process without it. */
  redisUrl?: string;
  /** Prefix of the Redis keys, so that tests sharing one Redis do not count each other. */
  redisKeyPrefix?: string;
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
  /** Persisted documents known by hash (TRUSTED_DOCUMENTS_FILE), and whether only they may run (TRUSTED_DOCUMENTS_ONLY). */
  trustedDocuments?: TrustedDocumentsOptions;
  rateLimits?: RateLimitOptions;
  /** Proxies believed about the client address (TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy;
  /**
   * How long a session's principal is kept between requests (PRINCIPAL_CACHE_TTL_SECONDS); 0 asks the
   * users subgraph on every request. Gateways sharing `rateLimits.redisUrl` invalidate each other's.
   */
  principalCacheTtlSeconds?: number;
  log?: LogOptions;
}

/** The committed supergraph, composed by `npm run compose`. */
export function readSupergraph(): string {
  return readFileSync(join(dirname(require.resolve('@tenantry/schema/package.json')), 'supergraph.graphql'), 'utf8');
}

/** Subgraph URLs as the supergraph declares them. */
function declaredSubgraphUrls(supergraphSdl: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) urls[match[1]] = match[2];
  return urls;
}

/** How long start-up waits for a configured Redis before serving with per-process rate limits. */
const REDIS_CONNECT_TIMEOUT_MS = 2_000;

/** Fastify's trustProxy; a number of hops as the function Fastify makes of it (its types leave numbers out). */
function fastifyTrustProxy(trust: TrustProxy = false): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/** The gateway: authenticates clients, plans queries over the subgraphs, masks errors. Not yet listening. */
export async function createGateway(options: GatewayOptions): Promise<HttpService> {
  const supergraphSdl = options.supergraphSdl ?? readSupergraph();
  const urls = declaredSubgraphUrls(supergraphSdl);
  for (const [name, url] of Object.entries(options.subgraphUrls ?? {})) if (url) urls[name] = url;
  const principals = new PrincipalClient(urls.users, options.principalSecret);
  const accessTokens = new VerifiedAccessTokens(options.accessTokenSecret);
  // Sessions are opened by the users subgraph only: no other subgraph's answer may change who acts.
  const adoptSession = sessionAdopter(options.accessTokenSecret, principals);
  const metrics = new GatewayMetrics(new OperatorFiguresClient(urls.users, options.principalSecret));
  // The server's logger, once the server exists (Redis may fail before that).
  const logger: { log?: FastifyBaseLogger } = {};
  const principalCache = new PrincipalCache({
    ttlMs: (options.principalCacheTtlSeconds ?? DEFAULT_PRINCIPAL_CACHE_TTL_SECONDS) * 1000,
    onHit: () => metrics.principalCacheAnswer('hit'),
    onMiss: () => metrics.principalCacheAnswer('miss'),
  });
  const principalInvalidations = invalidationsFor(principalCache, options, metrics, logger);
  metrics.principalCacheServes(principalCache.enabled && principalCache.isServing);
  metrics.countKeptPrincipals(() => principalCache.keptSessions());
  let lastStoreWarning = 0;
  const rateLimitStore = RateLimitStore.create({
    limits: options.rateLimits?.limits ?? DEFAULT_RATE_LIMITS,
    redisUrl: options.rateLimits?.redisUrl,
    keyPrefix: options.rateLimits?.redisKeyPrefix,
    onRefusal: (refusal) => metrics.rateLimitHit(refusal.rule),
    onStoreFailure: (error) => {
      metrics.rateLimitStoreFailure();
      // Fail open to per-process counters (docs/product.md and README: Rate limits), warning at most every 10 s while Redis is down.
      if (Date.now() - lastStoreWarning < 10_000) return;
      lastStoreWarning = Date.now();
      logger.log?.warn({ err: { message: error.message } }, 'Redis failed: rate limits are counted in this process until it answers again');
    },
  });
  const budgets = requestBudgets(rateLimitStore, accessTokens);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => new PrincipalDataSource(name, urls[name], options.principalSecret, name === 'users' ? adoptSession : undefined, metrics),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Apollo turns introspection off under NODE_ENV=production; who may read the schema is schemaExposurePlugin's call.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatPublicError,
    plugins: [
      requestScopePlugin(),
      trustedDocumentsPlugin(options.trustedDocuments ?? { documents: new Map(), only: false }),
      metrics.plugin(),
      clientMistakesPlugin({ refusedInputIs400: true }),
      queryLimitsPlugin(),
      // After queryLimitsPlugin, whose answer to a document over the token limit it counts.
      budgets.plugin(),
      rateLimitsPlugin(rateLimitStore),
      schemaExposurePlugin({ development: options.development ?? false }),
      passwordChangePlugin(),
      principalInvalidationPlugin(principalCache, principalInvalidations, () => metrics.principalInvalidation()),
      // Apollo's own landing page loads from a CDN; browsers get the self-hosted playground instead.
      ApolloServerPluginLandingPageDisabled(),
    ],
    parseOptions: QUERY_LIMIT_PARSE_OPTIONS,
    // The process decides how it stops (stopWhenTold); Apollo's own handler would re-raise the signal mid-shutdown.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const playground = playgroundRoutes();
  const embedOrigins = new EmbedOriginClient(urls.organisations, options.principalSecret);
  const service = await createGraphQLHttpServer<GatewayContext>({
    apollo,
    getRoutes: { ...accountPageRoutes(), ...playground.getRoutes, ...embedRoutes(embedOrigins) },
    browserRoutes: playground.browserRoutes,
    log: options.log,
    extend: gatewayEdge({
      corsOrigins: options.corsOrigins ?? [],
      embedOrigins,
      metricsToken: options.metricsToken,
      metrics,
      requestBudget: budgets.onRequest,
    }),
    readiness: subgraphsReadiness(urls),
    trustProxy: fastifyTrustProxy(options.trustProxy),
    authenticate: async (request) => {
      const deadline = AbortSignal.timeout(OPERATION_TIMEOUT_MS);
      const requestId = request.id;
      const trace = traceContextOf(request.raw);
      const clientIp = request.ip;
      const verifying = bearerClaims(request.raw, accessTokens);
      if (!verifying)
        return { principal: ANONYMOUS, deadline, requestId, trace, clientIp, principalEffects: principalEffects(undefined, principalCache.generation) };
      const claims = await verifying;
      if (!claims) return null;
      const generation = principalCache.generation;
      const principal = await principalCache.resolve(claims, () => principals.resolve(claims, { deadline, requestId, trace }));
      if (principal.kind !== 'user') return null;
      return { principal, deadline, requestId, trace, clientIp, principalEffects: principalEffects(principal, generation) };
    },
  });
  logger.log = service.app.log;
  const [counting, subscribed] = await Promise.all([
    rateLimitStore.connected(REDIS_CONNECT_TIMEOUT_MS),
    principalInvalidations.subscribed(REDIS_CONNECT_TIMEOUT_MS),
  ]);
  if (!counting) service.app.log.warn('Redis did not answer at start-up: rate limits are counted in this process until it does');
  if (!subscribed) service.app.log.warn('Redis did not answer at start-up: every request asks the users subgraph for its principal until it does');
  const stopServer = service.stop.bind(service);
  return {
    ...service,
    async stop() {
      await stopServer();
      await Promise.all([rateLimitStore.close(), principalInvalidations.close()]);
    },
  };
}

/**
 * How invalidations of kept principals reach every gateway: in process without REDIS_URL, else over
 * Redis, where a gateway that is not subscribed serves no kept principal (README: Configuration).
 */
function invalidationsFor(
  cache: PrincipalCache,
  options: GatewayOptions,
  metrics: GatewayMetrics,
  logger: { log?: FastifyBaseLogger },
): PrincipalInvalidations {
  const redisUrl = options.rateLimits?.redisUrl;
  if (!redisUrl || !cache.enabled) return new LocalPrincipalInvalidations(cache);
  return new RedisPrincipalInvalidations(cache, {
    redisUrl,
    channelPrefix: options.rateLimits?.redisKeyPrefix ?? 'tenantry:',
    onUnacknowledged: (missing) => {
      metrics.unacknowledgedInvalidation();
      logger.log?.warn({ missing }, 'Not every gateway acknowledged an invalidation of kept principals within a second');
    },
    onSubscription: (subscribed) => {
      metrics.principalCacheServes(subscribed);
      if (!subscribed) logger.log?.warn('Redis subscription lost: every request asks the users subgraph for its principal until it is back');
    },
  });
}
