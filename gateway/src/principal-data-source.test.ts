import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { UserPrincipal } from '@tenantry/auth';
import { ANONYMOUS, ESTABLISHED_PRINCIPAL_EXTENSION, ESTABLISHED_SESSION_EXTENSION, PRINCIPAL_CHANGES_EXTENSION } from '@tenantry/auth';
import { listen } from '@tenantry/federation';
import type { GatewayContext } from './gateway';
import { PrincipalDataSource } from './principal-data-source';
import { principalEffects } from './principals/principal-effects';
import { SUBGRAPH_FETCH_TIMEOUT_MS } from './timeouts/deadlines';

/** Generous upper bound over the 5 s subgraph timeout for a loaded machine. */
const SUBGRAPH_TIMEOUT_BOUND_MS = SUBGRAPH_FETCH_TIMEOUT_MS + 3_000;

describe('PrincipalDataSource against a subgraph that never answers', () => {
  let hung: Server;
  let url: string;

  beforeAll(async () => {
    // Accepts the connection and the request, then never answers: what a stopped or stuck subgraph looks like.
    hung = createServer(() => undefined);
    url = `http://127.0.0.1:${await listen(hung, 0)}/graphql`;
  });
  afterAll(async () => {
    hung.closeAllConnections();
    await new Promise((resolve) => hung.close(resolve));
  });

  /** One fetch of the query plan, as the gateway hands it to the data source. */
  async function fetchOnce(deadline?: AbortSignal): Promise<{ error: unknown; ms: number }> {
    const source = new PrincipalDataSource('users', url, 'test-principal-secret-of-thirty-two-chars');
    const context: GatewayContext = { principal: ANONYMOUS, deadline };
    const options = { kind: 'incoming operation', request: { query: '{ __typename }' }, incomingRequestContext: {}, context };
    const started = performance.now();
    const error = await source.process(options as unknown as GraphQLDataSourceProcessOptions<GatewayContext>).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    return { error, ms: performance.now() - started };
  }

  it('gives up on one fetch after the subgraph timeout', async () => {
    const { error, ms } = await fetchOnce();
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(ms).toBeLessThan(SUBGRAPH_TIMEOUT_BOUND_MS);
  });

  it('gives up after the subgraph timeout even when the garbage collector runs meanwhile', async () => {
    // A timeout signal that nothing holds strongly (AbortSignal.any keeps its sources weakly) is
    // collected and never fires; then only the later operation deadline would end the fetch.
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const collecting = setInterval(collectGarbage, 50);
    try {
      const { error, ms } = await fetchOnce(AbortSignal.timeout(30_000));
      expect(error).toMatchObject({ name: 'TimeoutError' });
      expect(ms).toBeLessThan(SUBGRAPH_TIMEOUT_BOUND_MS);
    } finally {
      clearInterval(collecting);
    }
  });

  it('gives up at the operation deadline when it comes before the subgraph timeout', async () => {
    const { error, ms } = await fetchOnce(AbortSignal.timeout(200));
    expect(error).toMatchObject({ name: 'TimeoutError' });
    // Well under the 5 s a fetch alone may take: the operation's deadline cut it off.
    expect(ms).toBeLessThan(SUBGRAPH_FETCH_TIMEOUT_MS - 1_000);
  });

  it('does not start a fetch once the operation deadline has passed', async () => {
    const passed = AbortSignal.abort(new DOMException('deadline passed', 'TimeoutError'));
    const { error, ms } = await fetchOnce(passed);
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(ms).toBeLessThan(SUBGRAPH_FETCH_TIMEOUT_MS - 1_000);
  });
});

describe('PrincipalDataSource and a session established by a mutation', () => {
  let subgraph: Server;
  let url: string;

  beforeAll(async () => {
    // Answers every fetch as a login would: with data, the established session's access token and principal, and a user whose principal changed.
    subgraph = createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' });
      const extensions = {
        [ESTABLISHED_SESSION_EXTENSION]: 'the-new-access-token',
        [ESTABLISHED_PRINCIPAL_EXTENSION]: { kind: 'user', userId: 'user-1' },
        [PRINCIPAL_CHANGES_EXTENSION]: { userIds: ['user-2'] },
      };
      response.end(JSON.stringify({ data: { __typename: 'Mutation' }, extensions }));
    });
    url = `http://127.0.0.1:${await listen(subgraph, 0)}/graphql`;
  });
  afterAll(async () => {
    subgraph.closeAllConnections();
    await new Promise((resolve) => subgraph.close(resolve));
  });

  async function fetchThrough(source: PrincipalDataSource, context: GatewayContext) {
    const options = { kind: 'incoming operation', request: { query: '{ __typename }' }, incomingRequestContext: {}, context };
    return source.process(options as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
  }

  it("hands the users subgraph's established session to adoptSession before the next fetch, and not on to the client", async () => {
    const adopted = { kind: 'user', userId: 'user-1' } as UserPrincipal;
    const adoptSession = jest.fn(async (_token: string, context: GatewayContext) => {
      context.principal = adopted;
    });
    const context: GatewayContext = { principal: ANONYMOUS, principalEffects: principalEffects(undefined, 0) };
    const response = await fetchThrough(new PrincipalDataSource('users', url, 'test-principal-secret-of-thirty-two-chars', adoptSession), context);
    expect(adoptSession).toHaveBeenCalledWith('the-new-access-token', context, { kind: 'user', userId: 'user-1' });
    expect(context.principal).toBe(adopted);
    expect([...context.principalEffects!.changedUserIds]).toEqual(['user-2']);
    for (const name of [ESTABLISHED_SESSION_EXTENSION, ESTABLISHED_PRINCIPAL_EXTENSION, PRINCIPAL_CHANGES_EXTENSION])
      expect(response.extensions?.[name]).toBeUndefined();
  });

  it('ignores a session claimed by any other subgraph', async () => {
    const context: GatewayContext = { principal: ANONYMOUS, principalEffects: principalEffects(undefined, 0) };
    const response = await fetchThrough(new PrincipalDataSource('organisations', url, 'test-principal-secret-of-thirty-two-chars'), context);
    expect(context.principal).toBe(ANONYMOUS);
    expect(context.principalEffects!.changedUserIds.size).toBe(0);
    for (const name of [ESTABLISHED_SESSION_EXTENSION, ESTABLISHED_PRINCIPAL_EXTENSION, PRINCIPAL_CHANGES_EXTENSION])
      expect(response.extensions?.[name]).toBeUndefined();
  });
});
