import type { EntityManager, RequestDatabase } from '@tenantry/database';
import type { UserRecord } from '@tenantry/users-module';
import { graphqlError } from '@tenantry/auth';
import type { CredentialPurpose, Lockout, RefusalReason, Reservation, UserChanges, WrongCredential } from '../lockout/lockout';
import type { ChangedPrincipals } from '../principal/principal-changes';
import { matchTotpStep } from '../totp/totp.verify';

/** What testing the secrets found; `totpStep` is the time step of the code used, spent on success. */
export type Verdict<T> = { kind: 'verified'; value: T; totpStep?: number } | { kind: 'wrong'; credential: WrongCredential };

export const verified = <T>(value: T, totpStep?: number): Verdict<T> => ({ kind: 'verified', value, totpStep });
export const wrong = (credential: WrongCredential): Verdict<never> => ({ kind: 'wrong', credential });

/** How an attempt ended: `refused` means no secret was tested (the user is not ACTIVE, missing, or stayed busy). */
export type AttemptOutcome<R> =
  { kind: 'succeeded'; result: R } | { kind: 'wrong'; credential: WrongCredential } | { kind: 'refused'; reason: RefusalReason | 'missing' };

/** One check of a user's secrets. */
export interface CredentialCheck<T, R> {
  purpose: CredentialPurpose;
  /** The request's: a lock this check brings about is noted there for the gateway. */
  principalChanges: ChangedPrincipals;
  /**
   * Tests the secrets against the user as read when the attempt was reserved. May throw a client
   * error (a state mistake, a missing TOTP code after a right password): the attempt is given back.
   */
  verify(user: UserRecord): Promise<Verdict<T>>;
  /** Applies what the right secrets allow, in the transaction that records the success (a throw rolls both back). */
  succeed(manager: EntityManager, user: UserRecord, value: T): Promise<R>;
  /** What the success sets on the user, written with the lockout's own update; `succeed` gets the user with it applied. */
  changesOnSuccess?(user: UserRecord): UserChanges;
}

/** A code of the user's secret at `now` (one step of drift either way); a step at or before the last one used is a replay. */
export function totpVerdict<T>(user: UserRecord, code: string, now: Date, value: T): Verdict<T> {
  const step = user.totpSecret ? matchTotpStep(user.totpSecret, code, now) : null;
  if (step === null) return wrong('totp');
  if (user.totpLastUsedStep !== null && step <= user.totpLastUsedStep) return wrong('totp_replayed');
  return verified(value, step);
}

/**
 * Every check of a password or TOTP code goes through here: reserve an attempt in the Lockout,
 * test, then record the outcome there (succeed or fail), or refund the attempt when the check was
 * no guess or broke. The lockout's states and rules live in `../lockout/lockout.ts`.
 */
export class CredentialAttempts {
  constructor(
    private readonly database: RequestDatabase,
    private readonly lockout: Lockout,
  ) {}

  /** `justRead`: the user's row as the caller read it a moment ago, if it did (see Lockout.reserve). */
  async check<T, R>(userId: string, check: CredentialCheck<T, R>, justRead?: UserRecord): Promise<AttemptOutcome<R>> {
    const reservation = await this.lockout.reserve(userId, check.purpose, check.principalChanges, justRead);
    if (reservation.kind === 'refused') return reservation;
    try {
      let verdict: Verdict<T> | undefined;
      let failure: unknown;
      try {
        verdict = await check.verify(reservation.user);
      } catch (error) {
        failure = error;
      }
      if (verdict) {
        const decided = verdict;
        try {
          return await this.database.transaction((manager) => this.record(manager, reservation, check, decided));
        } catch (error) {
          failure = error;
        }
      }
      await this.lockout.refund(reservation);
      throw failure;
    } finally {
      await this.lockout.settle(reservation);
    }
  }

  private async record<T, R>(manager: EntityManager, reservation: Reservation, check: CredentialCheck<T, R>, verdict: Verdict<T>): Promise<AttemptOutcome<R>> {
    if (verdict.kind === 'wrong') return this.lockout.fail(manager, reservation, verdict.credential);
    const recorded = await this.lockout.succeed(manager, reservation, verdict.totpStep, check.changesOnSuccess?.(reservation.user));
    if (recorded.kind !== 'cleared') return recorded;
    return { kind: 'succeeded', result: await check.succeed(manager, recorded.user, verdict.value) };
  }
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
