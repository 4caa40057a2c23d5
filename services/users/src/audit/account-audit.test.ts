import type { UserPrincipal } from '@tenantry/auth';
import { withTransaction } from '@tenantry/database';
import { PromotionRecord } from '@tenantry/permissions-module';
import { recordAudit } from '@tenantry/users-module';
import type { AccountSeed } from '@tenantry/testing';
import { errorCodes } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { startTestbed } from '../testing/users.testkit';

const ACCOUNT_AUDIT = `query($representations: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $representations) {
    ... on Account { id auditEvents(first: $first, after: $after) { totalCount edges { node { action targetId } } pageInfo { hasNextPage endCursor } } }
  }
}`;

describe('Account.auditEvents: the account-level trail', () => {
  let bed: UsersTestbed;
  let account: AccountSeed;
  let owner: UserPrincipal;

  const asked = (principal: UserPrincipal, accountId: string, page: { first?: number; after?: string } = {}) =>
    bed.query(principal, ACCOUNT_AUDIT, { representations: [{ __typename: 'Account', id: accountId }], ...page });

  beforeAll(async () => {
    bed = await startTestbed();
    account = await bed.seed.createAccount();
    owner = await account.owner.principal();
    await withTransaction(bed.db.dataSource, async (manager) => {
      for (const [index, action] of ['organisation.deleted', 'customer.made_independent', 'organisation.deleted'].entries()) {
        await recordAudit(manager, { accountId: account.record.id, organisationId: null, actorUserId: owner.userId, action, targetId: `target-${index}` });
      }
      // An organisation's own event is not part of the account's trail.
      await recordAudit(manager, { accountId: account.record.id, organisationId: account.defaultOrganisation.id, actorUserId: null, action: 'user.locked' });
    });
  });
  afterAll(() => bed.close());

  it('the owner pages through the account-level events, newest first', async () => {
    const first = await asked(owner, account.record.id, { first: 2 });
    expect(first.errors).toBeUndefined();
    const page = first.data._entities[0].auditEvents;
    expect(page.totalCount).toBe(3);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = (await asked(owner, account.record.id, { first: 2, after: page.pageInfo.endCursor })).data._entities[0].auditEvents;
    expect(second.pageInfo.hasNextPage).toBe(false);
    const targets = [...page.edges, ...second.edges].map((edge: { node: { targetId: string } }) => edge.node.targetId);
    expect(new Set(targets)).toEqual(new Set(['target-0', 'target-1', 'target-2']));
    expect(targets).toHaveLength(3);
  });

  it('a promoted user and a manager of the account are refused; another account resolves to nothing', async () => {
    const sub = await account.createOrganisation();
    const promoted = await sub.createUser('MANAGER');
    await bed.db.dataSource
      .getRepository(PromotionRecord)
      .insert({ userId: promoted.id, organisationId: account.defaultOrganisation.id, grantedAt: new Date() });
    for (const principal of [await promoted.principal(), await (await account.defaultOrganisation.createUser('MANAGER')).principal()]) {
      expect(errorCodes(await asked(principal, account.record.id))).toContain('FORBIDDEN');
    }
    const other = await bed.seed.createAccount();
    const foreign = await asked(owner, other.record.id);
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data._entities).toEqual([null]);
  });
});
