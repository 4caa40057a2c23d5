import type { UserPrincipal } from '@tenantry/auth';
import type { UsersTestbed } from '../testing/users.testkit';
import { startTestbed } from '../testing/users.testkit';

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id username } } }`;

describe('User references', () => {
  let bed: UsersTestbed;
  let manager: UserPrincipal;
  let colleagues: string[];
  let foreignUserId: string;

  beforeAll(async () => {
    bed = await startTestbed();
    const { seed } = bed;
    const account = await seed.createAccount();
    const support = await account.createOrganisation();
    const managerSeed = await support.createUser('MANAGER');
    colleagues = [];
    for (let i = 0; i < 49; i++) colleagues.push((await support.createUser('OPERATOR')).id);
    colleagues.push(managerSeed.id);
    manager = await managerSeed.principal();
    foreignUserId = (await (await seed.createAccount()).defaultOrganisation.createUser('OPERATOR')).id;
  });
  afterAll(() => bed.close());

  it('resolve 50 users with two SELECTs: the users, and the shield rule asking once whether their organisations are visible', async () => {
    bed.db.queries.reset();
    const response = await bed.subgraph.query(manager, ENTITIES, { representations: colleagues.map((id) => ({ __typename: 'User', id })) });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities.map((user: { id: string }) => user.id)).toEqual(colleagues);
    expect(bed.db.queries.selects).toHaveLength(2);
    expect(bed.db.queries.selects.filter((sql) => /FROM ["`]users["`]/.test(sql))).toHaveLength(1);
  });

  it('resolve a user of another account to null, like a missing one', async () => {
    const response = await bed.subgraph.query(manager, ENTITIES, {
      representations: [
        { __typename: 'User', id: foreignUserId },
        { __typename: 'User', id: '00000000-0000-0000-0000-000000000000' },
      ],
    });
    expect(response.data._entities).toEqual([null, null]);
  });

  it('answer 401 to a request whose principal is not signed by the gateway', async () => {
    const response = await fetch(bed.subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tenantry-principal': 'forged', 'x-user-id': manager.userId },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(response.status).toBe(401);
  });
});
