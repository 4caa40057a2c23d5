// The peer gateway of `npm run bench` (bench/README.md): Hive Gateway on the same supergraph and
// subgraph processes, doing the auth work ours does (docs/architecture.md) without its principal
// cache: on every request verify the bearer token, ask the users subgraph for the principal, sign it for each subgraph.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { useJIT } from '@graphql-mesh/plugin-jit';
// Only the token helpers: the package index would also load argon2, which this process never uses.
import tokens from '@tenantry/auth/dist/tokens.js';

const { ACCESS_TOKEN_SECRET, PRINCIPAL_SECRET, SUPERGRAPH_FILE, PORT } = process.env;
const ANONYMOUS = { kind: 'anonymous' };

// The composed routing URLs name the default ports; the suite's subgraphs listen where SUBGRAPH_URL_<NAME> says.
const supergraph = readFileSync(SUPERGRAPH_FILE, 'utf8').replace(
  /@join__graph\(name: "([a-z_]+)", url: "[^"]*"\)/g,
  (_, name) => `@join__graph(name: "${name}", url: "${process.env[`SUBGRAPH_URL_${name.toUpperCase()}`]}")`,
);
const principalEndpoint = new URL('/internal/principal', process.env.SUBGRAPH_URL_USERS).toString();

/** The same request as the gateway's PrincipalClient: the claims, with an anonymous principal signed for users:internal. */
async function lookUpPrincipal(claims) {
  const response = await fetch(principalEndpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [tokens.PRINCIPAL_HEADER]: await tokens.signPrincipalToken(ANONYMOUS, 'users:internal', PRINCIPAL_SECRET),
    },
    body: JSON.stringify(claims),
  });
  if (!response.ok) throw new Error(`principal lookup failed with HTTP ${response.status}`);
  return (await response.json()).principal;
}

const principalPlugin = {
  async onContextBuilding({ context, extendContext }) {
    const authorization = context.request.headers.get('authorization') ?? '';
    const claims = authorization.startsWith('Bearer ') ? await tokens.verifyAccessToken(authorization.slice(7), ACCESS_TOKEN_SECRET) : null;
    extendContext({ principal: claims ? await lookUpPrincipal(claims) : ANONYMOUS });
  },
};

const gateway = createGatewayRuntime({
  supergraph,
  logging: 'error',
  plugins: () => [useJIT(), principalPlugin],
  propagateHeaders: {
    fromClientToSubgraphs: async ({ context, subgraphName }) => ({
      [tokens.PRINCIPAL_HEADER]: await tokens.signPrincipalToken(context.principal ?? ANONYMOUS, subgraphName, PRINCIPAL_SECRET),
    }),
  },
  // Off: identical in-flight subgraph requests would be merged across users, since the principal header is added after the key is taken.
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
});

const server = createServer(gateway);
server.listen(Number(PORT), '127.0.0.1', () => process.send?.({ type: 'tenantry:ready', port: Number(PORT) }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
