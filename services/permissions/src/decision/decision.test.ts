import type { UserPrincipal } from '@tenantry/auth';
import type { TestDatabase, UserSeed } from '@tenantry/testing';
import { createTestDatabase, errorCodes, initSeed, SubgraphHarness, TEST_PRINCIPAL_SECRET } from '@tenantry/testing';
import { createPermissionsServer } from '../server';

const CAN = `query($r: [_Any!]!, $permission: String!, $organisationId: ID) {
  _entities(representations: $r) { ... on User { can(permission: $permission, organisationId: $organisationId) { allowed reason } } }
}`;

describe('User.can', () => {
  let db: TestDatabase;
  let subgraph: SubgraphHarness;
  let operator: UserSeed;
  let manager: UserPrincipal;
  let organisationId: string;
  let customerId: string;
  let foreignOrganisationId: string;

  const ask = async (principal: UserPrincipal, permission: string, organisationId?: string) => {
    const response = await subgraph.query(principal, CAN, { r: [{ __typename: 'User', id: principal.userId }], permission, organisationId });
    return response.data._entities[0].can;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const seed = initSeed(db.dataSource);
    const account = await seed.createAccount();
    organisationId = account.defaultOrganisation.id;
    customerId = (await account.defaultOrganisation.createCustomer()).id;
    operator = await account.defaultOrganisation.createUser('OPERATOR');
    manager = await (await account.defaultOrganisation.createUser('MANAGER')).principal();
    foreignOrganisationId = (await seed.createAccount()).defaultOrganisation.id;
    subgraph = await SubgraphHarness.start(await createPermissionsServer(db.dataSource, TEST_PRINCIPAL_SECRET), 'permissions');
  });
  afterAll(async () => {
    await subgraph.stop();
    await db.drop();
  });

  it("explains what the caller's role grants and lacks", async () => {
    const principal = await operator.principal();
    expect(await ask(principal, 'users.invite')).toEqual({ allowed: false, reason: 'role OPERATOR lacks users.invite' });
    expect(await ask(principal, 'chats.access', organisationId)).toEqual({ allowed: true, reason: 'role OPERATOR grants chats.access' });
    expect(await ask(principal, 'x')).toEqual({ allowed: false, reason: 'unknown permission x' });
  });

  it('answers a foreign organisation exactly like a missing one', async () => {
    const principal = await operator.principal();
    const foreign = await ask(principal, 'chats.access', foreignOrganisationId);
    expect(foreign).toEqual({ allowed: false, reason: 'organisation is not visible to you' });
    expect(await ask(principal, 'chats.access', '00000000-0000-0000-0000-000000000000')).toEqual(foreign);
    expect(await ask(principal, 'chats.access', customerId)).toEqual(foreign);
  });

  it('never grants templates in a customer organisation, even to whom the role grants them', async () => {
    expect(await ask(manager, 'templates.use', organisationId)).toEqual({ allowed: true, reason: 'role MANAGER grants templates.use' });
    expect(await ask(manager, 'templates.use', customerId)).toEqual({ allowed: false, reason: 'customer organisations never get templates.use' });
  });

  it('is only answered for the caller themself', async () => {
    const response = await subgraph.query(manager, CAN, { r: [{ __typename: 'User', id: operator.id }], permission: 'users.invite' });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.data?._entities?.[0]?.can ?? null).toBeNull();
  });
});
