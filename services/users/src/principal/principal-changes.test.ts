import { ANONYMOUS, ESTABLISHED_PRINCIPAL_EXTENSION, PRINCIPAL_CHANGES_EXTENSION } from '@tenantry/auth';
import type { AccountSeed } from '@tenantry/testing';
import { SEED_PASSWORD } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { startTestbed } from '../testing/users.testkit';

const LOGIN = 'mutation($username: String!, $password: String!) { login(username: $username, password: $password) { refreshToken } }';
const REFRESH = 'mutation($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { refreshToken } }';

describe('users: the principals a request changed, named to the gateway', () => {
  let bed: UsersTestbed;
  let account: AccountSeed;

  beforeAll(async () => {
    bed = await startTestbed();
    account = await bed.seed.createAccount();
  });
  afterAll(() => bed.close());

  it('names the user that a third wrong login locked, though nobody was signed in, and nobody before', async () => {
    const user = await account.defaultOrganisation.createUser('OPERATOR');
    for (let i = 0; i < 2; i += 1) {
      const wrong = await bed.query(ANONYMOUS, LOGIN, { username: user.record.username, password: `wrong ${i}` });
      expect(wrong.extensions?.[PRINCIPAL_CHANGES_EXTENSION]).toBeUndefined();
    }
    const locking = await bed.query(ANONYMOUS, LOGIN, { username: user.record.username, password: 'wrong 2' });
    expect(locking.extensions?.[PRINCIPAL_CHANGES_EXTENSION]).toEqual({ userIds: [user.id] });
  });

  it('names the user whose refresh token was presented twice (the family ends), and sends the principal of a session it opens', async () => {
    const user = await account.defaultOrganisation.createUser('OPERATOR');
    const login = await bed.query(ANONYMOUS, LOGIN, { username: user.record.username, password: SEED_PASSWORD });
    expect(login.extensions?.[ESTABLISHED_PRINCIPAL_EXTENSION]).toMatchObject({ kind: 'user', userId: user.id });
    const { refreshToken } = login.data.login;
    expect((await bed.query(ANONYMOUS, REFRESH, { refreshToken })).extensions?.[PRINCIPAL_CHANGES_EXTENSION]).toEqual({ userIds: [user.id] });
    const reused = await bed.query(ANONYMOUS, REFRESH, { refreshToken });
    expect(reused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(reused.extensions?.[PRINCIPAL_CHANGES_EXTENSION]).toEqual({ userIds: [user.id] });
  });
});
