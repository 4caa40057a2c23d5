import type { ProcessName } from '@tenantry/stack';
import type { GraphQLResponse } from '@tenantry/testing';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';

/** Upper bounds with margin for a loaded 2-core machine: the timeouts are 5 s per subgraph fetch and 2 s for the principal lookup. */
const SUBGRAPH_TIMEOUT_BOUND_MS = 8_000;
const PRINCIPAL_TIMEOUT_BOUND_MS = 4_500;

describe('a hung subgraph through the gateway', () => {
  let demo: DemoGraph;
  let ownerToken: string;

  beforeAll(async () => {
    // Principals are not cached here, so every signed-in request looks its principal up (docs/architecture.md, "The principal cache").
    demo = await startDemoGraph({ env: { PRINCIPAL_CACHE_TTL_SECONDS: '0' } });
    ownerToken = await demo.login('demo.owner');
  });
  afterAll(() => demo?.close());

  /** Runs `work` while the subgraph's process is stopped (SIGSTOP: it accepts connections but never answers). */
  async function whilePaused<T>(part: ProcessName, work: () => Promise<T>): Promise<T> {
    process.kill(demo.stack.pids[part], 'SIGSTOP');
    try {
      return await work();
    } finally {
      process.kill(demo.stack.pids[part], 'SIGCONT');
    }
  }

  async function timed<T>(work: () => Promise<T>): Promise<{ answer: T; ms: number }> {
    const started = performance.now();
    const answer = await work();
    return { answer, ms: performance.now() - started };
  }

  /** The one error of an answer, checked to be masked: no subgraph name, URL or port. */
  function onlyMaskedError(answer: GraphQLResponse): void {
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0]).toMatchObject({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    const text = JSON.stringify(answer.errors);
    expect(answer.errors?.[0].extensions).not.toHaveProperty('serviceName');
    for (const hint of ['127.0.0.1', 'localhost', 'subgraph', String(demo.stack.ports.permissions), String(demo.stack.ports.users)]) {
      expect(text).not.toContain(hint);
    }
  }

  it('answers the parts other subgraphs own, with one masked error, when the permissions subgraph hangs', async () => {
    const { answer, ms } = await whilePaused('permissions', () =>
      timed(() => demo.graph('{ me { username organisation { name } role { name } } }', {}, ownerToken)),
    );
    expect(ms).toBeLessThan(SUBGRAPH_TIMEOUT_BOUND_MS);
    expect(answer.data).toEqual({ me: { username: 'demo.owner', organisation: { name: 'Demo' }, role: null } });
    onlyMaskedError(answer);
  });

  it('answers the user, their organisation and the organisations list when the permissions subgraph hangs, with role and permissions null', async () => {
    const { answer, ms } = await whilePaused('permissions', () =>
      timed(() => demo.graph('{ me { username organisation { name } role { key } permissions } organisations(first: 5) { totalCount } }', {}, ownerToken)),
    );
    expect(ms).toBeLessThan(SUBGRAPH_TIMEOUT_BOUND_MS);
    // User.role and User.permissions are nullable for this: a failure of their subgraph nulls only them.
    expect(answer.data).toEqual({
      me: { username: 'demo.owner', organisation: { name: 'Demo' }, role: null, permissions: null },
      organisations: { totalCount: expect.any(Number) },
    });
    expect(answer.data.organisations.totalCount).toBeGreaterThan(0);
    onlyMaskedError(answer);
  });

  it('answers a root field of another subgraph when the permissions subgraph hangs: only permissionCatalog is null', async () => {
    const { answer, ms } = await whilePaused('permissions', () =>
      timed(() => demo.graph('{ organisations { totalCount } permissionCatalog { key } }', {}, ownerToken)),
    );
    expect(ms).toBeLessThan(SUBGRAPH_TIMEOUT_BOUND_MS);
    expect(answer.data).toEqual({ organisations: { totalCount: expect.any(Number) }, permissionCatalog: null });
    onlyMaskedError(answer);
  });

  it('refuses a signed-in request quickly with a masked error when the principal lookup hangs, and still answers anonymous requests', async () => {
    const { signedIn, anonymous, ms } = await whilePaused('users', async () => {
      const { answer, ms } = await timed(() => demo.graph('{ __typename }', {}, ownerToken));
      return { signedIn: answer, ms, anonymous: await demo.graph('{ __typename }') };
    });
    expect(ms).toBeLessThan(PRINCIPAL_TIMEOUT_BOUND_MS);
    expect(signedIn.status).toBe(500);
    expect(signedIn.data).toBeUndefined();
    onlyMaskedError(signedIn);
    expect(anonymous).toMatchObject({ status: 200, data: { __typename: 'Query' } });
    expect(anonymous.errors).toBeUndefined();
  });

  it('answers in full again once the hung subgraphs resume', async () => {
    await whilePaused('permissions', () => demo.graph('{ me { role { name } } }', {}, ownerToken));
    await whilePaused('users', () => demo.graph('{ me { username } }', {}, ownerToken));
    const answer = await demo.graph('{ me { username organisation { name } role { name } permissions } }', {}, ownerToken);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.me).toMatchObject({ username: 'demo.owner', organisation: { name: 'Demo' }, role: { name: expect.any(String) } });
    expect(answer.data.me.permissions.length).toBeGreaterThan(0);
  });
});
