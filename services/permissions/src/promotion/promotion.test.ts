import type { UserPrincipal } from '@tenantry/auth';
import { visibleOrganisations } from '@tenantry/organisations-module';
import { resolvePrincipal } from '@tenantry/store';
import { PromotionRecord } from '@tenantry/permissions-module';
import { AuditEventRecord, SessionRecord } from '@tenantry/users-module';
import type { AccountSeed, OrganisationSeed, TestDatabase, UserSeed } from '@tenantry/testing';
import { snapshotAllRows, createTestDatabase, errorCodes, initSeed, SubgraphHarness, TEST_PRINCIPAL_SECRET } from '@tenantry/testing';
import { createPermissionsServer } from '../server';

const PROMOTE = `mutation($userId: ID!, $ids: [ID!]!) { promoteUser(userId: $userId, organisationIds: $ids) { id promotedOrganisations { id } } }`;
const DEMOTE = `mutation($userId: ID!) { demoteUser(userId: $userId) { id promotedOrganisations { id } } }`;
const MISSING_ID = '00000000-0000-0000-0000-000000000000';

describe('promotion', () => {
  let db: TestDatabase;
  /** What the visibility rule lets a principal see, evaluated in SQL as every subgraph does. */
  const visibleIds = async (principal: UserPrincipal) => (await visibleOrganisations(db.dataSource.manager, principal).getMany()).map((o) => o.id);
  let subgraph: SubgraphHarness;
  let account: AccountSeed;
  let support: OrganisationSeed;
  let sales: OrganisationSeed;
  let owner: UserPrincipal;
  let operator: UserSeed;
  let foreignUserId: string;
  let foreignOrganisationId: string;

  const sorted = (ids: readonly string[]) => [...ids].sort();

  beforeAll(async () => {
    db = await createTestDatabase();
    const seed = initSeed(db.dataSource);
    account = await seed.createAccount();
    support = await account.createOrganisation('Support');
    sales = await account.createOrganisation('Sales');
    operator = await support.createUser('OPERATOR');
    owner = await account.owner.principal();
    const foreign = await seed.createAccount();
    foreignOrganisationId = foreign.defaultOrganisation.id;
    foreignUserId = (await foreign.defaultOrganisation.createUser('OPERATOR')).id;
    subgraph = await SubgraphHarness.start(await createPermissionsServer(db.dataSource, TEST_PRINCIPAL_SECRET), 'permissions');
  });
  afterAll(async () => {
    await subgraph.stop();
    await db.drop();
  });

  it('a promoted user sees exactly the granted organisations from their next request on, audited', async () => {
    expect(await visibleIds(await operator.principal())).toEqual([support.id]);
    const response = await subgraph.query(owner, PROMOTE, { userId: operator.id, ids: [account.defaultOrganisation.id, sales.id, sales.id, support.id] });
    expect(response.errors).toBeUndefined();
    expect(sorted(response.data.promoteUser.promotedOrganisations.map((o: { id: string }) => o.id))).toEqual(
      sorted([account.defaultOrganisation.id, sales.id]),
    );
    const after = await operator.principal();
    expect(sorted(after.grantedOrganisationIds)).toEqual(sorted([account.defaultOrganisation.id, sales.id]));
    expect(sorted(await visibleIds(after))).toEqual(sorted([support.id, account.defaultOrganisation.id, sales.id]));
    expect(await db.dataSource.getRepository(AuditEventRecord).findOneByOrFail({ action: 'user.promoted', targetId: operator.id })).toMatchObject({
      actorUserId: owner.userId,
      accountId: account.record.id,
    });
  });

  it('a new promotion replaces the previous grant', async () => {
    await subgraph.query(owner, PROMOTE, { userId: operator.id, ids: [sales.id] });
    expect(sorted(await visibleIds(await operator.principal()))).toEqual(sorted([support.id, sales.id]));
  });

  it('the promoted user sees their own grant', async () => {
    const response = await subgraph.query(
      await operator.principal(),
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { promotedOrganisations { id } } } }`,
      {
        r: [{ __typename: 'User', id: operator.id }],
      },
    );
    expect(response.data._entities).toEqual([{ promotedOrganisations: [{ id: sales.id }] }]);
  });

  it('refuses foreign and missing ids alike, customer users, the owner and an empty grant, changing nothing', async () => {
    const customerUser = await (await account.defaultOrganisation.createCustomer()).createUser('MEMBER');
    const now = await account.owner.principal();
    const before = await snapshotAllRows(db.dataSource);
    const promote = (userId: string, ids: string[]) => subgraph.query(now, PROMOTE, { userId, ids });
    const foreignUser = await promote(foreignUserId, [sales.id]);
    const missingUser = await promote(MISSING_ID, [sales.id]);
    expect(errorCodes(foreignUser)).toEqual(['NOT_FOUND']);
    expect(foreignUser.errors![0].message).toBe(missingUser.errors![0].message);
    const foreignOrganisation = await promote(operator.id, [account.defaultOrganisation.id, foreignOrganisationId]);
    const missingOrganisation = await promote(operator.id, [account.defaultOrganisation.id, MISSING_ID]);
    expect(errorCodes(foreignOrganisation)).toEqual(['NOT_FOUND']);
    expect(foreignOrganisation.errors![0].message).toBe(missingOrganisation.errors![0].message);
    expect(errorCodes(await promote(customerUser.id, [sales.id]))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await promote(now.userId, [sales.id]))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await promote(operator.id, [support.id]))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await subgraph.query(now, DEMOTE, { userId: foreignUserId }))).toEqual(['NOT_FOUND']);
    expect(await snapshotAllRows(db.dataSource)).toEqual(before);
  });

  it("is the owner's alone: a manager of the account gets FORBIDDEN", async () => {
    const manager = await (await account.defaultOrganisation.createUser('MANAGER')).principal();
    const before = await snapshotAllRows(db.dataSource);
    expect(errorCodes(await subgraph.query(manager, PROMOTE, { userId: operator.id, ids: [account.defaultOrganisation.id] }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.query(manager, DEMOTE, { userId: operator.id }))).toEqual(['FORBIDDEN']);
    expect(await snapshotAllRows(db.dataSource)).toEqual(before);
  });

  it("grants only organisations still in the user's account: one that left it (a customer made independent) is not", async () => {
    const promoted = await support.createUser('OPERATOR');
    // As the rows stand after a promoted-into organisation moved to another account.
    const grantedAt = new Date();
    await db.dataSource
      .getRepository(PromotionRecord)
      .insert([sales.id, foreignOrganisationId, account.defaultOrganisation.id].map((organisationId) => ({ userId: promoted.id, organisationId, grantedAt })));
    const principal = await promoted.principal();
    expect(sorted(principal.grantedOrganisationIds)).toEqual(sorted([sales.id, account.defaultOrganisation.id]));
    expect(sorted(await visibleIds(principal))).toEqual(sorted([support.id, sales.id, account.defaultOrganisation.id]));
  });

  it('a demoted user sees only their own organisation on their next request, and falls back home from a switched-to one', async () => {
    const { claims } = await operator.openSession();
    await db.dataSource.getRepository(SessionRecord).update({ id: claims.sessionId }, { activeOrganisationId: sales.id });
    expect(await resolvePrincipal(db.dataSource, claims)).toMatchObject({ organisationId: sales.id });
    const response = await subgraph.query(owner, DEMOTE, { userId: operator.id });
    expect(response.data.demoteUser).toEqual({ id: operator.id, promotedOrganisations: [] });
    const demoted = (await resolvePrincipal(db.dataSource, claims))!;
    expect(demoted).toMatchObject({ grantedOrganisationIds: [], organisationId: support.id });
    expect(await visibleIds(demoted)).toEqual([support.id]);
    expect(await db.dataSource.getRepository(AuditEventRecord).findOneByOrFail({ action: 'user.demoted', targetId: operator.id })).toMatchObject({
      details: { previousOrganisationIds: [sales.id] },
    });
  });
});
