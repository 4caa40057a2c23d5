import { DataSource, EntityManager, withTransaction } from '@tenantry/database';
import { UserRecord, UserStatus } from '@tenantry/users-module';
import { graphqlError } from '@tenantry/auth';
import { matchTotpStep } from '../totp/totp.verify';
import { AttemptSlot, AttemptsInFlight } from './attempts-in-flight';
import {
  auditRefusedAttempt, auditWrongCredential, CredentialPurpose, lockIfAtLimit, MAX_FAILED_LOGINS, RefusalReason, WrongCredential,
} from './failed-attempt';

/** How long a check waits for other checks of the same user to settle before it gives up. */
const WAIT_FOR_SLOT_MS = 10_000;
/** When nothing settles in this process (another instance holds the slots), a waiting check looks again this often. */
const POLL_MS = 250;

/** What testing the secrets found; `totpStep` is the time step of the code used, spent on success. */
export type Verdict<T> = { kind: 'verified'; value: T; totpStep?: number } | { kind: 'wrong'; credential: WrongCredential };

export const verified = <T>(value: T, totpStep?: number): Verdict<T> => ({ kind: 'verified', value, totpStep });
export const wrong = (credential: WrongCredential): Verdict<never> => ({ kind: 'wrong', credential });

/** How an attempt ended: `refused` means no secret was tested (the user is not ACTIVE, missing, or stayed busy). */
export type AttemptOutcome<R> =
  | { kind: 'succeeded'; result: R }
  | { kind: 'wrong'; credential: WrongCredential }
  | { kind: 'refused'; reason: RefusalReason | 'missing' };

/** One check of a user's secrets. */
export interface CredentialCheck<T, R> {
  purpose: CredentialPurpose;
  /**
   * Tests the secrets against the user as read when the attempt was reserved. May throw a client
   * error (a state mistake, a missing TOTP code after a right password): the attempt is given back.
   */
  verify(user: UserRecord): Promise<Verdict<T>>;
  /** Applies what the right secrets allow, in the transaction that records the success (a throw rolls both back). */
  succeed(manager: EntityManager, user: UserRecord, value: T): Promise<R>;
}

/** A code of the user's secret at `now` (one step of drift either way); a step at or before the last one used is a replay. */
export function totpVerdict<T>(user: UserRecord, code: string, now: Date, value: T): Verdict<T> {
  const step = user.totpSecret ? matchTotpStep(user.totpSecret, code, now) : null;
  if (step === null) return wrong('totp');
  if (user.totpLastUsedStep !== null && step <= user.totpLastUsedStep) return wrong('totp_replayed');
  return verified(value, step);
}

/**
 * Every check of a password or TOTP code goes through here: reserve an attempt, test, record the
 * outcome (docs/product.md#sign-in-lockout-and-two-factor).
 *
 * The reservation raises `failed_login_count` only while it stays below MAX_FAILED_LOGINS, in the
 * database, so however many checks run in parallel (in any instance), at most that many secrets
 * are tested before the user is locked. A success clears the count; a failure keeps its
 * reservation as the failure; a check that was no guess gives it back. A check that finds every
 * slot taken while the user is still ACTIVE waits for one to settle and tries again (bounded), so
 * parallel right passwords all get in. A failure locks the user only when no other check is in
 * flight (read under the user's row lock); otherwise the last check to leave decides, so the
 * reservation of a right password still in flight never locks anybody. That last word is per
 * instance: across instances, a failure may lock while another instance tests a right password.
 */
export class CredentialAttempts {
  private readonly inFlight = new AttemptsInFlight();

  constructor(private readonly dataSource: DataSource) {}

  async check<T, R>(userId: string, check: CredentialCheck<T, R>): Promise<AttemptOutcome<R>> {
    const reservation = await this.reserve(userId, check.purpose);
    if ('refused' in reservation) return reservation.refused;
    const { user, slot } = reservation;
    let verdict: Verdict<T> | undefined;
    let failure: unknown;
    try {
      verdict = await check.verify(user);
    } catch (error) {
      failure = error;
    }
    try {
      if (verdict) {
        const decided = verdict;
        try {
          const outcome = await withTransaction(this.dataSource, (manager) => this.record(manager, user, slot, check, decided));
          await this.leave(user, slot);
          return outcome;
        } catch (error) {
          failure = error;
        }
      }
      await withTransaction(this.dataSource, (manager) => this.giveBack(manager, user));
      await this.leave(user, slot);
      throw failure;
    } finally {
      this.inFlight.settled(user.id);
    }
  }

  /** The user with an attempt reserved, or the refusal (audited) when none could be. */
  private async reserve(userId: string, purpose: CredentialPurpose): Promise<{ user: UserRecord; slot: AttemptSlot } | { refused: AttemptOutcome<never> }> {
    const deadline = Date.now() + WAIT_FOR_SLOT_MS;
    for (;;) {
      const { user, slot } = await this.tryReserve(userId);
      if (!user) return { refused: { kind: 'refused', reason: 'missing' } };
      if (slot) return { user, slot };
      const gaveUp = Date.now() >= deadline;
      if (user.status !== UserStatus.ACTIVE || gaveUp) return { refused: await this.refuse(user, purpose, gaveUp) };
      await this.inFlight.next(userId, POLL_MS);
    }
  }

  private async tryReserve(userId: string): Promise<{ user: UserRecord | null; slot?: AttemptSlot }> {
    let slot: AttemptSlot | undefined;
    try {
      return await withTransaction(this.dataSource, async (manager) => {
        const taken = await manager
          .createQueryBuilder()
          .update(UserRecord)
          .set({ failedLoginCount: () => 'failed_login_count + 1' })
          .where('id = :id AND status = :active AND failed_login_count < :max', { id: userId, active: UserStatus.ACTIVE, max: MAX_FAILED_LOGINS })
          .execute();
        const user = await manager.findOneBy(UserRecord, { id: userId });
        // Counted in flight while this transaction holds the row, before it commits.
        if (taken.affected && user) slot = this.inFlight.begin(userId);
        return { user, slot };
      });
    } catch (error) {
      slot?.leave();
      throw error;
    }
  }

  private refuse(user: UserRecord, purpose: CredentialPurpose, gaveUp: boolean): Promise<AttemptOutcome<never>> {
    return withTransaction(this.dataSource, async (manager) => {
      let reason: RefusalReason = user.status;
      if (user.status === UserStatus.ACTIVE && gaveUp) {
        // Slots still taken after the wait with none in flight here: checks that never settled (a
        // crash mid-check) keep their reservations as failures, and those may have reached the limit.
        await lockUserRow(manager, user.id);
        const locked = this.inFlight.count(user.id) === 0 && (await lockIfAtLimit(manager, user));
        reason = locked ? UserStatus.LOCKED : 'busy';
      }
      await auditRefusedAttempt(manager, user, purpose, reason);
      return { kind: 'refused', reason };
    });
  }

  private async record<T, R>(manager: EntityManager, user: UserRecord, slot: AttemptSlot, check: CredentialCheck<T, R>, verdict: Verdict<T>): Promise<AttemptOutcome<R>> {
    if (verdict.kind === 'wrong') return this.recordWrong(manager, user, slot, check.purpose, verdict.credential);
    const step = verdict.totpStep;
    const cleared = manager
      .createQueryBuilder()
      .update(UserRecord)
      .set(step === undefined ? { failedLoginCount: 0 } : { failedLoginCount: 0, totpLastUsedStep: step })
      .where('id = :id AND status = :active', { id: user.id, active: UserStatus.ACTIVE });
    // Spending the code's step in the same statement: of two checks racing with one code, one wins.
    if (step !== undefined) cleared.andWhere('(totp_last_used_step IS NULL OR totp_last_used_step < :step)', { step });
    if (!(await cleared.execute()).affected) {
      const current = await manager.findOneBy(UserRecord, { id: user.id });
      if (!current) return { kind: 'refused', reason: 'missing' };
      if (current.status !== UserStatus.ACTIVE) {
        await auditRefusedAttempt(manager, current, check.purpose, current.status);
        return { kind: 'refused', reason: current.status };
      }
      return this.recordWrong(manager, user, slot, check.purpose, 'totp_replayed');
    }
    const current = { ...user, failedLoginCount: 0, totpLastUsedStep: step ?? user.totpLastUsedStep };
    return { kind: 'succeeded', result: await check.succeed(manager, current, verdict.value) };
  }

  private async recordWrong(manager: EntityManager, user: UserRecord, slot: AttemptSlot, purpose: CredentialPurpose, credential: WrongCredential): Promise<AttemptOutcome<never>> {
    // Under the row lock, the checks in flight here are exactly the reservations committed and not settled.
    await lockUserRow(manager, user.id);
    await auditWrongCredential(manager, user, purpose, credential);
    // Only the last check decides: another one in flight may yet prove a right password and clear the count.
    if (slot.leaveAfterFailure()) await lockIfAtLimit(manager, user);
    return { kind: 'wrong', credential };
  }

  /** The check was no guess (or broke): its reservation is returned. */
  private async giveBack(manager: EntityManager, user: UserRecord): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(UserRecord)
      .set({ failedLoginCount: () => 'failed_login_count - 1' })
      .where('id = :id AND failed_login_count > 0', { id: user.id })
      .execute();
  }

  /** Leaves after the outcome committed; the last check to leave makes a lockout decision failures deferred to it. */
  private async leave(user: UserRecord, slot: AttemptSlot): Promise<void> {
    if (!slot.leave()) return;
    await withTransaction(this.dataSource, async (manager) => {
      await lockUserRow(manager, user.id);
      if (this.inFlight.count(user.id) > 0) this.inFlight.deferLockDecision(user.id);
      else await lockIfAtLimit(manager, user);
    });
  }
}

/** Holds the user's row until the transaction ends (SQLite runs one transaction at a time already). */
async function lockUserRow(manager: EntityManager, userId: string): Promise<void> {
  if (manager.connection.options.type === 'better-sqlite3') return;
  await manager.findOne(UserRecord, { select: { id: true }, where: { id: userId }, lock: { mode: 'pessimistic_write' } });
}

const WRONG_CREDENTIAL: Record<WrongCredential, () => Error> = {
  password: () => graphqlError('BAD_USER_INPUT', 'The current password is wrong.', { field: 'currentPassword' }),
  totp: () => graphqlError('BAD_USER_INPUT', 'The code is not right; check the clock of the device.', { field: 'code' }),
  totp_replayed: () => graphqlError('BAD_USER_INPUT', 'This code was used already; wait for the next one.', { field: 'code' }),
};

/** What a signed-in caller's check allows, or the error that tells them what was wrong. */
export function resultOf<R>(outcome: AttemptOutcome<R>): R {
  if (outcome.kind === 'succeeded') return outcome.result;
  if (outcome.kind === 'wrong') throw WRONG_CREDENTIAL[outcome.credential]();
  if (outcome.reason === 'busy') throw graphqlError('RATE_LIMITED', 'Other attempts are still being checked; try again.', { retryAfterSeconds: 1 });
  // Locked, suspended, archived or deleted meanwhile: their sessions ended with it.
  throw graphqlError('UNAUTHENTICATED', 'Your session has ended; sign in again.');
}
