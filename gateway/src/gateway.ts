import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Server } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ANONYMOUS, Principal, PRINCIPAL_HEADER, signPrincipalToken, verifyAccessToken } from '@tenantry/auth';
import { clientMistakesPlugin, createGraphQLHttpServer, formatPublicError } from '@tenantry/federation';
import { schemaExposurePlugin } from './exposure/schema-exposure.plugin';
import { accountPageRoutes } from './pages/routes';
import { QUERY_LIMIT_PARSE_OPTIONS, queryLimitsPlugin } from './limits/query-limits-plugin';
import { PrincipalClient } from './principal-client';

/** What the gateway passes down to its subgraph data sources. */
export interface GatewayContext {
  principal: Principal;
}

export interface GatewayOptions {
  accessTokenSecret: string;
  principalSecret: string;
  /** Subgraph URL overrides by name; the rest come from the supergraph's @join__graph(url:). */
  subgraphUrls?: Partial<Record<string, string>>;
  supergraphSdl?: string;
  /** `NODE_ENV=development`: every signed-in user may read the schema (never anonymous callers). */
  development?: boolean;
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

/** Sends each subgraph a principal token signed for it; client headers are never forwarded. */
class PrincipalDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly subgraph: string, url: string, private readonly principalSecret: string) {
    super({ url });
  }

  async willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    const principal = context.principal ?? ANONYMOUS;
    request.http?.headers.set(PRINCIPAL_HEADER, await signPrincipalToken(principal, this.subgraph, this.principalSecret));
  }
}

/** The gateway: authenticates clients, plans queries over the subgraphs, masks errors. Not yet listening. */
export async function createGateway(options: GatewayOptions): Promise<{ http: Server; stop(): Promise<void> }> {
  const supergraphSdl = options.supergraphSdl ?? readSupergraph();
  const urls = declaredSubgraphUrls(supergraphSdl);
  for (const [name, url] of Object.entries(options.subgraphUrls ?? {})) if (url) urls[name] = url;
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => new PrincipalDataSource(name, urls[name], options.principalSecret),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: formatPublicError,
    plugins: [
      clientMistakesPlugin({ refusedInputIs400: true }),
      queryLimitsPlugin(),
      schemaExposurePlugin({ development: options.development ?? false }),
    ],
    parseOptions: QUERY_LIMIT_PARSE_OPTIONS,
    // The process decides how it stops (stopWhenTold); Apollo's own handler would re-raise the signal mid-shutdown.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const principals = new PrincipalClient(urls.users, options.principalSecret);
  const http = createGraphQLHttpServer<GatewayContext>({
    apollo,
    getRoutes: accountPageRoutes(),
    authenticate: async (request) => {
      const header = request.headers.authorization;
      if (!header) return { principal: ANONYMOUS };
      const token = /^Bearer (\S+)$/.exec(header)?.[1];
      const claims = token ? await verifyAccessToken(token, options.accessTokenSecret) : null;
      if (!claims) return null;
      const principal = await principals.resolve(claims);
      return principal.kind === 'user' ? { principal } : null;
    },
  });
  return {
    http,
    async stop() {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await apollo.stop();
    },
  };
}
