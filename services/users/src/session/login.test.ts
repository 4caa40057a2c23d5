import { INVALID_CREDENTIALS_MESSAGE, passwordVerificationCount } from '@tenantry/auth';
import { AuditEventRecord, UserRecord, UserStatus } from '@tenantry/users-module';
import { SEED_PASSWORD } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { errorCode, LOGIN, startTestbed } from '../testing/users.testkit';

describe('login: lockout, enumeration, availability and switching organisations', () => {
  let bed: UsersTestbed;

  beforeAll(async () => {
    bed = await startTestbed();
  });
  afterAll(() => bed.close());

  const login = (username: string, password: string, totpCode?: string) => bed.anonymous(LOGIN, { username, password, totpCode });

  it('50 parallel wrong passwords lock at exactly 3 failures, hashing at most 3 times; the user is told by mail', async () => {
    const victim = await (await bed.seed.createAccount()).defaultOrganisation.createUser('OPERATOR');
    await login('nobody.warms.up', 'calibrate the timing first');
    const before = passwordVerificationCount();
    const attempts = await Promise.all(Array.from({ length: 50 }, () => login(victim.record.username, 'wrong password')));
    const verifications = passwordVerificationCount() - before;
    console.info(`50 parallel wrong logins: ${verifications} password verifications`);

    expect(attempts.every((attempt) => errorCode(attempt) === 'UNAUTHENTICATED' && attempt.errors![0].message === INVALID_CREDENTIALS_MESSAGE)).toBe(true);
    expect(verifications).toBeLessThanOrEqual(3);
    const stored = await bed.db.dataSource.getRepository(UserRecord).findOneByOrFail({ id: victim.id });
    expect(stored).toMatchObject({ status: UserStatus.LOCKED, failedLoginCount: 3 });
    const events = await bed.db.dataSource.getRepository(AuditEventRecord).findBy({ targetId: victim.id });
    const failed = events.filter((event) => event.action === 'user.login_failed');
    expect(failed.filter((event) => event.details.counted)).toHaveLength(3);
    // The other 47 tested nothing once the user was locked, and are audited as such.
    expect(failed.filter((event) => event.details.reason === 'locked')).toHaveLength(47);
    expect(events.filter((event) => event.action === 'user.locked')).toHaveLength(1);
    const mails = await bed.mailsTo(victim.record.email!);
    expect(mails.map((mail) => mail.subject)).toEqual(['Your account is locked']);
    expect(errorCode(await login(victim.record.username, SEED_PASSWORD))).toBe('UNAUTHENTICATED');
  });

  it('lets 6 parallel logins with the right password all in, round after round: only failures count toward the lockout', async () => {
    const user = await (await bed.seed.createAccount()).defaultOrganisation.createUser('OPERATOR');
    for (let round = 0; round < 3; round++) {
      const attempts = await Promise.all(Array.from({ length: 6 }, () => login(user.record.username, SEED_PASSWORD)));
      expect(attempts.map((attempt) => attempt.errors)).toEqual(Array(6).fill(undefined));
    }
    expect(await bed.db.dataSource.getRepository(UserRecord).findOneByOrFail({ id: user.id })).toMatchObject({
      status: UserStatus.ACTIVE,
      failedLoginCount: 0,
    });
  });

  it('does not lock a user whose right passwords were in flight alongside two wrong ones', async () => {
    const user = await (await bed.seed.createAccount()).defaultOrganisation.createUser('OPERATOR');
    const passwords = ['wrong password', SEED_PASSWORD, 'another wrong one', SEED_PASSWORD, SEED_PASSWORD, SEED_PASSWORD];
    const attempts = await Promise.all(passwords.map((password) => login(user.record.username, password)));
    expect(attempts.map((attempt) => (attempt.errors ? errorCode(attempt) : 'ok'))).toEqual(['UNAUTHENTICATED', 'ok', 'UNAUTHENTICATED', 'ok', 'ok', 'ok']);
    expect((await bed.db.dataSource.getRepository(UserRecord).findOneByOrFail({ id: user.id })).status).toBe(UserStatus.ACTIVE);
  });

  it('answers unknown, locked, suspended and archived users with the very error of a wrong password (timing: npm run bench)', async () => {
    const team = await bed.seed.createAccount();
    const known = await team.defaultOrganisation.createUser('OPERATOR');
    const locked = await team.defaultOrganisation.createUser('OPERATOR');
    const suspended = await team.defaultOrganisation.createUser('OPERATOR');
    const archived = await team.defaultOrganisation.createUser('OPERATOR');
    const users = bed.db.dataSource.getRepository(UserRecord);
    await users.update({ id: locked.id }, { status: UserStatus.LOCKED });
    await users.update({ id: suspended.id }, { status: UserStatus.SUSPENDED });
    await users.update({ id: archived.id }, { status: UserStatus.ARCHIVED, archivedAt: new Date() });

    const messages = new Set<string>();
    for (const [username, password] of [
      [known.record.username, 'wrong password'],
      [`unknown.${process.pid}`, 'wrong password'],
      [locked.record.username, SEED_PASSWORD],
      [suspended.record.username, SEED_PASSWORD],
      [archived.record.username, SEED_PASSWORD],
    ]) {
      const response = await login(username, password);
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
      expect(response.data).toBeNull();
      messages.add(response.errors![0].message);
    }
    expect([...messages]).toEqual([INVALID_CREDENTIALS_MESSAGE]);
    // Failed attempts on users that exist are audited, whatever their status; they count toward nothing.
    const audited = async (id: string) =>
      (await bed.db.dataSource.getRepository(AuditEventRecord).findBy({ targetId: id, action: 'user.login_failed' })).map((event) => event.details);
    expect(await audited(known.id)).toEqual([{ purpose: 'login', reason: 'password', counted: true }]);
    expect(await audited(locked.id)).toEqual([{ purpose: 'login', reason: 'locked', counted: false }]);
    expect(await audited(suspended.id)).toEqual([{ purpose: 'login', reason: 'suspended', counted: false }]);
    expect(await audited(archived.id)).toEqual([{ purpose: 'login', reason: 'archived', counted: false }]);
    expect(await bed.db.dataSource.getRepository(UserRecord).findOneByOrFail({ id: suspended.id })).toMatchObject({ failedLoginCount: 0 });
  });

  it('applies the default availability at login and audits the login', async () => {
    const user = await (await bed.seed.createAccount()).defaultOrganisation.createUser('OPERATOR');
    await bed.db.dataSource.getRepository(UserRecord).update(
      { id: user.id },
      {
        preferences: { landingPage: 'inbox', defaultAvailability: 'AVAILABLE_FOR_CHAT' as never, notifications: {}, signatures: {} },
      },
    );
    const response = await login(user.record.username, SEED_PASSWORD);
    expect(response.data.login.user).toMatchObject({ availability: 'AVAILABLE_FOR_CHAT', status: 'ACTIVE' });
    expect(await bed.db.dataSource.getRepository(AuditEventRecord).countBy({ targetId: user.id, action: 'user.login' })).toBe(1);
  });

  it('switches the session into another visible organisation; a foreign one is NOT_FOUND', async () => {
    const team = await bed.seed.createAccount();
    const sub = await team.createOrganisation();
    const foreign = await bed.seed.createAccount();
    const { accessToken } = (await login(team.owner.record.username, SEED_PASSWORD)).data.login;
    const principal = (await bed.principalOf(accessToken))!;
    expect(principal.organisationId).toBe(team.defaultOrganisation.id);

    const SWITCH = `mutation($id: ID!) { switchOrganisation(organisationId: $id) { accessToken refreshToken user { id } } }`;
    const switched = await bed.query(principal, SWITCH, { id: sub.id });
    expect(switched.errors).toBeUndefined();
    expect((await bed.principalOf(switched.data.switchOrganisation.accessToken))!.organisationId).toBe(sub.id);
    expect(await bed.principalOf(accessToken)).toBeNull();

    const again = (await bed.principalOf(switched.data.switchOrganisation.accessToken))!;
    expect(errorCode(await bed.query(again, SWITCH, { id: foreign.defaultOrganisation.id }))).toBe('NOT_FOUND');
    const operator = await (await sub.createUser('OPERATOR')).principal();
    expect(errorCode(await bed.query(operator, SWITCH, { id: team.defaultOrganisation.id }))).toBe('NOT_FOUND');
  });
});
