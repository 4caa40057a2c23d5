import { DEMO_USERNAMES } from '@tenantry/stack';
import type { GraphQLResponse } from '@tenantry/testing';
import { bearer, insertCustomerOrganisations, postGraphQL } from '@tenantry/testing';
import type { DemoGraph } from './demo-graph';
import { DEMO_TEST_PASSWORD, startDemoGraph } from './demo-graph';
import { activationTokenIn, mailsTo } from './mailbox';
import type { MeteredGateway, PrincipalSent } from './metered-gateway';
import { startMeteredGateway } from './metered-gateway';

const MANAGER = { username: 'scale.manager', email: 'scale.manager@example.com', password: 'the manager of ten thousand' };
const LOGIN = 'mutation($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken } }';

/** The three callers of the scenario and the request each makes. */
export const TENANCY_REQUESTS = {
  owner: '{ me { id username organisation { name } } }',
  manager: '{ organisations(first: 50) { totalCount edges { node { id } } } }',
  customer: '{ me { id username organisation { name } } }',
} as const;

export type Caller = keyof typeof TENANCY_REQUESTS;

/** One request of a caller through the metered gateway, with the principal tokens the gateway sent for it. */
export interface MeteredAnswer {
  response: GraphQLResponse;
  principals: PrincipalSent[];
}

/**
 * The demo account with `customerCount` customer organisations under "Demo" ("Acme Customer",
 * provisioned the real way with its administrator, and copies of it by SQL), and three callers
 * signed in through a gateway that records the principal it sends: the owner, a manager of
 * "Demo" (role MANAGER, which holds customers.manage) and the administrator of "Acme Customer".
 */
export interface TenancyAtScale {
  demo: DemoGraph;
  metered: MeteredGateway;
  customerCount: number;
  ask(caller: Caller): Promise<MeteredAnswer>;
  close(): Promise<void>;
}

async function createManager(demo: DemoGraph): Promise<void> {
  const owner = await demo.login(DEMO_USERNAMES.owner);
  const created = await demo.graph(
    'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
    {
      input: {
        organisationId: await demo.organisationId('Demo'),
        username: MANAGER.username,
        email: MANAGER.email,
        firstName: 'Scale',
        lastName: 'Manager',
        roleKey: 'MANAGER',
      },
    },
    owner,
  );
  if (created.errors) throw new Error(`createUser failed: ${JSON.stringify(created.errors)}`);
  const activation = (await mailsTo(demo.mailDir, MANAGER.email, 2)).find((mail) => mail.text.includes('activate?token='))!;
  const activated = await demo.graph('mutation($token: String!, $password: String!) { activateAccount(token: $token, password: $password) { accessToken } }', {
    token: activationTokenIn(activation),
    password: MANAGER.password,
  });
  if (activated.errors) throw new Error(`activateAccount failed: ${JSON.stringify(activated.errors)}`);
}

export async function startTenancyAtScale(customerCount: number): Promise<TenancyAtScale> {
  const demo = await startDemoGraph();
  let metered: MeteredGateway | undefined;
  try {
    // Through the graph while the account is small: the manager is a real user, activated by mail.
    await createManager(demo);
    await insertCustomerOrganisations(demo.db.dataSource, { templateOrganisationId: await demo.organisationId('Acme Customer'), count: customerCount - 1 });
    metered = await startMeteredGateway(demo.env, demo.stack.ports);
    const gateway = metered;
    const login = async (username: string, password: string) => {
      const response = await postGraphQL<{ login: { accessToken: string } }>(gateway.url, LOGIN, { username, password });
      if (!response.data) throw new Error(`login of ${username} failed: ${JSON.stringify(response.errors)}`);
      return response.data.login.accessToken;
    };
    // Signed in after the copies exist, so no principal from before them can be reused.
    const tokens: Record<Caller, string> = {
      owner: await login(DEMO_USERNAMES.owner, DEMO_TEST_PASSWORD),
      manager: await login(MANAGER.username, MANAGER.password),
      customer: await login(DEMO_USERNAMES.customerAdministrator, DEMO_TEST_PASSWORD),
    };
    return {
      demo,
      metered: gateway,
      customerCount,
      async ask(caller) {
        gateway.clear();
        const response = await postGraphQL(gateway.url, TENANCY_REQUESTS[caller], {}, bearer(tokens[caller]));
        return { response, principals: gateway.sent() };
      },
      async close() {
        await gateway.stop();
        await demo.close();
      },
    };
  } catch (error) {
    await metered?.stop();
    await demo.close();
    throw error;
  }
}

/** The largest principal token among those sent, in bytes; 0 when none was sent. */
export function largestPrincipal(principals: PrincipalSent[]): number {
  return Math.max(0, ...principals.map((each) => each.bytes));
}
