import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RATE_LIMITS } from '@tenantry/config';
import type { GraphQLResponse } from '@tenantry/testing';
import { initSeed, postGraphQL, SEED_PASSWORD } from '@tenantry/testing';
import type { DemoGraph, ExtraGateways } from './testing/demo-graph';
import { startDemoGraph, startGatewaysBeside } from './testing/demo-graph';
import { mailsTo } from './testing/mailbox';
import { describeWithRedis } from './testing/redis';

const LOGIN = 'mutation($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken } }';
const RESET = 'mutation($name: String!) { requestPasswordReset(usernameOrEmail: $name) }';

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

/** Reset mails to `to` now in MAIL_DIR (the worker names each `.eml` file; the recipient is in its To header). */
function resetMailsIn(mailDir: string, to: string): number {
  if (!existsSync(mailDir)) return 0;
  const files = readdirSync(mailDir).filter((name) => name.endsWith('.eml'));
  return files.map((name) => readFileSync(join(mailDir, name), 'utf8')).filter((mail) => mail.includes(to) && mail.includes('reset-password')).length;
}

describe('rate limits through the gateway (default budgets, TRUST_PROXY for the client addresses)', () => {
  let demo: DemoGraph;
  // An address per test, as a proxy in front of the gateway would report it.
  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const login = (username: string, password: string, ip: string) => postGraphQL(demo.stack.gatewayUrl, LOGIN, { username, password }, from(ip));

  beforeAll(async () => {
    // RATE_LIMITS empty: the defaults, not the generous budgets of the other suites.
    demo = await startDemoGraph({ env: { RATE_LIMITS: '', TRUST_PROXY: 'true' } });
  });
  afterAll(() => demo?.close());

  it('stops a password spray on one username after 10 attempts a minute with RATE_LIMITED and retryAfterSeconds, while another user logs in from elsewhere', async () => {
    const account = await initSeed(demo.db.dataSource).createAccount();
    const [victim, colleague] = await Promise.all([account.defaultOrganisation.createUser('OPERATOR'), account.defaultOrganisation.createUser('OPERATOR')]);
    const answers: GraphQLResponse[] = [];
    for (let i = 0; i < 40; i += 1) answers.push(await login(victim.record.username, `wrong guess ${i}`, '203.0.113.10'));
    const codes = answers.map(codeOf);
    console.info(
      `40 wrong logins for one username: ${codes.filter((code) => code !== 'RATE_LIMITED').length} reached the users subgraph, ${codes.filter((code) => code === 'RATE_LIMITED').length} RATE_LIMITED`,
    );

    const limit = DEFAULT_RATE_LIMITS['login.username'].points;
    expect(codes.slice(0, limit)).not.toContain('RATE_LIMITED');
    expect(codes.slice(limit)).toEqual(Array(40 - limit).fill('RATE_LIMITED'));
    const refused = answers[limit];
    expect(refused.status).toBe(429);
    expect(refused.errors).toHaveLength(1);
    const { retryAfterSeconds } = refused.errors![0].extensions as { retryAfterSeconds: number };
    expect(retryAfterSeconds).toBeGreaterThan(0);
    expect(retryAfterSeconds).toBeLessThanOrEqual(60);

    // The same username is refused from any address (even in another letter case); the header says when to come back.
    const elsewhere = await fetch(demo.stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...from('198.51.100.77') },
      body: JSON.stringify({ query: LOGIN, variables: { username: victim.record.username.toUpperCase(), password: 'x' } }),
    });
    expect(elsewhere.status).toBe(429);
    expect(Number(elsewhere.headers.get('retry-after'))).toBeGreaterThan(0);

    // Another username from another address still gets in.
    const other = await login(colleague.record.username, SEED_PASSWORD, '203.0.113.20');
    expect(other.errors).toBeUndefined();
    expect(other.data.login.accessToken).toEqual(expect.any(String));

    // The spraying address spent its 30 logins a minute: another username from there is refused too.
    expect(codeOf(await login(colleague.record.username, SEED_PASSWORD, '203.0.113.10'))).toBe('RATE_LIMITED');

    const metrics = await (await fetch(new URL('/metrics', demo.stack.gatewayUrl))).text();
    expect(metrics).toMatch(/^tenantry_rate_limit_hits_total\{rule="login.username"\} [1-9]\d*$/m);
  });

  it('mails at most 3 reset links an hour for one user, however often they are asked for', async () => {
    const account = await initSeed(demo.db.dataSource).createAccount();
    const user = await account.defaultOrganisation.createUser('OPERATOR');
    const answers: GraphQLResponse[] = [];
    for (let i = 0; i < 6; i += 1) answers.push(await postGraphQL(demo.stack.gatewayUrl, RESET, { name: user.record.username }, from(`203.0.113.${30 + i}`)));
    const allowed = DEFAULT_RATE_LIMITS['resetMail.username'].points;
    expect(answers.slice(0, allowed).map((answer) => answer.data?.requestPasswordReset)).toEqual(Array(allowed).fill(true));
    expect(answers.slice(allowed).map(codeOf)).toEqual(Array(6 - allowed).fill('RATE_LIMITED'));
    const { retryAfterSeconds } = answers[allowed].errors![0].extensions as { retryAfterSeconds: number };
    expect(retryAfterSeconds).toBeGreaterThan(60);
    expect(retryAfterSeconds).toBeLessThanOrEqual(3600);

    await mailsTo(demo.mailDir, user.record.email!, allowed);
    // Give the outbox worker time to deliver anything more it might have been given.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(resetMailsIn(demo.mailDir, user.record.email!)).toBe(allowed);
  });

  describeWithRedis('two gateway processes sharing Redis', (redisUrl) => {
    let gateways: ExtraGateways;
    let urls: string[];

    beforeAll(async () => {
      // Its own key prefix: other test runs may share this Redis.
      gateways = await startGatewaysBeside(demo, 2, { limits: { ...DEFAULT_RATE_LIMITS }, redisUrl, redisKeyPrefix: `tenantry-test:${randomUUID()}:` });
      urls = gateways.urls;
    });
    afterAll(() => gateways?.stop());

    it('reach the per-username limit together: 10 logins spread over both, and the 11th is refused by either', async () => {
      const account = await initSeed(demo.db.dataSource).createAccount();
      const user = await account.defaultOrganisation.createUser('OPERATOR');
      const limit = DEFAULT_RATE_LIMITS['login.username'].points;
      const codes: unknown[] = [];
      for (let i = 0; i < limit; i += 1) codes.push(codeOf(await postGraphQL(urls[i % 2], LOGIN, { username: user.record.username, password: `guess ${i}` })));
      expect(codes).not.toContain('RATE_LIMITED');
      // Each gateway has seen only half of them: counting alone, neither would refuse yet.
      expect(codeOf(await postGraphQL(urls[0], LOGIN, { username: user.record.username, password: 'one more' }))).toBe('RATE_LIMITED');
      expect(codeOf(await postGraphQL(urls[1], LOGIN, { username: user.record.username, password: 'one more' }))).toBe('RATE_LIMITED');
    });
  });
});
