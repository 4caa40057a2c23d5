import { UserRecord } from '@tenantry/database';
import { snapshotAllRows } from '@tenantry/testing';
import { errorCode, startTestbed, UsersTestbed } from '../testing/users.testkit';

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
