import type { UserPrincipal } from '@tenantry/auth';
import type { AccountSeed, OrganisationSeed, TestDatabase } from '@tenantry/testing';
import { createTestDatabase, errorCodes, initSeed, SubgraphHarness, TEST_PRINCIPAL_SECRET } from '@tenantry/testing';
import { In } from '@tenantry/database';
import { OrganisationRecord } from '@tenantry/organisations-module';
import { PromotionRecord } from '@tenantry/permissions-module';
import { createOrganisationsServer } from '../server';

interface OrganisationPage {
  organisations: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
}

const ORGANISATIONS = `{ organisations { totalCount edges { node { id name kind } } pageInfo { hasNextPage } } }`;
const ORGANISATION = `query($id: ID!) { organisation(id: $id) { id name } }`;
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Organisation { id name } } }`;

describe('organisations', () => {
  let db: TestDatabase;
  let subgraph: SubgraphHarness;
  let account: AccountSeed;
  let support: OrganisationSeed;
  let operator: UserPrincipal;
  let owner: UserPrincipal;
  let foreignOrganisationId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const seed = initSeed(db.dataSource);
    account = await seed.createAccount();
    support = await account.createOrganisation('Support');
    operator = await (await support.createUser('OPERATOR')).principal();
    owner = await account.owner.principal();
    foreignOrganisationId = (await seed.createAccount()).defaultOrganisation.id;
    subgraph = await SubgraphHarness.start(
      await createOrganisationsServer(db.dataSource, TEST_PRINCIPAL_SECRET, { publicUrl: 'http://app.test' }),
      'organisations',
    );
  });
  afterAll(async () => {
    await subgraph.stop();
    await db.drop();
  });

  it('an operator lists only their own organisation', async () => {
    const response = await subgraph.query(operator, ORGANISATIONS);
    expect(response.data.organisations).toEqual({
      totalCount: 1,
      edges: [{ node: { id: support.id, name: 'Support', kind: 'SUB' } }],
      pageInfo: { hasNextPage: false },
    });
  });

  it('the owner lists every organisation of the account, page by page', async () => {
    const first = await subgraph.query(owner, `{ organisations(first: 1) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`);
    expect(first.data.organisations.totalCount).toBe(2);
    expect(first.data.organisations.pageInfo.hasNextPage).toBe(true);
    const second = await subgraph.query(
      owner,
      `query($after: String) { organisations(first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }`,
      {
        after: first.data.organisations.pageInfo.endCursor,
      },
    );
    const ids = [first.data.organisations.edges[0].node.id, second.data.organisations.edges[0].node.id];
    expect(ids).toEqual([account.defaultOrganisation.id, support.id]);
    expect(second.data.organisations.pageInfo.hasNextPage).toBe(false);
  });

  it('an operator gets null for another organisation of the same account, exactly as for a missing id', async () => {
    const other = await subgraph.query(operator, ORGANISATION, { id: account.defaultOrganisation.id });
    const missing = await subgraph.query(operator, ORGANISATION, { id: '00000000-0000-0000-0000-000000000000' });
    expect(other).toEqual(missing);
    expect(other.data).toEqual({ organisation: null });
  });

  it('an entity reference to a foreign organisation resolves to null', async () => {
    const response = await subgraph.query(owner, ENTITIES, {
      representations: [
        { __typename: 'Organisation', id: foreignOrganisationId },
        { __typename: 'Organisation', id: support.id },
      ],
    });
    expect(response.data._entities).toEqual([null, { id: support.id, name: 'Support' }]);
  });

  it('only the owner reads the account', async () => {
    expect((await subgraph.query(owner, '{ account { seatLimit organisations { id } } }')).data.account.organisations).toHaveLength(2);
    const denied = await subgraph.query(operator, '{ account { seatLimit } }');
    expect(errorCodes(denied)).toEqual(['FORBIDDEN']);
    expect(denied.errors![0]).not.toHaveProperty('extensions.stacktrace');
  });

  it('a manager pages through home, granted and managed organisations once each, oldest first, however the rule reaches them', async () => {
    const customers = [
      await account.defaultOrganisation.createCustomer(),
      await account.defaultOrganisation.createCustomer(),
      await account.defaultOrganisation.createCustomer(),
    ];
    const manager = await account.defaultOrganisation.createUser('MANAGER');
    // Granted one organisation the rule reaches anyway (a managed customer) and one it would not (Support).
    await db.dataSource.getRepository(PromotionRecord).insert([
      { userId: manager.id, organisationId: support.id, grantedAt: new Date() },
      { userId: manager.id, organisationId: customers[1].id, grantedAt: new Date() },
    ]);
    const principal = await manager.principal();
    const PAGE = `query($after: String) { organisations(first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const data: OrganisationPage = (await subgraph.query(principal, PAGE, { after })).data;
      expect(data.organisations.totalCount).toBe(5);
      seen.push(...data.organisations.edges.map((edge) => edge.node.id));
      if (!data.organisations.pageInfo.hasNextPage) break;
      after = data.organisations.pageInfo.endCursor;
    }
    // Organisations made within one millisecond are ordered by id: read the expected order from the rows.
    const expected = await db.dataSource.getRepository(OrganisationRecord).find({
      where: { id: In([account.defaultOrganisation.id, support.id, ...customers.map((customer) => customer.id)]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    expect(seen).toEqual(expected.map((organisation) => organisation.id));
  });

  it('a bad cursor is a BAD_USER_INPUT error', async () => {
    expect(errorCodes(await subgraph.query(owner, '{ organisations(after: "nonsense") { totalCount } }'))).toEqual(['BAD_USER_INPUT']);
  });
});
