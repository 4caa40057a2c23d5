import { bearer, initSeed, postGraphQL, SEED_PASSWORD } from '@tenantry/testing';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';
import { GENEROUS_TEST_RATE_LIMITS } from './testing/test-rate-limits';

const LOGIN = 'mutation($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken } }';
/** Over the token limit: refused as QUERY_TOO_COMPLEX by the parser. */
const FLOOD = `{ ${Array.from({ length: 2_000 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;

const from = (ip: string) => ({ 'x-forwarded-for': ip });
const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

/** A sample of a metric from the exposition text, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('the operator view of sign-ins and mail, and request budgets at the door', () => {
  let demo: DemoGraph;
  const scrape = async () => (await fetch(new URL('/metrics', demo.stack.gatewayUrl))).text();

  beforeAll(async () => {
    demo = await startDemoGraph({
      env: { TRUST_PROXY: 'true', RATE_LIMITS: `${GENEROUS_TEST_RATE_LIMITS},anonymous.ip=8/1m,refused.ip=2/1m,refused.user=2/1m` },
    });
  });
  afterAll(() => demo?.close());

  it('counts failed logins, and shows a user locked after three of them', async () => {
    const account = await initSeed(demo.db.dataSource).createAccount();
    const user = await account.defaultOrganisation.createUser('OPERATOR');
    const before = await scrape();
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(
        codeOf(await postGraphQL(demo.stack.gatewayUrl, LOGIN, { username: user.record.username, password: `wrong ${attempt}` }, from('203.0.113.1'))),
      ).toBe('UNAUTHENTICATED');
    }
    const after = await scrape();
    const failures = (text: string) => sample(text, 'tenantry_credential_failures_total{mutation="login"}') ?? 0;
    expect(failures(after) - failures(before)).toBe(3);
    expect(sample(after, 'tenantry_users_locked{subgraph="users"}')).toBeGreaterThanOrEqual(1);
  });

  it('counts a wrong current password given to changePassword, under an alias', async () => {
    const account = await initSeed(demo.db.dataSource).createAccount();
    const user = await account.defaultOrganisation.createUser('OPERATOR');
    const signedIn = await postGraphQL(demo.stack.gatewayUrl, LOGIN, { username: user.record.username, password: SEED_PASSWORD }, from('203.0.113.6'));
    const failures = (text: string) => sample(text, 'tenantry_credential_failures_total{mutation="changePassword"}') ?? 0;
    const before = failures(await scrape());
    const changed = await postGraphQL(
      demo.stack.gatewayUrl,
      'mutation { attempt: changePassword(currentPassword: "not it", newPassword: "a brand new passphrase") }',
      {},
      bearer(signedIn.data.login.accessToken),
    );
    expect(codeOf(changed)).toBe('BAD_USER_INPUT');
    expect(failures(await scrape()) - before).toBe(1);
  });

  it("shows how many sessions' principals it holds", async () => {
    const owner = await demo.login('demo.owner');
    expect((await demo.graph('{ me { id } }', {}, owner)).errors).toBeUndefined();
    // The owner's session at least (principal-cache.test.ts counts exactly).
    expect(sample(await scrape(), 'tenantry_principal_cache_sessions')).toBeGreaterThanOrEqual(1);
  });

  it('shows the outbox backlog and its oldest due mail while the mail worker is stopped', async () => {
    const owner = await demo.login('demo.owner');
    const organisationId = (await demo.graph('{ me { organisation { id } } }', {}, owner)).data.me.organisation.id;
    process.kill(demo.stack.pids.mail, 'SIGSTOP');
    try {
      const created = await demo.graph(
        'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
        { input: { organisationId, username: 'Mia.Metrics', email: 'mia@example.nl', firstName: 'Mia', lastName: 'Metrics', roleKey: 'OPERATOR' } },
        owner,
      );
      expect(created.errors).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const text = await scrape();
      expect(sample(text, 'tenantry_mail_outbox_backlog{subgraph="users"}')).toBeGreaterThanOrEqual(2);
      expect(sample(text, 'tenantry_mail_outbox_oldest_due_seconds{subgraph="users"}')).toBeGreaterThanOrEqual(1);
    } finally {
      process.kill(demo.stack.pids.mail, 'SIGCONT');
    }
  });

  it('keeps the users subgraph figures route to the gateway: an unsigned caller gets 401', async () => {
    const response = await fetch(`http://127.0.0.1:${demo.stack.ports.users}/internal/operator-figures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
  });

  it('refuses a client that keeps sending refused documents before reading its body, but not a signed-in user at the same address', async () => {
    const ip = '203.0.113.2';
    for (let round = 0; round < 2; round++) expect(codeOf(await postGraphQL(demo.stack.gatewayUrl, FLOOD, {}, from(ip)))).toBe('QUERY_TOO_COMPLEX');
    // Not even JSON: answered 429, not 400, because the body is never read.
    const refused = await fetch(demo.stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...from(ip) }, body: '{ not json' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(codeOf((await refused.json()) as { errors?: { extensions?: Record<string, unknown> }[] })).toBe('RATE_LIMITED');

    const owner = await demo.login('demo.owner');
    const signedIn = await postGraphQL(demo.stack.gatewayUrl, '{ me { username } }', {}, { ...from(ip), authorization: `Bearer ${owner}` });
    expect(signedIn.data).toEqual({ me: { username: 'demo.owner' } });
    expect(await scrape()).toMatch(/^tenantry_rate_limit_hits_total\{rule="refused.ip"\} [1-9]\d*$/m);
  });

  it('lets an address send its budget of anonymous requests, then answers 429 RATE_LIMITED', async () => {
    const ip = '203.0.113.3';
    const codes: unknown[] = [];
    for (let round = 0; round < 10; round++) codes.push(codeOf(await postGraphQL(demo.stack.gatewayUrl, '{ __typename }', {}, from(ip))));
    expect(codes.slice(0, 8)).toEqual(Array(8).fill(undefined));
    expect(codes.slice(8)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    expect(codeOf(await postGraphQL(demo.stack.gatewayUrl, '{ __typename }', {}, from('203.0.113.4')))).toBeUndefined();
  });

  it('counts requests whose token does not verify against the address, like anonymous ones', async () => {
    const ip = '203.0.113.5';
    const forged = { ...from(ip), authorization: 'Bearer not-a-token' };
    const codes: unknown[] = [];
    for (let round = 0; round < 10; round++) codes.push(codeOf(await postGraphQL(demo.stack.gatewayUrl, '{ __typename }', {}, forged)));
    expect(codes.slice(0, 8)).toEqual(Array(8).fill('UNAUTHENTICATED'));
    expect(codes.slice(8)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('refuses a signed-in user who keeps sending refused documents, by their id', async () => {
    const owner = await demo.login('demo.operator');
    const as = { ...from('203.0.113.5'), authorization: `Bearer ${owner}` };
    for (let round = 0; round < 2; round++) expect(codeOf(await postGraphQL(demo.stack.gatewayUrl, FLOOD, {}, as))).toBe('QUERY_TOO_COMPLEX');
    expect(codeOf(await postGraphQL(demo.stack.gatewayUrl, '{ me { username } }', {}, as))).toBe('RATE_LIMITED');
  });
});
