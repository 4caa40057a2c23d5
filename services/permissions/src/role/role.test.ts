import type { UserPrincipal } from '@tenantry/auth';
import type { TestDatabase, UserSeed } from '@tenantry/testing';
import { createTestDatabase, errorCodes, initSeed, SubgraphHarness, TEST_PRINCIPAL_SECRET } from '@tenantry/testing';
import { createPermissionsServer } from '../server';

const ROLES_OF = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id role { key } permissions } } }`;

describe('roles', () => {
  let db: TestDatabase;
  let subgraph: SubgraphHarness;
  let manager: UserPrincipal;
  let operator: UserSeed;
  let foreignUserId: string;
  let organisationId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const seed = initSeed(db.dataSource);
    const account = await seed.createAccount();
    organisationId = account.defaultOrganisation.id;
    manager = await (await account.defaultOrganisation.createUser('MANAGER')).principal();
    operator = await account.defaultOrganisation.createUser('OPERATOR');
    foreignUserId = (await (await seed.createAccount()).defaultOrganisation.createUser('MANAGER')).id;
    subgraph = await SubgraphHarness.start(await createPermissionsServer(db.dataSource, TEST_PRINCIPAL_SECRET), 'permissions');
  });
  afterAll(async () => {
    await subgraph.stop();
    await db.drop();
  });

  it("resolve a colleague's role and permissions through User references", async () => {
    const response = await subgraph.query(manager, ROLES_OF, { representations: [{ __typename: 'User', id: operator.id }] });
    expect(response.data._entities[0].role).toEqual({ key: 'OPERATOR' });
    expect(response.data._entities[0].permissions).toContain('chats.access');
    expect(response.data._entities[0].permissions).not.toContain('users.invite');
  });

  it('resolve a user of another account to null', async () => {
    const response = await subgraph.query(manager, ROLES_OF, { representations: [{ __typename: 'User', id: foreignUserId }] });
    expect(response.data._entities).toEqual([null]);
  });

  it('list the built-in roles of a visible organisation, and none of a foreign one', async () => {
    const own = await subgraph.query(manager, `query($id: ID!) { roles(organisationId: $id) { key builtIn } }`, { id: organisationId });
    expect(own.data.roles.map((role: { key: string }) => role.key).sort()).toEqual(['MANAGER', 'OPERATOR', 'OWNER']);
    const foreign = await subgraph.query(manager, `query($id: ID!) { roles(organisationId: $id) { key } }`, { id: foreignUserId });
    expect(foreign.data.roles).toEqual([]);
  });

  it('deny the catalog to anonymous callers (UNAUTHENTICATED) and list it to users', async () => {
    expect(errorCodes(await subgraph.query({ kind: 'anonymous' }, '{ permissionCatalog { key } }'))).toEqual(['UNAUTHENTICATED']);
    const catalog = await subgraph.query(manager, '{ permissionCatalog { key group description } }');
    expect(catalog.data.permissionCatalog).toContainEqual(expect.objectContaining({ key: 'phoneNumbers.visible', group: 'phoneNumbers' }));
  });
});
