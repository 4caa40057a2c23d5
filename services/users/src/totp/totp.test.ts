import type { UserPrincipal } from '@tenantry/auth';
import { AuditEventRecord, UserRecord, UserStatus } from '@tenantry/users-module';
import type { OrganisationSeed, UserSeed } from '@tenantry/testing';
import { SEED_PASSWORD } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { errorCode, LOGIN, startTestbed } from '../testing/users.testkit';
import { currentTotp } from './totp.verify';

const ENABLE = 'mutation($password: String!) { enableTotp(currentPassword: $password) { secret uri } }';
const CONFIRM = 'mutation($code: String!) { confirmTotp(code: $code) }';
const DISABLE = 'mutation($password: String!, $code: String!) { disableTotp(currentPassword: $password, code: $code) }';
const RESET = 'mutation($id: ID!) { resetTotp(userId: $id) { id tfaEnabled } }';

describe('two-factor authentication', () => {
  let bed: UsersTestbed;
  let organisation: OrganisationSeed;

  beforeAll(async () => {
    bed = await startTestbed();
    organisation = (await bed.seed.createAccount()).defaultOrganisation;
  });
  afterAll(() => bed.close());
  afterEach(() => bed.clock.reset());

  const login = (user: UserSeed, totpCode?: string) => bed.anonymous(LOGIN, { username: user.record.username, password: SEED_PASSWORD, totpCode });
  const wrong = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
  const stored = (user: UserSeed) => bed.db.dataSource.getRepository(UserRecord).findOneByOrFail({ id: user.id });
  /** Moves the clock to the next 30-second step, as a user waiting for the app's next code would. */
  const nextStep = () => bed.clock.advanceHours(30 / 3600);

  /** A user with two-factor on, the secret and a principal; the confirming code's step is spent. */
  async function withTotp(): Promise<{ user: UserSeed; principal: UserPrincipal; secret: string }> {
    const user = await organisation.createUser('OPERATOR');
    const principal = await user.principal();
    const { secret } = (await bed.query(principal, ENABLE, { password: SEED_PASSWORD })).data.enableTotp;
    expect((await bed.query(principal, CONFIRM, { code: currentTotp(secret, bed.clock.now()) })).data).toEqual({ confirmTotp: true });
    nextStep();
    return { user, principal, secret };
  }

  it('enable → confirm → required at login → disable', async () => {
    const user = await organisation.createUser('OPERATOR');
    const principal = await user.principal();
    const setup = (await bed.query(principal, ENABLE, { password: SEED_PASSWORD })).data.enableTotp;
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Tenantry:/);
    expect(setup.uri).toContain(`secret=${setup.secret}`);
    // Not on until confirmed.
    expect((await login(user)).errors).toBeUndefined();

    const code = currentTotp(setup.secret, bed.clock.now());
    expect(errorCode(await bed.query(principal, CONFIRM, { code: wrong(code) }))).toBe('BAD_USER_INPUT');
    expect((await bed.query(principal, CONFIRM, { code })).data).toEqual({ confirmTotp: true });
    nextStep();

    const withoutCode = await login(user);
    expect(errorCode(withoutCode)).toBe('UNAUTHENTICATED');
    expect(withoutCode.errors![0].extensions).toMatchObject({ totpRequired: true });
    expect(errorCode(await login(user, wrong(currentTotp(setup.secret, bed.clock.now()))))).toBe('UNAUTHENTICATED');
    expect((await login(user, currentTotp(setup.secret, bed.clock.now()))).errors).toBeUndefined();
    expect((await stored(user)).failedLoginCount).toBe(0);

    nextStep();
    const now = currentTotp(setup.secret, bed.clock.now());
    expect(errorCode(await bed.query(principal, DISABLE, { password: SEED_PASSWORD, code: wrong(now) }))).toBe('BAD_USER_INPUT');
    expect((await bed.query(principal, DISABLE, { password: SEED_PASSWORD, code: now })).data).toEqual({ disableTotp: true });
    expect((await login(user)).errors).toBeUndefined();
  });

  it('refuses a code from ten minutes ago', async () => {
    const { user, secret } = await withTotp();
    const stale = currentTotp(secret, new Date(bed.clock.now().getTime() - 600_000));
    const current = currentTotp(secret, bed.clock.now());
    if (stale !== current) expect(errorCode(await login(user, stale))).toBe('UNAUTHENTICATED');
    expect((await login(user, current)).errors).toBeUndefined();
  });

  it('accepts a code once: a replay at login, and the code of an earlier step, are refused and counted', async () => {
    const { user, secret } = await withTotp();
    const code = currentTotp(secret, bed.clock.now());
    expect((await login(user, code)).errors).toBeUndefined();
    expect(errorCode(await login(user, code))).toBe('UNAUTHENTICATED');
    // One step of drift is accepted, but not a step before the one already used.
    const earlier = currentTotp(secret, new Date(bed.clock.now().getTime() - 30_000));
    if (earlier !== code) expect(errorCode(await login(user, earlier))).toBe('UNAUTHENTICATED');
    const failed = await bed.db.dataSource.getRepository(AuditEventRecord).findBy({ targetId: user.id, action: 'user.login_failed' });
    expect(failed.map((event) => event.details.reason)).toContain('totp_replayed');
    expect((await stored(user)).failedLoginCount).toBe(failed.length);
    nextStep();
    expect((await login(user, currentTotp(secret, bed.clock.now()))).errors).toBeUndefined();
  });

  it('lets only one of parallel logins with the same code in', async () => {
    const { user, secret } = await withTotp();
    const code = currentTotp(secret, bed.clock.now());
    const attempts = await Promise.all([login(user, code), login(user, code)]);
    expect(attempts.filter((attempt) => !attempt.errors)).toHaveLength(1);
  });

  it('refuses the confirming code at login, and a code already used at disableTotp', async () => {
    const user = await organisation.createUser('OPERATOR');
    const principal = await user.principal();
    const { secret } = (await bed.query(principal, ENABLE, { password: SEED_PASSWORD })).data.enableTotp;
    const code = currentTotp(secret, bed.clock.now());
    expect((await bed.query(principal, CONFIRM, { code })).data).toEqual({ confirmTotp: true });
    expect(errorCode(await login(user, code))).toBe('UNAUTHENTICATED');

    nextStep();
    const next = currentTotp(secret, bed.clock.now());
    expect((await login(user, next)).errors).toBeUndefined();
    const replay = await bed.query(principal, DISABLE, { password: SEED_PASSWORD, code: next });
    expect(errorCode(replay)).toBe('BAD_USER_INPUT');
    expect(replay.errors![0].message).toMatch(/used already/);
    expect((await stored(user)).totpEnabled).toBe(true);
  });

  it('asks for the current password to enable, replace or disable; a wrong one counts toward the lockout', async () => {
    const user = await organisation.createUser('OPERATOR');
    const token = (await login(user)).data.login.accessToken;
    const principal = (await bed.principalOf(token))!;
    const refused = await bed.query(principal, ENABLE, { password: 'not my password' });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions).toMatchObject({ field: 'currentPassword' });
    expect(await stored(user)).toMatchObject({ totpSecret: null, failedLoginCount: 1 });

    const first = (await bed.query(principal, ENABLE, { password: SEED_PASSWORD })).data.enableTotp;
    expect((await stored(user)).failedLoginCount).toBe(0);
    // Replacing a setup not yet confirmed needs the password too.
    expect(errorCode(await bed.query(principal, ENABLE, { password: 'still not it' }))).toBe('BAD_USER_INPUT');
    expect((await stored(user)).totpSecret).toBe(first.secret);
    const second = (await bed.query(principal, ENABLE, { password: SEED_PASSWORD })).data.enableTotp;
    expect(second.secret).not.toBe(first.secret);
    await bed.query(principal, CONFIRM, { code: currentTotp(second.secret, bed.clock.now()) });
    nextStep();

    const code = currentTotp(second.secret, bed.clock.now());
    for (const password of ['guess one', 'guess two', 'guess three']) {
      expect(errorCode(await bed.query(principal, DISABLE, { password, code }))).toBe('BAD_USER_INPUT');
    }
    expect(await stored(user)).toMatchObject({ status: UserStatus.LOCKED, totpEnabled: true });
    expect(await bed.principalOf(token)).toBeNull();
    const checks = await bed.db.dataSource.getRepository(AuditEventRecord).findBy({ targetId: user.id, action: 'user.totp_check_failed' });
    expect(
      checks
        .filter((event) => event.details.counted)
        .map((event) => event.details.purpose)
        .sort(),
    ).toEqual(['disable_totp', 'disable_totp', 'disable_totp', 'enable_totp', 'enable_totp']);
  });

  it('counts wrong codes at confirmTotp and disableTotp toward the lockout', async () => {
    const user = await organisation.createUser('OPERATOR');
    const principal = await user.principal();
    const { secret } = (await bed.query(principal, ENABLE, { password: SEED_PASSWORD })).data.enableTotp;
    const code = currentTotp(secret, bed.clock.now());
    expect(errorCode(await bed.query(principal, CONFIRM, { code: wrong(code) }))).toBe('BAD_USER_INPUT');
    expect((await stored(user)).failedLoginCount).toBe(1);
    await bed.query(principal, CONFIRM, { code });
    nextStep();
    const next = currentTotp(secret, bed.clock.now());
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(errorCode(await bed.query(principal, DISABLE, { password: SEED_PASSWORD, code: wrong(next) }))).toBe('BAD_USER_INPUT');
    }
    expect(await stored(user)).toMatchObject({ status: UserStatus.LOCKED, totpEnabled: true, failedLoginCount: 3 });
  });

  it('lets an administrator reset the second factor of a user they manage: audited, their sessions end', async () => {
    const { user, secret } = await withTotp();
    const token = (await login(user, currentTotp(secret, bed.clock.now()))).data.login.accessToken;
    const manager = await (await organisation.createUser('MANAGER')).principal();

    const reset = await bed.query(manager, RESET, { id: user.id });
    expect(reset.data).toEqual({ resetTotp: { id: user.id, tfaEnabled: false } });
    expect(await stored(user)).toMatchObject({ totpEnabled: false, totpSecret: null, totpLastUsedStep: null });
    expect(await bed.principalOf(token)).toBeNull();
    const audited = await bed.db.dataSource.getRepository(AuditEventRecord).findOneByOrFail({ targetId: user.id, action: 'user.totp_reset' });
    expect(audited).toMatchObject({ actorUserId: manager.userId, details: { wasEnabled: true, sessionsEnded: 2 } });
    expect((await login(user)).errors).toBeUndefined();

    expect(errorCode(await bed.query(manager, RESET, { id: user.id }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await bed.query(manager, RESET, { id: manager.userId }))).toBe('BAD_USER_INPUT');
    const operator = await (await organisation.createUser('OPERATOR')).principal();
    expect(errorCode(await bed.query(operator, RESET, { id: user.id }))).toBe('FORBIDDEN');
    const foreign = await (await (await bed.seed.createAccount()).defaultOrganisation.createUser('MANAGER')).principal();
    expect(errorCode(await bed.query(foreign, RESET, { id: user.id }))).toBe('NOT_FOUND');
  });

  it('is refused to anonymous callers', async () => {
    expect(errorCode(await bed.anonymous(ENABLE, { password: SEED_PASSWORD }))).toBe('UNAUTHENTICATED');
  });
});
