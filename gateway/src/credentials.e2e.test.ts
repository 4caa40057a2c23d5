import { UserRecord } from '@tenantry/users-module';
import type { AccountSeed, UserSeed } from '@tenantry/testing';
import { errorCodes, initSeed, SEED_PASSWORD } from '@tenantry/testing';
import { totpCode } from './testing/authenticator';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';

const LOGIN = `mutation($username: String!, $password: String!, $totpCode: String) {
  login(username: $username, password: $password, totpCode: $totpCode) { accessToken }
}`;
const CHANGE = 'mutation($current: String!) { changePassword(currentPassword: $current, newPassword: "a brand new passphrase") }';
const ENABLE = 'mutation($password: String!) { enableTotp(currentPassword: $password) { secret } }';
const CONFIRM = 'mutation($code: String!) { confirmTotp(code: $code) }';
const AUDIT = `query($id: ID!) { auditEvents(organisationId: $id, first: 100) { edges { node { action targetId details } } } }`;

interface AuditEvent {
  action: string;
  targetId: string;
  details: Record<string, unknown>;
}

describe('credential checks through the gateway: parallel logins, guesses, and the second factor', () => {
  let demo: DemoGraph;

  beforeAll(async () => {
    demo = await startDemoGraph();
  });
  afterAll(() => demo?.close());

  const login = (username: string, password: string, code?: string) => demo.graph(LOGIN, { username, password, totpCode: code });
  const tokenOf = async (user: UserSeed, code?: string) => {
    const response = await login(user.record.username, SEED_PASSWORD, code);
    if (!response.data) throw new Error(`login failed: ${JSON.stringify(response.errors)}`);
    return response.data.login.accessToken as string;
  };
  const stored = (user: UserSeed) => demo.db.dataSource.getRepository(UserRecord).findOneByOrFail({ id: user.id });
  /** An account of its own for each test, and its owner's token. */
  const team = async (): Promise<{ account: AccountSeed; owner: string }> => {
    const account = await initSeed(demo.db.dataSource).createAccount();
    return { account, owner: await tokenOf(account.owner) };
  };
  /** The audit events about a user, as its organisation's owner reads them through the graph. */
  const auditOf = async (owner: string, user: UserSeed): Promise<AuditEvent[]> => {
    const response = await demo.graph(AUDIT, { id: user.record.organisationId }, owner);
    expect(response.errors).toBeUndefined();
    return response.data.auditEvents.edges
      .map(({ node }: { node: { action: string; targetId: string; details: string } }) => ({ ...node, details: JSON.parse(node.details) }))
      .filter((event: AuditEvent) => event.targetId === user.id);
  };

  it('lets six parallel logins with the right password all in, round after round', async () => {
    const { account } = await team();
    const user = await account.defaultOrganisation.createUser('OPERATOR');
    // Once the gateway has planned the operation, the six reach the users subgraph together.
    await login(`nobody.${process.pid}`, 'plan the operation first');
    const succeeded: number[] = [];
    for (let round = 0; round < 3; round++) {
      const logins = await Promise.all(Array.from({ length: 6 }, () => login(user.record.username, SEED_PASSWORD)));
      succeeded.push(logins.filter((response) => response.data?.login).length);
    }
    console.info(`6 parallel right logins, 3 rounds: ${succeeded.join(', ')} succeeded`);

    expect(succeeded).toEqual([6, 6, 6]);
    expect(await stored(user)).toMatchObject({ status: 'ACTIVE', failedLoginCount: 0 });
  });

  it('tests at most three of 20 parallel wrong current passwords through one session, locks the user and ends the session', async () => {
    const { account, owner } = await team();
    const user = await account.defaultOrganisation.createUser('OPERATOR');
    const session = await tokenOf(user);
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => demo.graph(CHANGE, { current: `guess number ${i}` }, session)));

    // Tested guesses are the failures audited as such; the others found the user locked (or were refused at the gateway).
    const failed = (await auditOf(owner, user)).filter((event) => event.action === 'user.password_change_failed');
    const tested = failed.filter((event) => !['locked', 'suspended', 'archived', 'busy'].includes(String(event.details.reason)));
    console.info(`20 parallel wrong changePassword: ${tested.length} passwords tested`);
    expect(tested).toHaveLength(3);
    expect(guesses.filter((response) => errorCodes(response)[0] === 'BAD_USER_INPUT')).toHaveLength(3);
    expect(guesses.every((response) => ['BAD_USER_INPUT', 'UNAUTHENTICATED'].includes(errorCodes(response)[0] ?? ''))).toBe(true);
    expect(await stored(user)).toMatchObject({ status: 'LOCKED', failedLoginCount: 3 });
    expect(errorCodes(await demo.graph('{ me { id } }', {}, session))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses enableTotp without the right current password, counting it like a wrong login', async () => {
    const { account } = await team();
    const user = await account.defaultOrganisation.createUser('OPERATOR');
    const session = await tokenOf(user);
    const refused = await demo.graph(ENABLE, { password: 'not my password' }, session);
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].extensions).toMatchObject({ field: 'currentPassword' });
    expect(await stored(user)).toMatchObject({ totpSecret: null, failedLoginCount: 1 });
    expect((await demo.graph(ENABLE, { password: SEED_PASSWORD }, session)).data.enableTotp.secret).toMatch(/^[A-Z2-7]+$/);
  });

  it('accepts a TOTP code once: the confirming code and a used login code are refused when replayed', async () => {
    const { account, owner } = await team();
    const user = await account.defaultOrganisation.createUser('OPERATOR');
    const session = await tokenOf(user);
    const { secret } = (await demo.graph(ENABLE, { password: SEED_PASSWORD }, session)).data.enableTotp;
    const confirming = totpCode(secret);
    expect((await demo.graph(CONFIRM, { code: confirming }, session)).data).toEqual({ confirmTotp: true });

    const replayedConfirmation = await login(user.record.username, SEED_PASSWORD, confirming);
    console.info(`TOTP replay at login: ${replayedConfirmation.data?.login ? 'accepted' : 'refused'}`);
    expect(errorCodes(replayedConfirmation)).toEqual(['UNAUTHENTICATED']);
    // The app's next code (one step of drift is allowed) works, once.
    const next = totpCode(secret, new Date(Date.now() + 30_000));
    expect(errorCodes(await login(user.record.username, SEED_PASSWORD, next))).toEqual([]);
    expect(errorCodes(await login(user.record.username, SEED_PASSWORD, next))).toEqual(['UNAUTHENTICATED']);

    const replays = (await auditOf(owner, user)).filter((event) => event.action === 'user.login_failed' && event.details.reason === 'totp_replayed');
    expect(replays).toHaveLength(2);
  });

  it("lets an administrator reset a user's second factor: audited, and the user's sessions end", async () => {
    const { account, owner } = await team();
    const user = await account.defaultOrganisation.createUser('OPERATOR');
    const first = await tokenOf(user);
    const { secret } = (await demo.graph(ENABLE, { password: SEED_PASSWORD }, first)).data.enableTotp;
    await demo.graph(CONFIRM, { code: totpCode(secret) }, first);
    const second = await tokenOf(user, totpCode(secret, new Date(Date.now() + 30_000)));

    const reset = await demo.graph('mutation($id: ID!) { resetTotp(userId: $id) { id tfaEnabled } }', { id: user.id }, owner);
    expect(reset.data).toEqual({ resetTotp: { id: user.id, tfaEnabled: false } });
    for (const token of [first, second]) expect(errorCodes(await demo.graph('{ me { id } }', {}, token))).toEqual(['UNAUTHENTICATED']);
    const audited = (await auditOf(owner, user)).filter((event) => event.action === 'user.totp_reset');
    expect(audited).toEqual([expect.objectContaining({ details: { wasEnabled: true, sessionsEnded: 2 } })]);
    // Signs in with the password alone, and sets the second factor up again.
    await tokenOf(user);

    const operator = await tokenOf(await account.defaultOrganisation.createUser('OPERATOR'));
    expect(errorCodes(await demo.graph('mutation($id: ID!) { resetTotp(userId: $id) { id } }', { id: user.id }, operator))).toEqual(['FORBIDDEN']);
  });
});
