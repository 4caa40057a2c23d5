import type { Server } from 'node:http';
import { createServer, request as forward } from 'node:http';
import { getIntrospectionQuery } from 'graphql';
import { subgraphRegistry } from '@tenantry/config';
import { listen } from '@tenantry/federation';
import type { GraphQLResponse } from '@tenantry/testing';
import { bearer, postGraphQL } from '@tenantry/testing';
import { createGateway } from './gateway';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';

const repeat = (times: number, make: (index: number) => string) => Array.from({ length: times }, (_, index) => make(index)).join(' ');

/** Documents over each limit, written as an attacker (or a careless client) would send them. */
const OVER_LIMITS: [string, string, (organisationId: string) => string][] = [
  ['10,000 aliases of me', 'tokens', () => `{ ${repeat(10_000, (i) => `a${i}: me { id }`)} }`],
  ['1,700 aliases of me', 'tokens', () => `{ ${repeat(1_700, (i) => `a${i}: me { id }`)} }`],
  ['31 aliases of me (few tokens)', 'aliases', () => `{ ${repeat(31, (i) => `a${i}: me { id }`)} }`],
  ['deep nesting', 'depth', () => `{ me { organisation { ${'managingOrganisation { '.repeat(12)}id${' }'.repeat(12)} } } }`],
  ['50 directives', 'directives', () => `{ ${repeat(50, () => '__typename @include(if: true)')} }`],
  ['a huge token count', 'tokens', () => `{ ${repeat(2_000, () => '__typename')} }`],
  [
    'users(first: 100) fanning out into lists of lists',
    'cost',
    (organisationId) =>
      `{ users(organisationId: "${organisationId}", first: 100) { edges { node { promotedOrganisations { widgets { id } operatorGroups { id } } } } } }`,
  ],
];

const NORMAL_ME = '{ me { username organisation { name } role { key } permissions } }';

/** An HTTP proxy in front of a subgraph that counts the GraphQL requests it forwards. */
async function countingProxy(target: number): Promise<{ url: string; graphqlRequests: () => number; server: Server }> {
  let graphqlRequests = 0;
  const server = createServer((incoming, outgoing) => {
    if (incoming.url === '/graphql') graphqlRequests += 1;
    const upstream = forward({ host: '127.0.0.1', port: target, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    incoming.pipe(upstream);
  });
  const port = await listen(server, 0);
  return { url: `http://127.0.0.1:${port}/graphql`, graphqlRequests: () => graphqlRequests, server };
}

describe('query limits at the gateway', () => {
  let demo: DemoGraph;
  let ownerToken: string;
  let organisationId: string;

  beforeAll(async () => {
    demo = await startDemoGraph();
    ownerToken = await demo.login('demo.owner');
    organisationId = (await demo.graph('{ me { organisation { id } } }', {}, ownerToken)).data.me.organisation.id;
  });
  afterAll(async () => {
    await demo?.close();
  });

  describe.each([
    ['anonymous', false],
    ['signed in', true],
  ])('%s', (_who, signedIn) => {
    it.each(OVER_LIMITS)('%s answers 400 QUERY_TOO_COMPLEX naming the %s limit', async (_what, limit, document) => {
      const response = await demo.graph(document(organisationId), {}, signedIn ? ownerToken : undefined);
      expect(response.status).toBe(400);
      expect(response.data).toBeUndefined();
      expect(response.errors).toHaveLength(1);
      const [error] = response.errors!;
      expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
      const { value, maximum } = error.extensions as { value: number; maximum: number };
      expect(value).toBeGreaterThan(maximum);
      expect(error.message).toMatch(new RegExp(`^The query exceeds the ${limit} limit: (more than )?${value} \\(maximum ${maximum}\\)\\.$`));
      // Only the contract's fields: no Apollo internals (http) leak to the client.
      expect(Object.keys(error.extensions!).sort()).toEqual(['code', 'limit', 'maximum', 'value']);
    });
  });

  it('says how many tokens a huge document has, up to ten times the limit', async () => {
    const tokens = async (count: number) => (await demo.graph(`{ ${repeat(count - 2, () => '__typename')} }`)).errors?.[0].message;
    expect(await tokens(2_000)).toBe('The query exceeds the tokens limit: 2000 (maximum 1000).');
    expect(await tokens(60_000)).toBe('The query exceeds the tokens limit: more than 10000 (maximum 1000).');
  });

  it("answers the demo owner's normal me query", async () => {
    const response = await demo.graph(NORMAL_ME, {}, ownerToken);
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data.me).toMatchObject({ username: 'demo.owner', organisation: { name: expect.any(String) }, role: { key: expect.any(String) } });
  });

  it('answers the introspection query a playground sends (as the owner, who may read the schema)', async () => {
    const response = await demo.graph(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }), {}, ownerToken);
    expect(response.status).toBe(200);
    expect(response.data.__schema.queryType).toMatchObject({ name: 'Query' });
  });

  describe('before any subgraph is called', () => {
    let proxies: Awaited<ReturnType<typeof countingProxy>>[];
    let gateway: Awaited<ReturnType<typeof createGateway>>;
    let gatewayUrl: string;
    const subgraphRequests = () => proxies.reduce((sum, proxy) => sum + proxy.graphqlRequests(), 0);
    const ask = (query: string): Promise<GraphQLResponse> => postGraphQL(gatewayUrl, query, {}, bearer(ownerToken));

    beforeAll(async () => {
      const names = subgraphRegistry().map(({ name }) => name);
      proxies = await Promise.all(names.map((name) => countingProxy(demo.stack.ports[name])));
      const subgraphUrls = Object.fromEntries(names.map((name, index) => [name, proxies[index].url]));
      // A second gateway in this process shares the stack's secrets (startDemoGraph generates them into demo.env).
      gateway = await createGateway({
        accessTokenSecret: demo.env.ACCESS_TOKEN_SECRET as string,
        principalSecret: demo.env.PRINCIPAL_SECRET as string,
        subgraphUrls,
      });
      gatewayUrl = `http://127.0.0.1:${await gateway.listen(0)}/graphql`;
    });
    afterAll(async () => {
      await gateway?.stop();
      await Promise.all((proxies ?? []).map((proxy) => new Promise((resolve) => proxy.server.close(resolve))));
    });

    it('a normal query reaches the subgraphs through the counting proxies', async () => {
      const before = subgraphRequests();
      expect((await ask(NORMAL_ME)).data?.me.username).toBe('demo.owner');
      expect(subgraphRequests()).toBeGreaterThan(before);
    });

    it.each(OVER_LIMITS)('%s is refused without a single subgraph request', async (_what, _limit, document) => {
      const before = subgraphRequests();
      const response = await ask(document(organisationId));
      expect(response.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(subgraphRequests()).toBe(before);
    });
  });
});
