import type { AccessClaims, Principal, UserPrincipal } from '@tenantry/auth';
import { ANONYMOUS, verifyAccessToken } from '@tenantry/auth';
import { OutboxMailRecord } from '@tenantry/mail';
import { resolvePrincipal } from '@tenantry/store';
import type { GraphQLResponse, TestDatabase } from '@tenantry/testing';
import { createTestDatabase, errorCodes, initSeed, SubgraphHarness, TEST_ACCESS_TOKEN_SECRET, TEST_PRINCIPAL_SECRET } from '@tenantry/testing';
import type { TokenLinkPath } from '@tenantry/provisioning';
import { createUsersServer } from '../server';

/** A clock tests move forward instead of waiting: real time plus an offset. */
export class TestClock {
  private offsetMs = 0;

  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  advanceHours(hours: number): void {
    this.offsetMs += hours * 3_600_000;
  }

  advanceDays(days: number): void {
    this.advanceHours(days * 24);
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

/** A migrated database of the test file's own, the users subgraph over HTTP, and its clock. */
export interface UsersTestbed {
  db: TestDatabase;
  subgraph: SubgraphHarness;
  clock: TestClock;
  seed: ReturnType<typeof initSeed>;
  query<TData = any>(principal: Principal, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<TData>>;
  anonymous<TData = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<TData>>;
  /** Mails in the outbox for an address, oldest first. */
  mailsTo(address: string): Promise<OutboxMailRecord[]>;
  /** The principal the gateway would resolve for an access token, or null once access ended. */
  principalOf(accessToken: string): Promise<UserPrincipal | null>;
  close(): Promise<void>;
}

export const PUBLIC_URL = 'https://app.tenantry.test';

export async function startTestbed(): Promise<UsersTestbed> {
  const db = await createTestDatabase();
  const clock = new TestClock();
  const subgraph = await SubgraphHarness.start(
    await createUsersServer(db.dataSource, TEST_PRINCIPAL_SECRET, {
      accessTokenSecret: TEST_ACCESS_TOKEN_SECRET,
      accessTokenTtlSeconds: 60,
      refreshTokenTtlDays: 1,
      publicUrl: PUBLIC_URL,
      now: clock.now,
    }),
    'users',
  );
  return {
    db,
    subgraph,
    clock,
    seed: initSeed(db.dataSource),
    query: (principal, query, variables = {}) => subgraph.query(principal, query, variables),
    anonymous: (query, variables = {}) => subgraph.query(ANONYMOUS, query, variables),
    mailsTo: (address) => db.dataSource.getRepository(OutboxMailRecord).find({ where: { toAddress: address }, order: { createdAt: 'ASC', id: 'ASC' } }),
    async principalOf(accessToken) {
      const claims = (await verifyAccessToken(accessToken, TEST_ACCESS_TOKEN_SECRET)) as AccessClaims;
      return resolvePrincipal(db.dataSource, claims);
    },
    async close() {
      await subgraph.stop();
      await db.drop();
    },
  };
}

/** The token of the link to `path` in a mail body. */
export function tokenIn(body: string, path: TokenLinkPath): string {
  const match = new RegExp(`${PUBLIC_URL}/${path}\\?token=([A-Za-z0-9_%-]+)`).exec(body);
  if (!match) throw new Error(`no ${path} link in:\n${body}`);
  return decodeURIComponent(match[1]);
}

/** The only error code of a response (fails the test's expectation when there are several or none). */
export function errorCode(response: GraphQLResponse): string | undefined {
  const codes = errorCodes(response);
  return codes.length === 1 ? codes[0] : `codes: ${JSON.stringify(codes)}`;
}

export const LOGIN = `mutation($username: String!, $password: String!, $totpCode: String) {
  login(username: $username, password: $password, totpCode: $totpCode) { accessToken refreshToken user { id username status availability } }
}`;
export const ACTIVATE = `mutation($token: String!, $password: String!) { activateAccount(token: $token, password: $password) { accessToken user { id status } } }`;

/** A password that passes the policy. */
export const NEW_PASSWORD = 'violet harbour lanterns';
