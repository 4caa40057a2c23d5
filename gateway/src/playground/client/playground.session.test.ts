import type { GraphQLAnswer, GraphQLRequest, PostGraphQL } from './playground.graphql';
import type { SessionClock, SessionState } from './playground.session';
import { PlaygroundSession, refreshDelayMs } from './playground.session';

const ME = { username: 'demo.owner', organisation: { id: 'o1', name: 'Demo' }, role: { key: 'OWNER' }, permissions: ['schema.read'] };
const START = Date.parse('2026-01-01T00:00:00Z');
const tokens = (n: number, lifetimeMs = 15 * 60_000) => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresAt: new Date(START + lifetimeMs).toISOString(),
});

/** A clock whose one timer the test fires by hand. */
function manualClock(): SessionClock & { pending?: { run(): void; delayMs: number }; fire(): void } {
  const clock = {
    pending: undefined as { run(): void; delayMs: number } | undefined,
    now: () => START,
    setTimeout(run: () => void, delayMs: number) {
      clock.pending = { run, delayMs };
      return clock.pending;
    },
    clearTimeout(handle: unknown) {
      if (clock.pending === handle) clock.pending = undefined;
    },
    fire() {
      const pending = clock.pending;
      clock.pending = undefined;
      pending?.run();
    },
  };
  return clock;
}

/** A graph that answers by operation name and records what it was asked, with which token. */
function fakeGraph(answers: Record<string, (request: GraphQLRequest) => GraphQLAnswer>) {
  const asked: { operationName?: string | null; token?: string; variables?: unknown }[] = [];
  const post = (async (request: GraphQLRequest, token?: string) => {
    asked.push({ operationName: request.operationName, token, variables: request.variables });
    return answers[request.operationName ?? '']?.(request) ?? { errors: [{ message: 'unexpected' }] };
  }) as PostGraphQL;
  return { post, asked };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the playground session', () => {
  it('refreshes a minute before expiry, or a fifth of a shorter lifetime before it', () => {
    expect(refreshDelayMs(new Date(START + 15 * 60_000).toISOString(), START)).toBe(14 * 60_000);
    expect(refreshDelayMs(new Date(START + 100_000).toISOString(), START)).toBe(80_000);
    expect(refreshDelayMs(new Date(START - 1_000).toISOString(), START)).toBe(0);
  });

  it('signs in, sends the bearer token, and trades the refresh token before the access token expires', async () => {
    let issued = 0;
    const graph = fakeGraph({
      Login: () => ({ data: { login: tokens(++issued) } }),
      WhoAmI: () => ({ data: { me: ME } }),
      RefreshSession: () => ({ data: { refreshSession: tokens(++issued) } }),
    });
    const states: SessionState[] = [];
    const clock = manualClock();
    const session = new PlaygroundSession(graph.post, (state) => states.push(state), clock);

    await session.signIn('demo.owner', 'secret', '');
    expect(graph.asked[0]).toEqual({ operationName: 'Login', token: undefined, variables: { username: 'demo.owner', password: 'secret', totpCode: null } });
    expect(graph.asked[1]).toEqual({ operationName: 'WhoAmI', token: 'access-1', variables: undefined });
    expect(states).toEqual([{ signedIn: true, user: ME }]);
    expect(session.accessToken()).toBe('access-1');
    expect(clock.pending?.delayMs).toBe(14 * 60_000);

    clock.fire();
    await settle();
    expect(graph.asked[2]).toEqual({ operationName: 'RefreshSession', token: undefined, variables: { refreshToken: 'refresh-1' } });
    expect(session.accessToken()).toBe('access-2');
    expect(clock.pending).toBeDefined();
  });

  it('rejects a failed sign-in with the server message and stays signed out', async () => {
    const graph = fakeGraph({ Login: () => ({ data: null, errors: [{ message: 'Invalid username or password.' }] }) });
    const states: SessionState[] = [];
    const session = new PlaygroundSession(graph.post, (state) => states.push(state), manualClock());
    await expect(session.signIn('x', 'y', '123456')).rejects.toThrow('Invalid username or password.');
    expect(graph.asked[0].variables).toMatchObject({ totpCode: '123456' });
    expect(states).toEqual([]);
    expect(session.accessToken()).toBeUndefined();
  });

  it('signs out when the refresh is refused, and logs out on the server when asked to', async () => {
    const graph = fakeGraph({
      Login: () => ({ data: { login: tokens(1) } }),
      WhoAmI: () => ({ data: { me: ME } }),
      RefreshSession: () => ({ data: null, errors: [{ message: 'Sign in first.' }] }),
      Logout: () => ({ data: { logout: true } }),
    });
    const states: SessionState[] = [];
    const clock = manualClock();
    const session = new PlaygroundSession(graph.post, (state) => states.push(state), clock);
    await session.signIn('demo.owner', 'secret');
    clock.fire();
    await settle();
    expect(session.accessToken()).toBeUndefined();
    expect(states.at(-1)).toEqual({ signedIn: false, notice: 'Your session ended; sign in again.' });

    await session.signIn('demo.owner', 'secret');
    await session.signOut();
    expect(graph.asked.at(-1)).toMatchObject({ operationName: 'Logout', token: 'access-1' });
    expect(session.accessToken()).toBeUndefined();
    expect(clock.pending).toBeUndefined();
    expect(states.at(-1)).toEqual({ signedIn: false, notice: undefined });
  });
});
