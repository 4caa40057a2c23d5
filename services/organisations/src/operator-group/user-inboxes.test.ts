import type { UserPrincipal } from '@tenantry/auth';
import { OperatorGroupMemberRecord, OperatorGroupRecord } from '@tenantry/organisations-module';
import type { AccountSeed, OrganisationSeed, TestDatabase, UserSeed } from '@tenantry/testing';
import { createTestDatabase, errorCodes, initSeed, SubgraphHarness, TEST_PRINCIPAL_SECRET } from '@tenantry/testing';
import { createOrganisationsServer } from '../server';

const INBOXES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id inboxes { id name } } } }`;

describe('User.inboxes: the operator groups a user answers for', () => {
  let db: TestDatabase;
  let subgraph: SubgraphHarness;
  let account: AccountSeed;
  let support: OrganisationSeed;
  let sales: OrganisationSeed;
  let operator: UserSeed;
  let colleague: UserSeed;
  let owner: UserPrincipal;
  let salesOperator: UserPrincipal;
  let nightShift: OperatorGroupRecord;
  let foreignUser: UserSeed;

  const user = (seed: UserSeed, organisationId = seed.record.organisationId) => ({ __typename: 'User', id: seed.id, organisation: { id: organisationId } });
  const firstGroupOf = (organisation: OrganisationSeed) =>
    db.dataSource.getRepository(OperatorGroupRecord).findOneByOrFail({ organisationId: organisation.id });

  beforeAll(async () => {
    db = await createTestDatabase();
    const seed = initSeed(db.dataSource);
    account = await seed.createAccount();
    support = await account.createOrganisation('Support');
    sales = await account.createOrganisation('Sales');
    operator = await support.createUser('OPERATOR');
    colleague = await support.createUser('OPERATOR');
    owner = await account.owner.principal();
    salesOperator = await (await sales.createUser('OPERATOR')).principal();
    foreignUser = await (await seed.createAccount()).defaultOrganisation.createUser('OPERATOR');
    // A second group of Support, created later, that only the colleague answers for too.
    nightShift = db.dataSource.getRepository(OperatorGroupRecord).create({
      id: '00000000-0000-4000-8000-00000000a001',
      organisationId: support.id,
      name: 'Night shift',
      createdAt: new Date(Date.now() + 1000),
    });
    await db.dataSource.getRepository(OperatorGroupRecord).insert(nightShift);
    await db.dataSource.getRepository(OperatorGroupMemberRecord).insert({ operatorGroupId: nightShift.id, userId: colleague.id });
    subgraph = await SubgraphHarness.start(
      await createOrganisationsServer(db.dataSource, TEST_PRINCIPAL_SECRET, { publicUrl: 'http://app.test' }),
      'organisations',
    );
  });
  afterAll(async () => {
    await subgraph.stop();
    await db.drop();
  });

  it('a user reads their own inboxes', async () => {
    const group = await firstGroupOf(support);
    const response = await subgraph.query(await operator.principal(), INBOXES, { representations: [user(operator)] });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([{ id: operator.id, inboxes: [{ id: group.id, name: group.name }] }]);
  });

  it('a colleague who may read users sees every inbox of each user asked in one batch, oldest first', async () => {
    const group = await firstGroupOf(support);
    const response = await subgraph.query(await colleague.principal(), INBOXES, { representations: [user(operator), user(colleague)] });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([
      { id: operator.id, inboxes: [{ id: group.id, name: group.name }] },
      {
        id: colleague.id,
        inboxes: [
          { id: group.id, name: group.name },
          { id: nightShift.id, name: 'Night shift' },
        ],
      },
    ]);
  });

  it('the account owner reads the inboxes of users of every organisation', async () => {
    const response = await subgraph.query(owner, INBOXES, { representations: [user(operator)] });
    expect(response.data._entities[0].inboxes).toHaveLength(1);
  });

  it('an operator of another organisation is refused', async () => {
    const response = await subgraph.query(salesOperator, INBOXES, { representations: [user(operator)] });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });

  it('a foreign user passed off as one of a visible organisation shows no inbox of theirs', async () => {
    const response = await subgraph.query(owner, INBOXES, { representations: [user(foreignUser, support.id)] });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([{ id: foreignUser.id, inboxes: [] }]);
  });
});
