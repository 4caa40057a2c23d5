import { INVALID_CREDENTIALS_MESSAGE, passwordVerificationCount } from '@tenantry/auth';
import { AuditEventRecord, UserRecord, UserStatus } from '@tenantry/users-module';
import type { AccountSeed, OrganisationSeed, UserSeed } from '@tenantry/testing';
import { SEED_PASSWORD } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { errorCode, startTestbed } from '../testing/users.testkit';

const CUSTOMER_LOGIN = `mutation($username: String!, $password: String!, $customerOf: ID) {
  login(username: $username, password: $password, customerOf: $customerOf) { accessToken user { username } }
}`;

describe('login(customerOf:): the embedded customer login admits only customers of that organisation', () => {
  let bed: UsersTestbed;
  let account: AccountSeed;
  let customer: OrganisationSeed;
  let customerUser: UserSeed;

  beforeAll(async () => {
    bed = await startTestbed();
    account = await bed.seed.createAccount();
    customer = await account.defaultOrganisation.createCustomer();
    customerUser = await customer.createUser('MEMBER');
  });
  afterAll(() => bed.close());

  const login = (username: string, password: string, customerOf: string) => bed.anonymous(CUSTOMER_LOGIN, { username, password, customerOf });

  it('signs in a user of a customer organisation the named organisation manages', async () => {
    const response = await login(customerUser.record.username, SEED_PASSWORD, account.defaultOrganisation.id);
    expect(response.errors).toBeUndefined();
    expect(response.data.login).toEqual({ accessToken: expect.any(String), user: { username: customerUser.record.username } });
  });

  it('refuses everyone else with the error of a wrong password, testing no password and counting nothing', async () => {
    const operator = await account.defaultOrganisation.createUser('OPERATOR');
    const otherManaging = await account.createOrganisation();
    const foreignCustomerUser = await (await (await bed.seed.createAccount()).defaultOrganisation.createCustomer()).createUser('ADMINISTRATOR');
    const wrongPassword = await login(customerUser.record.username, 'wrong password', account.defaultOrganisation.id);
    const before = passwordVerificationCount();
    const refused = [
      // Right passwords, wrong people: the managing organisation's own staff and owner.
      await login(operator.record.username, SEED_PASSWORD, account.defaultOrganisation.id),
      await login(account.owner.record.username, SEED_PASSWORD, account.defaultOrganisation.id),
      // A customer of another organisation, of this account or another.
      await login(customerUser.record.username, SEED_PASSWORD, otherManaging.id),
      await login(foreignCustomerUser.record.username, SEED_PASSWORD, account.defaultOrganisation.id),
      // The customer organisation is not its own manager.
      await login(customerUser.record.username, SEED_PASSWORD, customer.id),
    ];
    expect(passwordVerificationCount() - before).toBe(0);
    for (const response of [wrongPassword, ...refused]) {
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
      expect(response.errors).toEqual(wrongPassword.errors);
      expect(response.errors![0].message).toBe(INVALID_CREDENTIALS_MESSAGE);
    }
    for (let attempt = 0; attempt < 5; attempt++) await login(operator.record.username, SEED_PASSWORD, account.defaultOrganisation.id);
    expect(await bed.db.dataSource.getRepository(UserRecord).findOneByOrFail({ id: operator.id })).toMatchObject({
      status: UserStatus.ACTIVE,
      failedLoginCount: 0,
    });
    expect(await bed.db.dataSource.getRepository(AuditEventRecord).countBy({ targetId: operator.id, action: 'user.login' })).toBe(0);
  });

  it('without customerOf, login is unchanged', async () => {
    const operator = await account.defaultOrganisation.createUser('OPERATOR');
    const response = await bed.anonymous(CUSTOMER_LOGIN, { username: operator.record.username, password: SEED_PASSWORD });
    expect(response.data.login.user).toEqual({ username: operator.record.username });
  });
});
