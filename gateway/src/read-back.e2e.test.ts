import { DEMO_USERNAMES } from '@tenantry/stack';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';

const SWITCH = `mutation($organisationId: ID!) { switchOrganisation(organisationId: $organisationId) { accessToken } }`;
const ME = `{ me { organisation { name } activeOrganisation { name } accessibleOrganisations { name } } }`;
const USERS = `query($organisationId: ID!, $after: String) {
  users(organisationId: $organisationId, first: 1, after: $after) { edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
}`;

describe('what a client reads back through the gateway', () => {
  let demo: DemoGraph;

  beforeAll(async () => {
    demo = await startDemoGraph();
  });
  afterAll(() => demo?.close());

  it('after switching, me answers the home, the active and every accessible organisation', async () => {
    const owner = await demo.login(DEMO_USERNAMES.owner);
    const switched = await demo.graph(SWITCH, { organisationId: await demo.organisationId('Demo Support') }, owner);
    expect(switched.errors).toBeUndefined();

    const response = await demo.graph(ME, {}, switched.data.switchOrganisation.accessToken);
    expect(response.errors).toBeUndefined();
    const { organisation, activeOrganisation, accessibleOrganisations } = response.data.me;
    expect({ organisation, activeOrganisation }).toEqual({ organisation: { name: 'Demo' }, activeOrganisation: { name: 'Demo Support' } });
    expect(accessibleOrganisations.map((each: { name: string }) => each.name).sort()).toEqual(['Acme Customer', 'Demo', 'Demo Support']);
  });

  it('an operator is active in and may reach only their own organisation', async () => {
    const response = await demo.graph(ME, {}, await demo.login(DEMO_USERNAMES.operator));
    expect(response.errors).toBeUndefined();
    expect(response.data.me).toEqual({
      organisation: { name: 'Demo Support' },
      activeOrganisation: { name: 'Demo Support' },
      accessibleOrganisations: [{ name: 'Demo Support' }],
    });
  });

  it('a page asked with after says it has a previous page, the first page says not, and each starts at its first edge', async () => {
    const owner = await demo.login(DEMO_USERNAMES.owner);
    const organisationId = await demo.organisationId('Demo');
    const created = await demo.graph(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { organisationId, username: 'read.back', email: 'read.back@example.com', firstName: 'Read', lastName: 'Back', roleKey: 'OPERATOR' } },
      owner,
    );
    expect(created.errors).toBeUndefined();

    const first = await demo.graph(USERS, { organisationId }, owner);
    expect(first.errors).toBeUndefined();
    const firstPage = first.data.users;
    expect(firstPage.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: firstPage.edges[0].cursor });

    const second = await demo.graph(USERS, { organisationId, after: firstPage.pageInfo.endCursor }, owner);
    expect(second.errors).toBeUndefined();
    const secondPage = second.data.users;
    expect(secondPage.pageInfo).toMatchObject({ hasPreviousPage: true, startCursor: secondPage.edges[0].cursor });
    expect(secondPage.pageInfo.startCursor).not.toBe(firstPage.pageInfo.startCursor);
  });
});
