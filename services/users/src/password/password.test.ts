import type { UserPrincipal } from '@tenantry/auth';
import { passwordVerificationCount } from '@tenantry/auth';
import { AuditEventRecord, UserRecord, UserStatus } from '@tenantry/users-module';
import type { OrganisationSeed, UserSeed } from '@tenantry/testing';
import { SEED_PASSWORD } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { ACTIVATE, errorCode, LOGIN, NEW_PASSWORD, startTestbed, tokenIn } from '../testing/users.testkit';

const REQUEST = `mutation($who: String!) { requestPasswordReset(usernameOrEmail: $who) }`;
const RESET = `mutation($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }`;
const CHANGE = `mutation($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }`;

describe('passwords: policy at activation, reset by mail, change', () => {
  let bed: UsersTestbed;
  let organisation: OrganisationSeed;
  let manager: UserPrincipal;

  beforeAll(async () => {
    bed = await startTestbed();
    const account = await bed.seed.createAccount();
    organisation = account.defaultOrganisation;
    manager = await (await organisation.createUser('MANAGER')).principal();
  });
  afterAll(() => bed.close());
  afterEach(() => bed.clock.reset());

  const login = (user: UserSeed, password: string) => bed.anonymous(LOGIN, { username: user.record.username, password });
  const resetLink = async (email: string) => tokenIn((await bed.mailsTo(email)).at(-1)!.body, 'reset-password');

  it('refuses short and common passwords at activation without spending the link; an expired link answers INVITATION_EXPIRED', async () => {
    const email = `activate.${process.pid}@example.com`;
    const created = await bed.query(manager, `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: { organisationId: organisation.id, username: `activate.${process.pid}`, email, firstName: 'Ann', lastName: 'Active', roleKey: 'OPERATOR' },
    });
    expect(created.errors).toBeUndefined();
    const token = tokenIn((await bed.mailsTo(email))[1].body, 'activate');
    for (const password of ['short', 'password123', 'Qwerty123456', `activate.${process.pid}`]) {
      expect(errorCode(await bed.anonymous(ACTIVATE, { token, password }))).toBe('BAD_USER_INPUT');
    }
    bed.clock.advanceHours(73);
    expect(errorCode(await bed.anonymous(ACTIVATE, { token, password: NEW_PASSWORD }))).toBe('INVITATION_EXPIRED');
    bed.clock.reset();
    const long = `${'a long passphrase with spaces '.repeat(3)}`.slice(0, 80);
    expect((await bed.anonymous(ACTIVATE, { token, password: long })).errors).toBeUndefined();
    expect(errorCode(await bed.anonymous(ACTIVATE, { token: 'made-up-token', password: NEW_PASSWORD }))).toBe('BAD_USER_INPUT');
  });

  it('answers true for anybody, and mails a link only to a user that exists', async () => {
    expect((await bed.anonymous(REQUEST, { who: `nobody.${process.pid}` })).data).toEqual({ requestPasswordReset: true });
    const user = await organisation.createUser('OPERATOR');
    expect((await bed.anonymous(REQUEST, { who: user.record.email!.toUpperCase() })).data).toEqual({ requestPasswordReset: true });
    expect(await bed.mailsTo(user.record.email!)).toHaveLength(1);
  });

  it('resets with a single-use link, which works while locked and unlocks, and ends the old sessions', async () => {
    const user = await organisation.createUser('OPERATOR');
    const { accessToken } = (await login(user, SEED_PASSWORD)).data.login;
    await bed.db.dataSource.getRepository(UserRecord).update({ id: user.id }, { status: UserStatus.LOCKED, failedLoginCount: 3 });
    await bed.anonymous(REQUEST, { who: user.record.username });
    const token = await resetLink(user.record.email!);
    expect(errorCode(await bed.anonymous(RESET, { token, password: '12345678' }))).toBe('BAD_USER_INPUT');
    expect((await bed.anonymous(RESET, { token, password: NEW_PASSWORD })).data).toEqual({ resetPassword: true });
    expect(errorCode(await bed.anonymous(RESET, { token, password: 'another fine passphrase' }))).toBe('BAD_USER_INPUT');
    expect(await bed.principalOf(accessToken)).toBeNull();
    expect((await login(user, NEW_PASSWORD)).errors).toBeUndefined();
    expect(errorCode(await login(user, SEED_PASSWORD))).toBe('UNAUTHENTICATED');
    const actions = (await bed.db.dataSource.getRepository(AuditEventRecord).findBy({ targetId: user.id })).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(['user.password_reset_requested', 'user.password_reset']));
  });

  it('refuses a reset link after an hour, and an earlier link once a newer one was sent', async () => {
    const user = await organisation.createUser('OPERATOR');
    await bed.anonymous(REQUEST, { who: user.record.username });
    const first = await resetLink(user.record.email!);
    await bed.anonymous(REQUEST, { who: user.record.username });
    const second = await resetLink(user.record.email!);
    expect(errorCode(await bed.anonymous(RESET, { token: first, password: NEW_PASSWORD }))).toBe('BAD_USER_INPUT');
    bed.clock.advanceHours(1.01);
    expect(errorCode(await bed.anonymous(RESET, { token: second, password: NEW_PASSWORD }))).toBe('BAD_USER_INPUT');
    bed.clock.reset();
    expect((await bed.anonymous(RESET, { token: second, password: NEW_PASSWORD })).errors).toBeUndefined();
  });

  it('changes the password with the current one; other sessions end, this one stays', async () => {
    const user = await organisation.createUser('OPERATOR');
    const other = (await login(user, SEED_PASSWORD)).data.login.accessToken;
    const mine = (await login(user, SEED_PASSWORD)).data.login.accessToken;
    const principal = (await bed.principalOf(mine))!;
    expect(errorCode(await bed.query(principal, CHANGE, { current: 'not my password', next: NEW_PASSWORD }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await bed.query(principal, CHANGE, { current: SEED_PASSWORD, next: 'letmein' }))).toBe('BAD_USER_INPUT');
    expect((await bed.query(principal, CHANGE, { current: SEED_PASSWORD, next: NEW_PASSWORD })).data).toEqual({ changePassword: true });
    expect(await bed.principalOf(other)).toBeNull();
    expect(await bed.principalOf(mine)).not.toBeNull();
    expect((await login(user, NEW_PASSWORD)).errors).toBeUndefined();
    expect(errorCode(await bed.anonymous(CHANGE, { current: SEED_PASSWORD, next: NEW_PASSWORD }))).toBe('UNAUTHENTICATED');
  });

  it('counts wrong current passwords like failed logins: the third locks the user and ends the session', async () => {
    const user = await organisation.createUser('OPERATOR');
    const token = (await login(user, SEED_PASSWORD)).data.login.accessToken;
    const principal = (await bed.principalOf(token))!;
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(errorCode(await bed.query(principal, CHANGE, { current: 'a guess', next: NEW_PASSWORD }))).toBe('BAD_USER_INPUT');
    }
    expect(await bed.db.dataSource.getRepository(UserRecord).findOneByOrFail({ id: user.id })).toMatchObject({
      status: UserStatus.LOCKED,
      failedLoginCount: 3,
    });
    expect(await bed.principalOf(token)).toBeNull();
    expect(await bed.db.dataSource.getRepository(AuditEventRecord).countBy({ targetId: user.id, action: 'user.password_change_failed' })).toBe(3);
  });

  it('tests at most 3 of 20 parallel guesses through one session, then locks the user and ends the session', async () => {
    const user = await organisation.createUser('OPERATOR');
    const token = (await login(user, SEED_PASSWORD)).data.login.accessToken;
    const principal = (await bed.principalOf(token))!;
    const before = passwordVerificationCount();
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => bed.query(principal, CHANGE, { current: `guess number ${i}`, next: NEW_PASSWORD })));
    const verifications = passwordVerificationCount() - before;
    console.info(`20 parallel wrong changePassword: ${verifications} password verifications`);

    expect(verifications).toBeLessThanOrEqual(3);
    // Three were tested and wrong; the rest found the user locked and their session ended.
    expect(guesses.map(errorCode).sort()).toEqual([...Array(3).fill('BAD_USER_INPUT'), ...Array(17).fill('UNAUTHENTICATED')]);
    expect(await bed.db.dataSource.getRepository(UserRecord).findOneByOrFail({ id: user.id })).toMatchObject({
      status: UserStatus.LOCKED,
      failedLoginCount: 3,
    });
    expect(await bed.principalOf(token)).toBeNull();
    const failed = await bed.db.dataSource.getRepository(AuditEventRecord).findBy({ targetId: user.id, action: 'user.password_change_failed' });
    expect(failed.filter((event) => event.details.counted)).toHaveLength(3);
    expect(failed).toHaveLength(20);
  });
});
