import { PromotionRecord } from '@tenantry/permissions-module';
import { UserRecord } from '@tenantry/users-module';
import { snapshotAllRows } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { errorCode, startTestbed } from '../testing/users.testkit';

const UPDATE_EMAIL = `mutation($id: ID!) { updateUser(id: $id, input: { email: "attacker@example.com" }) { id } }`;

describe('who may administer whom', () => {
  let bed: UsersTestbed;
  beforeAll(async () => {
    bed = await startTestbed();
  });
  afterAll(() => bed.close());

  it("a manager cannot change the account owner's email (the first step of taking the account over), nor suspend the owner", async () => {
    const account = await bed.seed.createAccount();
    const manager = await (await account.defaultOrganisation.createUser('MANAGER')).principal();
    const before = await snapshotAllRows(bed.db.dataSource);
    expect(errorCode(await bed.query(manager, UPDATE_EMAIL, { id: account.owner.id }))).toBe('FORBIDDEN');
    expect(errorCode(await bed.query(manager, 'mutation($id: ID!) { suspendUser(id: $id) { id } }', { id: account.owner.id }))).toBe('FORBIDDEN');
    expect(await snapshotAllRows(bed.db.dataSource)).toEqual(before);
    expect((await bed.db.dataSource.getRepository(UserRecord).findOneByOrFail({ id: account.owner.id })).email).not.toBe('attacker@example.com');
  });

  it('a manager administers operators, but not a user whose role holds permissions the manager lacks', async () => {
    const account = await bed.seed.createAccount();
    const manager = await (await account.defaultOrganisation.createUser('MANAGER')).principal();
    const operator = await account.defaultOrganisation.createUser('OPERATOR');
    expect((await bed.query(manager, UPDATE_EMAIL, { id: operator.id })).errors).toBeUndefined();
    const mightier = await account.defaultOrganisation.createUser('OWNER');
    expect(errorCode(await bed.query(manager, UPDATE_EMAIL, { id: mightier.id }))).toBe('FORBIDDEN');
  });
});

describe('who sees more than the caller is beyond them', () => {
  let bed: UsersTestbed;
  beforeAll(async () => {
    bed = await startTestbed();
  });
  afterAll(() => bed.close());

  it('a manager cannot administer a colleague the owner promoted into another organisation, until the promotion ends', async () => {
    const account = await bed.seed.createAccount();
    const branch = await account.createOrganisation();
    const manager = await (await branch.createUser('MANAGER')).principal();
    const colleague = await branch.createUser('OPERATOR');
    await bed.db.dataSource
      .getRepository(PromotionRecord)
      .insert({ userId: colleague.id, organisationId: account.defaultOrganisation.id, grantedAt: new Date() });
    const before = await snapshotAllRows(bed.db.dataSource);
    expect(errorCode(await bed.query(manager, UPDATE_EMAIL, { id: colleague.id }))).toBe('FORBIDDEN');
    expect(errorCode(await bed.query(manager, 'mutation($id: ID!) { deleteUser(id: $id) }', { id: colleague.id }))).toBe('FORBIDDEN');
    expect(await snapshotAllRows(bed.db.dataSource)).toEqual(before);
    await bed.db.dataSource.getRepository(PromotionRecord).delete({ userId: colleague.id });
    expect((await bed.query(manager, UPDATE_EMAIL, { id: colleague.id })).errors).toBeUndefined();
  });

  it('a manager promoted into an organisation cannot administer its managers, who also see the customers it manages', async () => {
    const account = await bed.seed.createAccount();
    const branch = await account.createOrganisation();
    await account.defaultOrganisation.createCustomer();
    const promotedManager = await branch.createUser('MANAGER');
    await bed.db.dataSource
      .getRepository(PromotionRecord)
      .insert({ userId: promotedManager.id, organisationId: account.defaultOrganisation.id, grantedAt: new Date() });
    const principal = await promotedManager.principal();
    const managerThere = await account.defaultOrganisation.createUser('MANAGER');
    const operatorThere = await account.defaultOrganisation.createUser('OPERATOR');
    expect(errorCode(await bed.query(principal, UPDATE_EMAIL, { id: managerThere.id }))).toBe('FORBIDDEN');
    expect((await bed.query(principal, UPDATE_EMAIL, { id: operatorThere.id })).errors).toBeUndefined();
  });
});
