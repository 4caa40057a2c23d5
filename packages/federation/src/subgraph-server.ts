import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Principal } from '@tenantry/auth';
import { PRINCIPAL_HEADER, VerifiedPrincipals } from '@tenantry/auth';
import { clientMistakesPlugin } from './client-mistakes';
import { formatPublicError } from './format-error';
import type { HttpService, LogOptions, RouteHandler } from './http-server';
import { createGraphQLHttpServer, NotReadyError } from './http-server';
import { requestScopePlugin } from './request-scope';

export interface SubgraphServerOptions<TContext extends { principal: Principal }> {
  /** The subgraph's name: the audience its principal tokens must be signed for. */
  name: string;
  schema: GraphQLSchema;
  principalSecret: string;
  /** Builds the per-request context (fresh loaders, scoped repositories) for a verified principal. */
  createContext: (principal: Principal) => TContext;
  /** Internal POST routes (for the gateway only): their principal tokens must be signed for `<name>:internal`. */
  routes?: Record<string, RouteHandler>;
  /** Extensions the response carries for the gateway, read from the context once the operation is done. */
  responseExtensions?: (context: TContext) => Record<string, unknown> | undefined;
  /** Whether its database answers, for GET /readyz (the gateway's /readyz asks every subgraph's). */
  databaseAnswers?: () => Promise<unknown>;
  log?: LogOptions;
}

/** A subgraph's HTTP server (Fastify) with the Apollo server behind it. */
export type SubgraphServer = HttpService;

/**
 * A subgraph's HTTP server: any request without a principal token that the gateway signed for
 * this subgraph gets 401 before its query is read.
 */
export async function createSubgraphServer<TContext extends { principal: Principal }>(options: SubgraphServerOptions<TContext>): Promise<SubgraphServer> {
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    // Only the gateway reaches a subgraph; Apollo would turn introspection off under NODE_ENV=production.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatPublicError,
    // Only the gateway calls a subgraph, always with the full query: a cache of hashes would be dead weight.
    persistedQueries: false,
    // Traces are for Apollo's hosted studio, which this graph does not report to. Cache hints: the
    // gateway reads no subgraph's cache-control, and the hook that gathers them wraps every resolver.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      requestScopePlugin(),
      clientMistakesPlugin({ refusedInputIs400: false }),
      ...(options.responseExtensions ? [responseExtensionsPlugin(options.responseExtensions)] : []),
    ],
    // The process decides how it stops (stopWhenTold); Apollo's own handler would re-raise the signal mid-shutdown.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const { databaseAnswers } = options;
  const principals = new VerifiedPrincipals(options.principalSecret);
  return createGraphQLHttpServer<TContext>({
    apollo,
    routes: options.routes,
    log: options.log,
    readiness: async (): Promise<Record<string, string>> => {
      if (!databaseAnswers) return {};
      try {
        await databaseAnswers();
      } catch {
        throw new NotReadyError({ database: 'failed' });
      }
      return { database: 'ok' };
    },
    authenticate: async (request) => {
      const header = request.headers[PRINCIPAL_HEADER];
      const internal = new URL(request.url, 'http://localhost').pathname in (options.routes ?? {});
      // A token for the graph cannot open internal routes, so no query token doubles as one.
      const audience = internal ? internalAudience(options.name) : options.name;
      const principal = await principals.verify(typeof header === 'string' ? header : undefined, audience);
      return principal ? options.createContext(principal) : null;
    },
  });
}

/** Adds what `extensionsOf` reads from the finished request's context to its response. */
function responseExtensionsPlugin<TContext extends BaseContext>(
  extensionsOf: (context: TContext) => Record<string, unknown> | undefined,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const extensions = extensionsOf(contextValue);
          if (!extensions || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, ...extensions };
        },
      };
    },
  };
}

/** The audience of principal tokens for a subgraph's internal routes. */
export function internalAudience(subgraph: string): string {
  return `${subgraph}:internal`;
}
