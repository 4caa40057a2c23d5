import type { EntityManager } from '@tenantry/database';
import { requestDatabase, withTransaction } from '@tenantry/database';
import { AuditEventRecord, UserRecord, UserStatus } from '@tenantry/users-module';
import type { TestDatabase } from '@tenantry/testing';
import { createTestDatabase, initSeed } from '@tenantry/testing';
import type { Refusal, Reservation } from './lockout';
import { ChangedPrincipals } from '../principal/principal-changes';
import { Lockout, lockoutState, MAX_FAILED_LOGINS, POLL_MS } from './lockout';

describe('Lockout: states and operations', () => {
  let db: TestDatabase;
  let lockout: Lockout;

  beforeAll(async () => {
    db = await createTestDatabase();
    lockout = new Lockout(requestDatabase(db.dataSource));
  });
  afterAll(() => db.drop());

  const newUser = async () => (await (await initSeed(db.dataSource).createAccount()).defaultOrganisation.createUser('OPERATOR')).record;
  const stored = (id: string) => db.dataSource.getRepository(UserRecord).findOneByOrFail({ id });
  const state = async (id: string) => lockoutState(await stored(id));
  const reserve = async (id: string): Promise<Reservation> => {
    const reservation = await lockout.reserve(id, 'login', new ChangedPrincipals());
    if (reservation.kind !== 'reserved') throw new Error(`refused: ${reservation.reason}`);
    return reservation;
  };
  const inTransaction = <T>(work: (manager: EntityManager) => Promise<T>) => withTransaction(db.dataSource, work);
  const fail = async (reservation: Reservation) => {
    await inTransaction((manager) => lockout.fail(manager, reservation, 'password'));
    await lockout.settle(reservation);
  };

  it('reserve counts an attempt in advance; refund gives it back', async () => {
    const user = await newUser();
    expect(await state(user.id)).toBe('OPEN');
    const reservation = await reserve(user.id);
    expect((await stored(user.id)).failedLoginCount).toBe(1);
    await lockout.refund(reservation);
    await lockout.settle(reservation);
    expect(await stored(user.id)).toMatchObject({ status: UserStatus.ACTIVE, failedLoginCount: 0 });
  });

  it('succeed clears the failures counted so far', async () => {
    const user = await newUser();
    await fail(await reserve(user.id));
    const reservation = await reserve(user.id);
    expect((await stored(user.id)).failedLoginCount).toBe(2);
    const recorded = await inTransaction((manager) => lockout.succeed(manager, reservation));
    await lockout.settle(reservation);
    expect(recorded.kind).toBe('cleared');
    expect(await stored(user.id)).toMatchObject({ status: UserStatus.ACTIVE, failedLoginCount: 0 });
  });

  it('succeed spends a TOTP step once: the same step again is a counted failure', async () => {
    const user = await newUser();
    const first = await reserve(user.id);
    expect((await inTransaction((manager) => lockout.succeed(manager, first, 1000))).kind).toBe('cleared');
    await lockout.settle(first);
    const replay = await reserve(user.id);
    expect(await inTransaction((manager) => lockout.succeed(manager, replay, 1000))).toEqual({ kind: 'wrong', credential: 'totp_replayed' });
    await lockout.settle(replay);
    expect(await stored(user.id)).toMatchObject({ failedLoginCount: 1, totpLastUsedStep: 1000 });
  });

  it(`the ${MAX_FAILED_LOGINS}rd failure locks (audited once); nothing more is reserved, and refusals are audited as not counted`, async () => {
    const user = await newUser();
    for (let failure = 1; failure < MAX_FAILED_LOGINS; failure++) {
      await fail(await reserve(user.id));
      expect(await state(user.id)).toBe('OPEN');
    }
    const last = await reserve(user.id);
    expect(await state(user.id)).toBe('FULL');
    expect(last.principalChanges.userIds).toEqual([]);
    await fail(last);
    expect(await stored(user.id)).toMatchObject({ status: UserStatus.LOCKED, failedLoginCount: MAX_FAILED_LOGINS });
    // The request whose check locked names the user to the gateway, which forgets their principal.
    expect(last.principalChanges.userIds).toEqual([user.id]);
    expect(await state(user.id)).toBe('LOCKED');
    expect(await lockout.reserve(user.id, 'login', new ChangedPrincipals())).toEqual<Refusal>({ kind: 'refused', reason: UserStatus.LOCKED });
    const events = await db.dataSource.getRepository(AuditEventRecord).findBy({ targetId: user.id });
    expect(events.filter((event) => event.action === 'user.locked')).toHaveLength(1);
    expect(
      events
        .filter((event) => event.action === 'user.login_failed')
        .map((event) => event.details.counted)
        .sort(),
    ).toEqual([false, true, true, true]);
  });

  it('a failure while a right password is in flight leaves the decision to it, and its success keeps the user open', async () => {
    const user = await newUser();
    await fail(await reserve(user.id));
    const right = await reserve(user.id);
    const wrong = await reserve(user.id);
    expect(await state(user.id)).toBe('FULL');
    await fail(wrong);
    expect((await stored(user.id)).status).toBe(UserStatus.ACTIVE);
    await inTransaction((manager) => lockout.succeed(manager, right));
    await lockout.settle(right);
    expect(await stored(user.id)).toMatchObject({ status: UserStatus.ACTIVE, failedLoginCount: 0 });
  });

  it('checks waiting for a full user look again only after their poll or a settled check, not because another waiter looked', async () => {
    const user = await newUser();
    const held = await Promise.all(Array.from({ length: MAX_FAILED_LOGINS }, () => reserve(user.id)));
    const tries = () => db.queries.statements.filter((statement) => /failed_login_count\W* \+ 1/.test(statement)).length;
    db.queries.reset();
    const startedAt = Date.now();
    const waiters = Array.from({ length: 10 }, () => lockout.reserve(user.id, 'login', new ChangedPrincipals()));
    // Until every waiter tried three times and three polls have passed: after the first, each try
    // comes from a poll (nothing settles meanwhile), while waiters waking one another would keep
    // trying all along, however slow the database.
    while (tries() < 3 * waiters.length || Date.now() - startedAt < 3 * POLL_MS) await new Promise((resolve) => setTimeout(resolve, 5));
    const seen = tries();
    // One try each at the start and one per poll since: waiters waking one another would have tried far more often.
    expect(seen).toBeLessThanOrEqual(waiters.length * (2 + (Date.now() - startedAt) / POLL_MS));
    for (const reservation of [...held, ...waiters]) {
      const settled = await reservation;
      if (settled.kind !== 'reserved') throw new Error(`refused: ${settled.reason}`);
      await inTransaction((manager) => lockout.succeed(manager, settled));
      await lockout.settle(settled);
    }
    expect(await stored(user.id)).toMatchObject({ status: UserStatus.ACTIVE, failedLoginCount: 0 });
  });

  it('unlock: LOCKED becomes ACTIVE with no failures counted; an ACTIVE user only has their failures forgotten', async () => {
    const user = await newUser();
    for (let failure = 0; failure < MAX_FAILED_LOGINS; failure++) await fail(await reserve(user.id));
    expect(await state(user.id)).toBe('LOCKED');
    expect(await inTransaction((manager) => lockout.unlock(manager, user.id))).toBe(true);
    expect(await stored(user.id)).toMatchObject({ status: UserStatus.ACTIVE, failedLoginCount: 0 });
    await fail(await reserve(user.id));
    expect(await inTransaction((manager) => lockout.unlock(manager, user.id))).toBe(false);
    expect(await stored(user.id)).toMatchObject({ status: UserStatus.ACTIVE, failedLoginCount: 0 });
  });

  it('reserve with the row the caller just read checks that row and reads it no more; a row gone stale is read again', async () => {
    const user = await newUser();
    db.queries.reset();
    const reservation = await lockout.reserve(user.id, 'login', new ChangedPrincipals(), user);
    expect(reservation).toMatchObject({ kind: 'reserved', user: { id: user.id } });
    expect(db.queries.selects).toHaveLength(0);
    if (reservation.kind === 'reserved') await fail(reservation);

    await db.dataSource.getRepository(UserRecord).update({ id: user.id }, { status: UserStatus.SUSPENDED });
    expect(await lockout.reserve(user.id, 'login', new ChangedPrincipals(), user)).toEqual<Refusal>({ kind: 'refused', reason: UserStatus.SUSPENDED });
    expect((await stored(user.id)).failedLoginCount).toBe(1);
  });

  it('refuses without counting users that are not ACTIVE, and a missing one', async () => {
    const user = await newUser();
    await db.dataSource.getRepository(UserRecord).update({ id: user.id }, { status: UserStatus.SUSPENDED });
    expect(await state(user.id)).toBe('INACTIVE');
    expect(await lockout.reserve(user.id, 'login', new ChangedPrincipals())).toEqual<Refusal>({ kind: 'refused', reason: UserStatus.SUSPENDED });
    expect((await stored(user.id)).failedLoginCount).toBe(0);
    expect(await lockout.reserve('00000000-0000-4000-8000-000000000000', 'login', new ChangedPrincipals())).toEqual<Refusal>({
      kind: 'refused',
      reason: 'missing',
    });
  });
});
