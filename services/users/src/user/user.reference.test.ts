import { createTestDatabase, initSeed, SubgraphHarness, TestDatabase, TEST_PRINCIPAL_SECRET, TEST_ACCESS_TOKEN_SECRET } from '@tenantry/testing';
import { UserPrincipal } from '@tenantry/auth';
import { createUsersServer } from '../server';

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id username } } }`;

describe('User references', () => {
  let db: TestDatabase;
  let subgraph: SubgraphHarness;
  let manager: UserPrincipal;
  let colleagues: string[];
  let foreignUserId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const seed = initSeed(db.dataSource);
    const account = await seed.createAccount();
    const support = await account.createOrganisation();
    const managerSeed = await support.createUser('MANAGER');
    colleagues = [];
    for (let i = 0; i < 49; i++) colleagues.push((await support.createUser('OPERATOR')).id);
    colleagues.push(managerSeed.id);
    manager = await managerSeed.principal();
    foreignUserId = (await (await seed.createAccount()).defaultOrganisation.createUser('OPERATOR')).id;
    subgraph = await SubgraphHarness.start(
      await createUsersServer(db.dataSource, TEST_PRINCIPAL_SECRET, { accessTokenSecret: TEST_ACCESS_TOKEN_SECRET, accessTokenTtlSeconds: 60, refreshTokenTtlDays: 1 }),
      'users',
    );
  });
  afterAll(async () => {
    await subgraph.stop();
    await db.drop();
  });

  it('resolve 50 users with one SELECT', async () => {
    db.queries.reset();
    const response = await subgraph.query(manager, ENTITIES, { representations: colleagues.map((id) => ({ __typename: 'User', id })) });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities.map((user: { id: string }) => user.id)).toEqual(colleagues);
    expect(db.queries.selects).toHaveLength(1);
  });

  it('resolve a user of another account to null, like a missing one', async () => {
    const response = await subgraph.query(manager, ENTITIES, {
      representations: [{ __typename: 'User', id: foreignUserId }, { __typename: 'User', id: '00000000-0000-0000-0000-000000000000' }],
    });
    expect(response.data._entities).toEqual([null, null]);
  });

  it('answer 401 to a request whose principal is not signed by the gateway', async () => {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tenantry-principal': 'forged', 'x-user-id': manager.userId },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(response.status).toBe(401);
  });
});
