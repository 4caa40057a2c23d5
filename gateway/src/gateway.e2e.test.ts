import { DEMO_USERNAMES } from '@tenantry/stack';
import { bearer, errorCodes, postGraphQL } from '@tenantry/testing';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';

const ME = `{ me { username organisation { name } role { key } permissions } }`;

describe('the graph through the gateway, as real processes over HTTP', () => {
  let demo: DemoGraph;

  beforeAll(async () => {
    demo = await startDemoGraph();
  });
  afterAll(() => demo?.close());

  it('logs in and answers me with data from all three subgraphs', async () => {
    const accessToken = await demo.login(DEMO_USERNAMES.owner);
    const response = await postGraphQL(demo.stack.gatewayUrl, ME, {}, bearer(accessToken));
    expect(response.errors).toBeUndefined();
    expect(response.data.me).toMatchObject({ username: 'demo.owner', organisation: { name: 'Demo' }, role: { key: 'OWNER' } });
    expect(response.data.me.permissions).toContain('organisation.delete');
  });

  it('shows an operator only their own organisation', async () => {
    const accessToken = await demo.login(DEMO_USERNAMES.operator);
    const response = await postGraphQL(
      demo.stack.gatewayUrl,
      '{ organisations { edges { node { name } } } me { organisation { name } role { key } } }',
      {},
      bearer(accessToken),
    );
    expect(response.data).toEqual({
      organisations: { edges: [{ node: { name: 'Demo Support' } }] },
      me: { organisation: { name: 'Demo Support' }, role: { key: 'OPERATOR' } },
    });
  });

  it('answers a page of users of one organisation with the role and the organisation of each', async () => {
    const owner = await demo.login(DEMO_USERNAMES.owner);
    const organisationId = await demo.organisationId('Demo');
    for (const [username, roleKey] of [
      ['page.manager', 'MANAGER'],
      ['page.operator', 'OPERATOR'],
    ]) {
      const created = await postGraphQL(
        demo.stack.gatewayUrl,
        'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
        { input: { organisationId, username, email: `${username}@example.com`, firstName: 'Page', lastName: username, roleKey } },
        bearer(owner),
      );
      expect(created.errors).toBeUndefined();
    }
    // Every user of the page refers to the same organisation: the gateway asks for it once and answers it at each user.
    const page = await postGraphQL(
      demo.stack.gatewayUrl,
      'query($id: ID!) { users(organisationId: $id, first: 50) { edges { node { username role { key } organisation { id name } } } } }',
      { id: organisationId },
      bearer(owner),
    );
    expect(page.errors).toBeUndefined();
    const users = page.data.users.edges.map((edge: { node: unknown }) => edge.node);
    expect(users).toEqual(
      expect.arrayContaining([
        { username: 'demo.owner', role: { key: 'OWNER' }, organisation: { id: organisationId, name: 'Demo' } },
        { username: 'page.manager', role: { key: 'MANAGER' }, organisation: { id: organisationId, name: 'Demo' } },
        { username: 'page.operator', role: { key: 'OPERATOR' }, organisation: { id: organisationId, name: 'Demo' } },
      ]),
    );
    for (const user of users) expect(user.organisation).toEqual({ id: organisationId, name: 'Demo' });
  });

  it('refuses an access token once its session logged out', async () => {
    const accessToken = await demo.login(DEMO_USERNAMES.customerAdministrator);
    expect((await postGraphQL(demo.stack.gatewayUrl, 'mutation { logout }', {}, bearer(accessToken))).data).toEqual({ logout: true });
    const after = await postGraphQL(demo.stack.gatewayUrl, ME, {}, bearer(accessToken));
    expect(after.status).toBe(401);
    expect(errorCodes(after)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a forged bearer token, and leaves anonymous callers only the open mutations', async () => {
    expect((await postGraphQL(demo.stack.gatewayUrl, ME, {}, bearer('not.a.token'))).status).toBe(401);
    expect(errorCodes(await postGraphQL(demo.stack.gatewayUrl, ME))).toEqual(['UNAUTHENTICATED']);
  });

  it('a subgraph called directly answers 401, without a principal and with a forged one', async () => {
    const url = `http://127.0.0.1:${demo.stack.ports.users}/graphql`;
    expect((await postGraphQL(url, ME)).status).toBe(401);
    expect(
      (await postGraphQL(url, ME, {}, { 'x-tenantry-principal': 'eyJhbGciOiJub25lIn0.eyJwcmluY2lwYWwiOnsia2luZCI6InVzZXIifX0.', 'x-user-id': 'x' })).status,
    ).toBe(401);
  });
});
