import { AccountRecord } from '@tenantry/organisations-module';
import { OutboxMailRecord } from '@tenantry/mail';
import { UserRecord, UserStatus } from '@tenantry/users-module';
import type { AccountSeed, OrganisationSeed } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { startTestbed } from '../testing/users.testkit';

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id username email firstName status mustChangePassword } }`;

describe('createUser follows the account onboarding policy', () => {
  let bed: UsersTestbed;
  let account: AccountSeed;
  let support: OrganisationSeed;

  beforeAll(async () => {
    bed = await startTestbed();
    account = await bed.seed.createAccount();
    support = await account.createOrganisation();
  });
  afterAll(() => bed.close());

  const setPolicy = (requiredFields: Array<'EMAIL' | 'FIRST_NAME' | 'LAST_NAME'>, initialPasswords: boolean) =>
    bed.db.dataSource.getRepository(AccountRecord).update({ id: account.record.id }, { onboardingPolicy: { requiredFields, initialPasswords } });
  const create = async (input: Record<string, unknown>) =>
    bed.query(await account.owner.principal(), CREATE, { input: { organisationId: support.id, roleKey: 'OPERATOR', lastName: 'Sidorov', ...input } });

  it('by default refuses a user without first name, and an initial password, naming the field', async () => {
    await setPolicy(['EMAIL', 'FIRST_NAME', 'LAST_NAME'], false);
    expect((await create({ username: 'no.first', email: 'no.first@example.com' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'firstName',
    });
    const withPassword = await create({ username: 'pw.refused', email: 'pw@example.com', firstName: 'Ivan', initialPassword: 'a-fine-long-password' });
    expect(withPassword.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'initialPassword' });
    expect(await bed.db.dataSource.getRepository(UserRecord).countBy({ username: 'pw.refused' })).toBe(0);
  });

  it('creates an ACTIVE user who must change the password, without mail, when the policy allows it', async () => {
    await setPolicy(['LAST_NAME'], true);
    const before = await bed.db.dataSource.getRepository(OutboxMailRecord).count();
    const response = await create({ username: 'sidorov', initialPassword: 'a-fine-long-password' });
    expect(response.errors).toBeUndefined();
    expect(response.data.createUser).toMatchObject({ username: 'sidorov', email: null, firstName: null, status: UserStatus.ACTIVE, mustChangePassword: true });
    expect(await bed.db.dataSource.getRepository(OutboxMailRecord).count()).toBe(before);
    const record = await bed.db.dataSource.getRepository(UserRecord).findOneByOrFail({ username: 'sidorov' });
    expect(record).toMatchObject({ screenName: 'Sidorov', mustChangePassword: true });
  });

  it('refuses an initial password the password rules refuse, creating nothing', async () => {
    await setPolicy(['LAST_NAME'], true);
    const response = await create({ username: 'weak.one', initialPassword: 'weak.one' });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await bed.db.dataSource.getRepository(UserRecord).countBy({ username: 'weak.one' })).toBe(0);
  });
});
