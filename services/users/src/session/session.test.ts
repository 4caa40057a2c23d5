import { ANONYMOUS, INVALID_CREDENTIALS_MESSAGE, verifyAccessToken } from '@tenantry/auth';
import { resolvePrincipal } from '@tenantry/store';
import { AuditEventRecord } from '@tenantry/users-module';
import type { UserSeed } from '@tenantry/testing';
import { errorCodes, SEED_PASSWORD, TEST_ACCESS_TOKEN_SECRET } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { startTestbed } from '../testing/users.testkit';

const LOGIN = `mutation($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken refreshToken expiresAt user { id username } } }`;
const REFRESH = `mutation($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken } }`;

describe('sessions', () => {
  let bed: UsersTestbed;
  let operator: UserSeed;

  beforeAll(async () => {
    bed = await startTestbed();
    operator = await (await bed.seed.createAccount()).defaultOrganisation.createUser('OPERATOR');
  });
  afterAll(() => bed.close());

  const login = (username: string, password: string) => bed.subgraph.query(ANONYMOUS, LOGIN, { username, password });
  const claimsOf = async (accessToken: string) => (await verifyAccessToken(accessToken, TEST_ACCESS_TOKEN_SECRET))!;

  it('log in with the right password and return tokens for the user', async () => {
    const response = await login(operator.record.username, SEED_PASSWORD);
    expect(response.errors).toBeUndefined();
    expect(response.data.login.user).toEqual({ id: operator.id, username: operator.record.username });
    const principal = await resolvePrincipal(bed.db.dataSource, await claimsOf(response.data.login.accessToken));
    expect(principal).toMatchObject({ userId: operator.id, roleKey: 'OPERATOR', organisationId: operator.record.organisationId });
  });

  it('answer a wrong password, an unknown user and a wrongly cased username with one and the same error', async () => {
    const answers = await Promise.all([
      login(operator.record.username, 'wrong password'),
      login('nobody.at.all', SEED_PASSWORD),
      login(operator.record.username.toUpperCase(), SEED_PASSWORD),
    ]);
    for (const answer of answers) {
      expect(answer.errors).toEqual([expect.objectContaining({ message: INVALID_CREDENTIALS_MESSAGE, extensions: { code: 'UNAUTHENTICATED' } })]);
    }
  });

  it('rotate refresh tokens, and end the whole family when a rotated token is used again', async () => {
    const first = (await login(operator.record.username, SEED_PASSWORD)).data.login;
    const second = (await bed.subgraph.query(ANONYMOUS, REFRESH, { token: first.refreshToken })).data.refreshSession;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await resolvePrincipal(bed.db.dataSource, await claimsOf(second.accessToken))).not.toBeNull();

    const replay = await bed.subgraph.query(ANONYMOUS, REFRESH, { token: first.refreshToken });
    expect(errorCodes(replay)).toEqual(['UNAUTHENTICATED']);
    expect(await bed.db.dataSource.getRepository(AuditEventRecord).countBy({ targetId: operator.id, action: 'session.refresh_token_reused' })).toBe(1);
    expect(await resolvePrincipal(bed.db.dataSource, await claimsOf(second.accessToken))).toBeNull();
    expect(errorCodes(await bed.subgraph.query(ANONYMOUS, REFRESH, { token: second.refreshToken }))).toEqual(['UNAUTHENTICATED']);
  });

  it('end the session on logout so its access token no longer resolves', async () => {
    const { accessToken } = (await login(operator.record.username, SEED_PASSWORD)).data.login;
    const claims = await claimsOf(accessToken);
    const principal = (await resolvePrincipal(bed.db.dataSource, claims))!;
    expect((await bed.subgraph.query(principal, 'mutation { logout }')).data).toEqual({ logout: true });
    expect(await resolvePrincipal(bed.db.dataSource, claims)).toBeNull();
  });
});
