import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrganisationRecord } from '@tenantry/organisations-module';
import type { RunningStack } from '@tenantry/stack';
import { seedDemoData, startStack } from '@tenantry/stack';
import type { GraphQLResponse, TestDatabase } from '@tenantry/testing';
import { bearer, createTestDatabase, graphEnvironment, postGraphQL } from '@tenantry/testing';
import type { RateLimitTable } from '@tenantry/config';
import { DEFAULT_RATE_LIMITS, subgraphRegistry } from '@tenantry/config';
import type { HttpService } from '@tenantry/federation';
import type { RateLimitOptions } from '../gateway';
import { createGateway } from '../gateway';
import { GENEROUS_TEST_RATE_LIMITS } from './test-rate-limits';

/** Password of the demo users in end-to-end tests. */
export const DEMO_TEST_PASSWORD = 'e2e-demo-password';

/** The whole graph as real processes over HTTP, on a test database with the demo data. */
export interface DemoGraph {
  stack: RunningStack;
  db: TestDatabase;
  /** The environment every process got, secrets included, so a test can start one more part beside them. */
  env: NodeJS.ProcessEnv;
  /** Where the outbox worker writes mail. */
  mailDir: string;
  graph<TData = any>(query: string, variables?: Record<string, unknown>, accessToken?: string): Promise<GraphQLResponse<TData>>;
  /** The id of a demo organisation by its name ("Demo", "Demo Support", "Acme Customer"). */
  organisationId(name: string): Promise<string>;
  /** Logs a demo user in and returns the access token. */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

export interface DemoGraphOptions {
  /** Variables for every process besides the test's own (RATE_LIMITS, TRUST_PROXY, ...); GENEROUS_TEST_RATE_LIMITS unless RATE_LIMITS is given. */
  env?: NodeJS.ProcessEnv;
}

export async function startDemoGraph(options: DemoGraphOptions = {}): Promise<DemoGraph> {
  const db = await createTestDatabase();
  await seedDemoData(db.dataSource, DEMO_TEST_PASSWORD);
  const mailDir = mkdtempSync(join(tmpdir(), 'tenantry-mail-'));
  const env: NodeJS.ProcessEnv = { ...graphEnvironment(db, mailDir, GENEROUS_TEST_RATE_LIMITS), ...options.env };
  const stack = await startStack({ env, stdio: 'ignore' });
  const graph = <TData>(query: string, variables: Record<string, unknown> = {}, accessToken?: string) =>
    postGraphQL<TData>(stack.gatewayUrl, query, variables, accessToken ? bearer(accessToken) : {});
  return {
    stack,
    db,
    env,
    mailDir,
    graph,
    async organisationId(name) {
      return (await db.dataSource.getRepository(OrganisationRecord).findOneByOrFail({ name })).id;
    },
    async login(username) {
      const response = await graph<{ login: { accessToken: string } }>(
        'mutation($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken } }',
        { username, password: DEMO_TEST_PASSWORD },
      );
      if (!response.data) throw new Error(`login of ${username} failed: ${JSON.stringify(response.errors)}`);
      return response.data.login.accessToken;
    },
    async close() {
      await stack.stop();
      await db.drop();
      rmSync(mailDir, { recursive: true, force: true });
    },
  };
}

/** Gateways started in this process beside a demo graph's own. */
export interface ExtraGateways {
  urls: string[];
  stop(): Promise<void>;
}

/**
 * Starts `count` more gateways in this process on the demo graph's subgraphs and secrets, sharing
 * `rateLimits` (and, through its Redis, the principal cache's invalidations), each on a free port.
 */
export async function startGatewaysBeside(demo: DemoGraph, count: number, rateLimits: RateLimitOptions): Promise<ExtraGateways> {
  const subgraphUrls = Object.fromEntries(subgraphRegistry().map(({ name }) => [name, `http://127.0.0.1:${demo.stack.ports[name]}/graphql`]));
  const gateways: HttpService[] = [];
  const stop = () => Promise.all(gateways.map((gateway) => gateway.stop())).then(() => undefined);
  const urls: string[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const gateway = await createGateway({
        accessTokenSecret: demo.env.ACCESS_TOKEN_SECRET as string,
        principalSecret: demo.env.PRINCIPAL_SECRET as string,
        subgraphUrls,
        rateLimits,
        log: { level: 'silent' },
      });
      gateways.push(gateway);
      urls.push(`http://127.0.0.1:${await gateway.listen(0)}/graphql`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, stop };
}

/** Every budget raised to 100,000 points, for gateways started beside a demo graph (GENEROUS_TEST_RATE_LIMITS as a table). */
export const GENEROUS_RATE_LIMIT_TABLE = Object.fromEntries(
  Object.entries(DEFAULT_RATE_LIMITS).map(([rule, limit]) => [rule, { ...limit, points: 100_000 }]),
) as RateLimitTable;
