import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { buildSchema, getOperationAST, parse } from 'graphql';
import type { Principal } from '@tenantry/auth';
import { ANONYMOUS, graphqlError } from '@tenantry/auth';
import type { RateLimitTable } from '@tenantry/config';
import { DEFAULT_RATE_LIMITS } from '@tenantry/config';
import { addressKey, mutationCost, RATE_LIMITED_MUTATIONS, USER_CREATING_MUTATIONS, usernameKey } from './rate-limit-charges';
import { RateLimitStore } from './rate-limit-store';
import type { RateLimitedContext } from './rate-limits.plugin';
import { rateLimitsPlugin } from './rate-limits.plugin';

const SCHEMA = `
  type Query { ok: Boolean }
  type Mutation {
    login(username: String!, password: String!): Boolean
    requestPasswordReset(usernameOrEmail: String!): Boolean
    createUser(username: String!): Boolean
    enableTotp(currentPassword: String!): Boolean
  }
`;

const cost = (query: string, variables: Record<string, unknown> = {}, userId?: string) => {
  const document = parse(query);
  return mutationCost(document, getOperationAST(document)!, variables, { ip: '203.0.113.9', userId });
};
const points = (charges: ReturnType<typeof cost>['charges'], rule: string) =>
  charges.filter((charge) => charge.rule === rule).reduce((sum, charge) => sum + charge.points, 0);
const aliases = (count: number, field: string) => Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');

describe('pricing a mutation', () => {
  it('counts a rate-limited field once per alias: 10 aliases of login cost 10', () => {
    const { charges } = cost(`mutation { ${aliases(10, 'login(username: "victim", password: "guess")')} }`);
    expect(points(charges, 'login.ip')).toBe(10);
    expect(points(charges, 'login.username')).toBe(10);
    expect(points(charges, 'mutations.ip')).toBe(10);
  });

  it('counts fields inside fragments and inline fragments, and keys the username from variables or literals, ignoring case', () => {
    const { charges } = cost(
      'mutation($u: String!) { login(username: $u, password: "x") ...F ... on Mutation { b: login(username: " VICTIM ", password: "y") } } fragment F on Mutation { c: login(username: "Victim", password: "z") }',
      {
        u: 'victim',
      },
    );
    expect(charges.filter((charge) => charge.rule === 'login.username')).toEqual([{ rule: 'login.username', key: usernameKey('victim'), points: 3 }]);
    expect(points(charges, 'login.ip')).toBe(3);
  });

  it('keys per IP, per username and per signed-in user, never the password', () => {
    const { charges } = cost(
      'mutation { requestPasswordReset(usernameOrEmail: "a@example.com") enableTotp(currentPassword: "secret-password") }',
      {},
      'user-1',
    );
    expect(charges.map(({ rule, key }) => `${rule}=${key}`).sort()).toEqual(
      [
        'mutations.ip=203.0.113.9',
        'resetMail.ip=203.0.113.9',
        `resetMail.username=${usernameKey('a@example.com')}`,
        'totp.ip=203.0.113.9',
        'totp.user=user-1',
      ].sort(),
    );
    expect(JSON.stringify(charges)).not.toContain('secret-password');
  });

  it('notes the mutations that create users', () => {
    expect(cost('mutation { createUser(username: "x") }').createsUsers).toBe(true);
    expect(cost('mutation { login(username: "x", password: "y") }').createsUsers).toBe(false);
  });

  it('keys IPv6 clients by their /64 and IPv4-mapped addresses as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
  });

  it('names only mutations the public schema has', () => {
    const schema = buildSchema(readFileSync(join(__dirname, '../../../schema/public.graphql'), 'utf8'));
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    expect(mutations).toEqual(expect.arrayContaining([...RATE_LIMITED_MUTATIONS, ...USER_CREATING_MUTATIONS]));
  });
});

describe('the rate-limits plugin', () => {
  let resolverCalls: number;
  let apollo: ApolloServer<RateLimitedContext>;

  const start = async (overrides: Partial<RateLimitTable>) => {
    resolverCalls = 0;
    const count = () => {
      resolverCalls += 1;
      return true;
    };
    apollo = new ApolloServer<RateLimitedContext>({
      typeDefs: SCHEMA,
      resolvers: {
        Mutation: {
          login: count,
          requestPasswordReset: count,
          enableTotp: count,
          createUser: (_parent: unknown, { username }: { username: string }) => {
            resolverCalls += 1;
            if (username.startsWith('taken')) throw graphqlError('USERNAME_TAKEN', 'That username is taken.');
            return true;
          },
        },
      },
      plugins: [rateLimitsPlugin(RateLimitStore.create({ limits: { ...DEFAULT_RATE_LIMITS, ...overrides } }))],
    });
    await apollo.start();
  };
  afterEach(async () => {
    await apollo?.stop();
  });

  const send = async (query: string, principal: Principal = ANONYMOUS, clientIp = '198.51.100.7') => {
    const response = await apollo.executeOperation({ query }, { contextValue: { principal, clientIp } });
    const body = response.body.kind === 'single' ? response.body.singleResult : { errors: undefined };
    return { status: response.http.status, retryAfter: response.http.headers.get('retry-after'), errors: body.errors };
  };

  it('refuses the request past the budget with 429, Retry-After and retryAfterSeconds, without running a resolver', async () => {
    await start({ 'login.username': { points: 10, durationSeconds: 60 } });
    expect((await send(`mutation { ${aliases(10, 'login(username: "victim", password: "x")')} }`)).errors).toBeUndefined();
    expect(resolverCalls).toBe(10);
    const refused = await send('mutation { login(username: "VICTIM", password: "x") }');
    expect(refused.status).toBe(429);
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(refused.retryAfter).toBe(String(refused.errors![0].extensions!.retryAfterSeconds));
    expect(resolverCalls).toBe(10);
    // Another username from another address is not affected.
    expect((await send('mutation { login(username: "someone.else", password: "x") }', ANONYMOUS, '198.51.100.8')).errors).toBeUndefined();
  });

  it('refuses a document of 11 aliases at once when 10 are allowed', async () => {
    await start({ 'login.ip': { points: 10, durationSeconds: 60 } });
    expect((await send(`mutation { ${aliases(11, 'login(username: "victim", password: "x")')} }`)).status).toBe(429);
    expect(resolverCalls).toBe(0);
  });

  it('leaves queries alone', async () => {
    await start({ 'mutations.ip': { points: 1, durationSeconds: 60 } });
    for (let i = 0; i < 3; i += 1) expect((await send('{ ok }')).errors).toBeUndefined();
  });

  it('counts USERNAME_TAKEN answers from the response and then refuses mutations that create users', async () => {
    await start({ 'usernameTaken.ip': { points: 3, durationSeconds: 3600 } });
    expect(
      (await send('mutation { a: createUser(username: "taken.1") b: createUser(username: "taken.2") }')).errors?.map((error) => error.extensions?.code),
    ).toEqual(['USERNAME_TAKEN', 'USERNAME_TAKEN']);
    expect((await send('mutation { createUser(username: "taken.3") }')).errors?.[0].extensions?.code).toBe('USERNAME_TAKEN');
    const calls = resolverCalls;
    const refused = await send('mutation { createUser(username: "free.name") }');
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(resolverCalls).toBe(calls);
    // Logging in creates nobody, so it still works from there.
    expect((await send('mutation { login(username: "someone", password: "x") }')).errors).toBeUndefined();
  });

  it('counts USERNAME_TAKEN per signed-in user across addresses', async () => {
    await start({ 'usernameTaken.user': { points: 1, durationSeconds: 3600 } });
    const admin: Principal = {
      kind: 'user',
      userId: 'admin-1',
      sessionId: 's',
      accountId: 'a',
      homeOrganisationId: 'o',
      organisationId: 'o',
      roleKey: 'owner',
      permissions: [],
      isAccountOwner: true,
      grantedOrganisationIds: [],
      managesCustomers: false,
    };
    expect((await send('mutation { createUser(username: "taken") }', admin, '198.51.100.1')).errors?.[0].extensions?.code).toBe('USERNAME_TAKEN');
    expect((await send('mutation { createUser(username: "other") }', admin, '198.51.100.2')).errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  });
});
