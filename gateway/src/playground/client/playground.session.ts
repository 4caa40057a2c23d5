import type { PostGraphQL } from './playground.graphql';
import { LOGIN, LOGOUT, REFRESH_SESSION, WHO_AM_I } from './playground.operations';

/** The tokens login and refreshSession answer with. */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
}

/** Who the panel shows as signed in. */
export interface SignedInUser {
  username: string;
  organisation: { id: string; name: string };
  role: { key: string };
  permissions: string[];
}

export type SessionState = { signedIn: false; notice?: string } | { signedIn: true; user: SignedInUser };

/** The timer functions the session uses (the browser's, or a test's). */
export interface SessionClock {
  now(): number;
  setTimeout(run: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Refresh this long before the access token expires: a minute, or a fifth of a shorter lifetime. */
export function refreshDelayMs(expiresAt: string, now: number): number {
  const left = Date.parse(expiresAt) - now;
  return Math.max(0, left - Math.min(60_000, left / 5));
}

function failure(errors: ReadonlyArray<{ message: string }> | undefined, fallback: string): Error {
  return new Error(errors?.map((error) => error.message).join(' ') || fallback);
}

/**
 * The playground's session: tokens live in memory only (a reload signs out), the access token is
 * renewed with refreshSession before it expires, and signing out ends the session on the server.
 */
export class PlaygroundSession {
  private tokens: SessionTokens | undefined;
  private timer: unknown;

  constructor(
    private readonly post: PostGraphQL,
    private readonly onChange: (state: SessionState) => void,
    private readonly clock: SessionClock = {
      now: () => Date.now(),
      setTimeout: (run, delayMs) => globalThis.setTimeout(run, delayMs),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
    },
  ) {}

  /** The bearer token for GraphiQL's requests, while signed in. */
  accessToken(): string | undefined {
    return this.tokens?.accessToken;
  }

  /** Signs in; rejects with the server's message (one and the same for every wrong credential). */
  async signIn(username: string, password: string, totpCode?: string): Promise<void> {
    const answer = await this.post<{ login: SessionTokens }>({
      query: LOGIN,
      operationName: 'Login',
      variables: { username, password, totpCode: totpCode || null },
    });
    if (!answer.data?.login) throw failure(answer.errors, 'Sign-in failed.');
    const me = await this.post<{ me: SignedInUser }>({ query: WHO_AM_I, operationName: 'WhoAmI' }, answer.data.login.accessToken);
    if (!me.data?.me) throw failure(me.errors, 'Signed in, but the graph did not say who you are.');
    this.adopt(answer.data.login);
    this.onChange({ signedIn: true, user: me.data.me });
  }

  /** Ends the session here and on the server (which also retires the refresh token). */
  async signOut(notice?: string): Promise<void> {
    const accessToken = this.tokens?.accessToken;
    this.forget();
    this.onChange({ signedIn: false, notice });
    if (accessToken) await this.post({ query: LOGOUT, operationName: 'Logout' }, accessToken).catch(() => undefined);
  }

  private adopt(tokens: SessionTokens): void {
    this.tokens = tokens;
    this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => void this.refresh(), refreshDelayMs(tokens.expiresAt, this.clock.now()));
  }

  private forget(): void {
    this.clock.clearTimeout(this.timer);
    this.tokens = undefined;
  }

  private async refresh(): Promise<void> {
    const refreshToken = this.tokens?.refreshToken;
    if (!refreshToken) return;
    const answer = await this.post<{ refreshSession: SessionTokens }>({
      query: REFRESH_SESSION,
      operationName: 'RefreshSession',
      variables: { refreshToken },
    }).catch(() => ({ data: undefined, errors: undefined }));
    // A sign-out while the refresh was under way wins.
    if (this.tokens?.refreshToken !== refreshToken) return;
    const renewed = answer.data?.refreshSession;
    if (!renewed) {
      this.forget();
      this.onChange({ signedIn: false, notice: 'Your session ended; sign in again.' });
      return;
    }
    this.adopt(renewed);
  }
}
