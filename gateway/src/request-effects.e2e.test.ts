import type { ProcessName } from '@tenantry/stack';
import { DEMO_USERNAMES } from '@tenantry/stack';
import { activationTokenIn, mailsTo } from './testing/mailbox';
import type { DemoGraph } from './testing/demo-graph';
import { DEMO_TEST_PASSWORD, startDemoGraph } from './testing/demo-graph';

const LOGIN = `mutation($username: String!, $password: String!) {
  login(username: $username, password: $password) { accessToken user { username organisation { name } } }
}`;
const CREATE_ORGANISATION = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { name } firstOperator { username status role { key } } widget { id } operatorGroup { id } }
}`;
const ACTIVATE = `mutation($token: String!, $password: String!) {
  activateAccount(token: $token, password: $password) { accessToken user { username organisation { name } } }
}`;
const SWITCH = `mutation($organisationId: ID!) {
  switchOrganisation(organisationId: $organisationId) { accessToken user { username organisation { name } activeOrganisation { name } } }
}`;
const REFRESH = `mutation($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) { accessToken user { username organisation { name } } }
}`;

describe('a request sees its own effects through the gateway', () => {
  let demo: DemoGraph;

  beforeAll(async () => {
    demo = await startDemoGraph();
  });
  afterAll(() => demo?.close());

  it('login answers the signed-in user with their organisation', async () => {
    const response = await demo.graph(LOGIN, { username: DEMO_USERNAMES.operator, password: DEMO_TEST_PASSWORD });
    expect(response.errors).toBeUndefined();
    expect(response.data.login).toEqual({
      accessToken: expect.any(String),
      user: { username: DEMO_USERNAMES.operator, organisation: { name: 'Demo Support' } },
    });
  });

  // Visibility is evaluated in SQL when the users subgraph loads the operator, so the organisation
  // committed earlier in this request counts, although the principal was resolved before it existed.
  it('createOrganisation answers the organisation, its first operator with their role, its widget and its group', async () => {
    const owner = await demo.login(DEMO_USERNAMES.owner);
    const input = {
      name: 'Effects Branch',
      firstOperator: { username: 'effects.first', email: 'effects.first@example.com', firstName: 'Effi', lastName: 'First' },
    };
    const response = await demo.graph(CREATE_ORGANISATION, { input }, owner);
    expect(response.errors).toBeUndefined();
    expect(response.data.createOrganisation).toEqual({
      organisation: { name: 'Effects Branch' },
      firstOperator: { username: 'effects.first', status: 'INVITED', role: { key: 'MANAGER' } },
      widget: { id: expect.any(String) },
      operatorGroup: { id: expect.any(String) },
    });
  });

  it('activateAccount answers the activated user with their organisation', async () => {
    const owner = await demo.login(DEMO_USERNAMES.owner);
    const created = await demo.graph(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      {
        input: {
          organisationId: await demo.organisationId('Demo'),
          username: 'effects.activated',
          email: 'effects.activated@example.com',
          firstName: 'Ada',
          lastName: 'Active',
          roleKey: 'OPERATOR',
        },
      },
      owner,
    );
    expect(created.errors).toBeUndefined();
    const mail = (await mailsTo(demo.mailDir, 'effects.activated@example.com', 2)).find((each) => each.text.includes('/activate?token='))!;

    const response = await demo.graph(ACTIVATE, { token: activationTokenIn(mail), password: 'Ada chooses a long one' });
    expect(response.errors).toBeUndefined();
    expect(response.data.activateAccount).toEqual({ accessToken: expect.any(String), user: { username: 'effects.activated', organisation: { name: 'Demo' } } });
  });

  it('switchOrganisation answers the organisation the new session acts in', async () => {
    const owner = await demo.login(DEMO_USERNAMES.owner);
    const response = await demo.graph(SWITCH, { organisationId: await demo.organisationId('Demo Support') }, owner);
    expect(response.errors).toBeUndefined();
    expect(response.data.switchOrganisation).toEqual({
      accessToken: expect.any(String),
      user: { username: DEMO_USERNAMES.owner, organisation: { name: 'Demo' }, activeOrganisation: { name: 'Demo Support' } },
    });
  });

  it('refreshSession answers the user of the rotated session with their organisation', async () => {
    const signedIn = await demo.graph(`mutation($username: String!, $password: String!) { login(username: $username, password: $password) { refreshToken } }`, {
      username: DEMO_USERNAMES.customerAdministrator,
      password: DEMO_TEST_PASSWORD,
    });
    const response = await demo.graph(REFRESH, { refreshToken: signedIn.data.login.refreshToken });
    expect(response.errors).toBeUndefined();
    expect(response.data.refreshSession).toEqual({
      accessToken: expect.any(String),
      user: { username: DEMO_USERNAMES.customerAdministrator, organisation: { name: 'Acme Customer' } },
    });
  });

  describe('a committed mutation keeps its answer when another subgraph hangs', () => {
    /** Runs `work` while a subgraph's process is stopped (SIGSTOP: it accepts connections but never answers). */
    async function whilePaused<T>(part: ProcessName, work: () => Promise<T>): Promise<T> {
      process.kill(demo.stack.pids[part], 'SIGSTOP');
      try {
        return await work();
      } finally {
        process.kill(demo.stack.pids[part], 'SIGCONT');
      }
    }

    it('login answers its tokens and the user, with null for the permissions that could not be read', async () => {
      const response = await whilePaused('permissions', () =>
        demo.graph(
          `mutation($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken user { username permissions } } }`,
          { username: DEMO_USERNAMES.operator, password: DEMO_TEST_PASSWORD },
        ),
      );
      expect(response.data?.login).toEqual({ accessToken: expect.any(String), user: { username: DEMO_USERNAMES.operator, permissions: null } });
      expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
      const me = await demo.graph('{ me { username } }', {}, response.data!.login.accessToken);
      expect(me.data).toEqual({ me: { username: DEMO_USERNAMES.operator } });
    });

    it("createOrganisation answers what it created, with null for the first operator's permissions that could not be read", async () => {
      const owner = await demo.login(DEMO_USERNAMES.owner);
      const input = {
        name: 'Effects Hung',
        firstOperator: { username: 'effects.hung', email: 'effects.hung@example.com', firstName: 'Hugo', lastName: 'Hung' },
      };
      const response = await whilePaused('permissions', () =>
        demo.graph(
          `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { name } firstOperator { username permissions } widget { id } } }`,
          { input },
          owner,
        ),
      );
      expect(response.data?.createOrganisation).toEqual({
        organisation: { name: 'Effects Hung' },
        firstOperator: { username: 'effects.hung', permissions: null },
        widget: { id: expect.any(String) },
      });
    });
  });
});
