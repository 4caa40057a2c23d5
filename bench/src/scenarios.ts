/** What the suites send and the graph they send it to: queries, seeded databases, targets. */
import { DEFAULT_RATE_LIMITS } from '@tenantry/config';
import { DEMO_USERNAMES } from '@tenantry/stack';
import type { TestDatabase } from '@tenantry/testing';
import { createTestDatabase, graphEnvironment, insertCustomerOrganisations, postGraphQL } from '@tenantry/testing';
import type { Target } from './load';
import type { BenchGraph } from './processes';
import { startBenchGraph } from './processes';
import type { SeededOrganisation } from './seed';
import { BENCH_PASSWORD, seedBenchData } from './seed';

export const ME = '{ me { id username organisation { id name } role { key name } permissions } }';
// A page as a list view asks for it: without totalCount, which costs a count by index (26 ms at 100,000 users on MariaDB).
export const USERS_PAGE =
  'query($organisationId: ID!, $after: String, $search: String) { users(organisationId: $organisationId, first: 50, after: $after, search: $search) { edges { node { id username firstName status role { key name } organisation { id name } } } pageInfo { endCursor hasNextPage } } }';
export const USERS_WITH_INVITATIONS =
  'query($organisationId: ID!) { users(organisationId: $organisationId, first: 50) { totalCount edges { node { id username status role { key name } organisation { id name } } } } invitations(organisationId: $organisationId, status: [PENDING], first: 50) { totalCount edges { node { id email status } } } }';
export const ORGANISATIONS = '{ organisations(first: 20) { totalCount edges { node { id name kind } } pageInfo { endCursor hasNextPage } } }';
export const LOGIN = 'mutation($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken } }';

export const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

/** Every budget raised, so the login scenario measures logins, not the limiter refusing them (it still runs on every request). */
const LIFTED_RATE_LIMITS = Object.entries(DEFAULT_RATE_LIMITS)
  .map(([rule, { durationSeconds }]) => `${rule}=100000000/${durationSeconds}s`)
  .join(',');

export interface Seeded {
  db: TestDatabase;
  organisations: SeededOrganisation[];
  graph: BenchGraph;
  ownerToken: string;
}

async function login(url: string, username: string): Promise<string> {
  const response = await postGraphQL<{ login: { accessToken: string } }>(url, LOGIN, { username, password: BENCH_PASSWORD });
  if (!response.data) throw new Error(`login of ${username} failed: ${JSON.stringify(response.errors)}`);
  return response.data.login.accessToken;
}

/** Seeds a fresh database and starts the graph on it; `env` adds to every process's environment (the profile suite's preload). */
export async function seeded(sizes: number[], mailDir: string, customers = 0, env: NodeJS.ProcessEnv = {}): Promise<Seeded> {
  const started = Date.now();
  const db = await createTestDatabase();
  const organisations = await seedBenchData(db.dataSource, sizes);
  if (customers) {
    const [acme] = await db.dataSource.query("SELECT id FROM organisations WHERE name = 'Acme Customer'");
    await insertCustomerOrganisations(db.dataSource, { templateOrganisationId: acme.id, count: customers });
  }
  console.log(`  seeded ${sizes.join(', ')} users by SQL in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const graph = await startBenchGraph({ ...graphEnvironment(db, mailDir, LIFTED_RATE_LIMITS), ...env });
  return { db, organisations, graph, ownerToken: await login(graph.gateway.url, DEMO_USERNAMES.owner) };
}

export const sizeOf = (data: Seeded, size: number) => data.organisations.find((organisation) => organisation.size === size)!;

/** Logins of distinct users, every seeded user once (each signs in again only after all the others). */
export const loginBodies = (data: Seeded) =>
  data.organisations.flatMap((organisation) => organisation.usernames).map((username) => body(LOGIN, { username, password: BENCH_PASSWORD }));

export function target(label: string, url: string, bodies: string[], headers: () => Promise<Record<string, string>>): Target {
  return { label, url, bodies, headers };
}
