import { greetingName } from '@tenantry/provisioning';
import type { EntityManager, RequestDatabase } from '@tenantry/database';
import { UserRecord, UserStatus, recordAudit } from '@tenantry/users-module';
import { enqueueMail } from '@tenantry/mail';
import { lockedMail } from '../mail/user-mails';
import type { ChangedPrincipals } from '../principal/principal-changes';
import { endSessions } from '../session/session.revoke';
import type { AttemptSlot } from './attempts-in-flight';
import { AttemptsInFlight } from './attempts-in-flight';

/** Consecutive failures that lock a user until an administrator unlocks them (docs/product.md#sign-in-lockout-and-two-factor). */
export const MAX_FAILED_LOGINS = 3;

/** How long a reservation waits for other checks of the same user to settle before it gives up. */
const WAIT_FOR_SLOT_MS = 10_000;
/** When nothing settles in this process (another instance holds the slots), a waiting reservation looks again this often. */
export const POLL_MS = 250;

/** What a credential was checked for; names the audit event of a failure. */
export type CredentialPurpose = 'login' | 'change_password' | 'enable_totp' | 'confirm_totp' | 'disable_totp';

/** Which secret was wrong: a wrong one counts toward the lockout. */
export type WrongCredential = 'password' | 'totp' | 'totp_replayed';

/** Why no secret was tested at all: the user's status, or attempts in flight that did not settle in time. */
export type RefusalReason = UserStatus | 'busy';

/**
 * Where a user stands, read from `status` and `failed_login_count`:
 * - OPEN: ACTIVE with fewer than MAX_FAILED_LOGINS attempts counted; a check may reserve one.
 * - FULL: ACTIVE with every attempt reserved; checks wait for one to settle (a success clears the
 *   count, a refund gives one back), and once all of them failed the user is locked.
 * - LOCKED: nothing is tested until `unlock` (an administrator, or a password reset).
 * - INACTIVE: invited, suspended or archived; nothing is tested, nothing counts.
 */
export type LockoutState = 'OPEN' | 'FULL' | 'LOCKED' | 'INACTIVE';

/** The state a user's row is in (see LockoutState). */
export function lockoutState(user: Pick<UserRecord, 'status' | 'failedLoginCount'>): LockoutState {
  if (user.status === UserStatus.LOCKED) return 'LOCKED';
  if (user.status !== UserStatus.ACTIVE) return 'INACTIVE';
  return user.failedLoginCount < MAX_FAILED_LOGINS ? 'OPEN' : 'FULL';
}

/** An attempt counted in advance for one check of `user` (as read when it was reserved). */
export interface Reservation {
  readonly kind: 'reserved';
  readonly user: UserRecord;
  readonly purpose: CredentialPurpose;
  readonly slot: AttemptSlot;
  /** The request's, where a lock this check decides is noted for the gateway. */
  readonly principalChanges: ChangedPrincipals;
}

/** No attempt could be reserved, so no secret may be tested; `missing`: the user is gone. */
export interface Refusal {
  readonly kind: 'refused';
  readonly reason: RefusalReason | 'missing';
}

/** Columns a success sets on the user besides clearing the count (never the count or the status). */
export type UserChanges = Partial<Pick<UserRecord, 'lastLoginAt' | 'availability'>>;

/** How recording a right secret ended: a TOTP step already spent by a racing check is a failure. */
export type SuccessRecord = { kind: 'cleared'; user: UserRecord } | { kind: 'wrong'; credential: WrongCredential } | Refusal;

const FAILED_ACTION: Record<CredentialPurpose, string> = {
  login: 'user.login_failed',
  change_password: 'user.password_change_failed',
  enable_totp: 'user.totp_check_failed',
  confirm_totp: 'user.totp_check_failed',
  disable_totp: 'user.totp_check_failed',
};

/**
 * The lockout after failed logins (docs/product.md#sign-in-lockout-and-two-factor): the only code that changes `failed_login_count` or
 * moves a user into or out of LOCKED. One per process; every check of a password or TOTP code
 * (login, changePassword, the TOTP mutations) reserves an attempt here, and ends it with exactly
 * one of succeed, fail or refund; unlockUser, a password reset, restoring and activating lift it.
 *
 * `reserve` raises the count only while it stays below MAX_FAILED_LOGINS, in the database, so
 * however many checks run in parallel (in any instance), at most that many secrets are tested
 * before the user is locked. `succeed` clears the count; `fail` keeps its reservation as the
 * failure; `refund` gives back the reservation of a check that was no guess. A reservation that
 * finds the user FULL waits for a check to settle and tries again (bounded), so parallel right
 * passwords all get in. A failure locks the user only when no other check is in flight (read
 * under the user's row lock); otherwise the last check to `settle` decides, so the reservation of
 * a right password still in flight never locks anybody. That last word is per instance: across
 * instances, a failure may lock while another instance tests a right password.
 */
export class Lockout {
  private readonly inFlight = new AttemptsInFlight();

  constructor(private readonly database: RequestDatabase) {}

  /**
   * OPEN → one more attempt counted; FULL waits; anything else (or waiting too long) is refused and audited.
   * `justRead`: the user's row as the caller read it a moment ago (login); when it was ACTIVE and the
   * first try counts the attempt, the check runs on it instead of reading the row once more.
   */
  async reserve(userId: string, purpose: CredentialPurpose, principalChanges: ChangedPrincipals, justRead?: UserRecord): Promise<Reservation | Refusal> {
    const deadline = Date.now() + WAIT_FOR_SLOT_MS;
    let fresh = justRead?.status === UserStatus.ACTIVE ? justRead : undefined;
    for (;;) {
      const { user, slot } = await this.tryReserve(userId, principalChanges, fresh);
      if (!user) return { kind: 'refused', reason: 'missing' };
      if (slot) return { kind: 'reserved', user, purpose, slot, principalChanges };
      const gaveUp = Date.now() >= deadline;
      const state = lockoutState(user);
      // OPEN again: a check settled between the count and the read, so it counts again at once.
      if ((state !== 'FULL' && state !== 'OPEN') || gaveUp) return this.refuse(user, purpose, gaveUp, principalChanges);
      // After a wait the caller's row is no longer a moment old.
      fresh = undefined;
      if (state === 'FULL') await this.inFlight.next(userId, POLL_MS);
    }
  }

  /**
   * The secrets were right: the count goes back to zero, in the caller's transaction (which then
   * applies what they allow). `totpStep` is spent in the same statement, so of two checks racing
   * with one code, one wins and the other is a failure; so are `changes`, what the success records
   * on the user besides (a login's lastLoginAt), to spare a statement.
   */
  async succeed(manager: EntityManager, reservation: Reservation, totpStep?: number, changes: UserChanges = {}): Promise<SuccessRecord> {
    const { user, purpose } = reservation;
    const spent = totpStep === undefined ? {} : { totpLastUsedStep: totpStep };
    const cleared = manager
      .createQueryBuilder()
      .update(UserRecord)
      .set({ ...changes, ...spent, failedLoginCount: 0 })
      .where('id = :id AND status = :active', { id: user.id, active: UserStatus.ACTIVE });
    if (totpStep !== undefined) cleared.andWhere('(totp_last_used_step IS NULL OR totp_last_used_step < :step)', { step: totpStep });
    if ((await cleared.execute()).affected) {
      return { kind: 'cleared', user: { ...user, ...changes, ...spent, failedLoginCount: 0 } };
    }
    const current = await manager.findOneBy(UserRecord, { id: user.id });
    if (!current) return { kind: 'refused', reason: 'missing' };
    if (current.status !== UserStatus.ACTIVE) {
      await auditRefused(manager, current, purpose, current.status);
      return { kind: 'refused', reason: current.status };
    }
    return this.fail(manager, reservation, 'totp_replayed');
  }

  /** A wrong secret: the reservation stays counted, in the caller's transaction; the user is locked at the limit. */
  async fail(manager: EntityManager, reservation: Reservation, credential: WrongCredential): Promise<{ kind: 'wrong'; credential: WrongCredential }> {
    const { user, purpose, slot } = reservation;
    // Under the row lock, the checks in flight here are exactly the reservations committed and not settled.
    await lockUserRow(manager, user.id);
    await recordAudit(manager, {
      organisationId: user.organisationId,
      actorUserId: null,
      action: FAILED_ACTION[purpose],
      targetId: user.id,
      details: { purpose, reason: credential, counted: true },
    });
    // Only the last check decides: another one in flight may yet prove a right password and clear the count.
    if (slot.leaveAfterFailure()) await this.lockIfAtLimit(manager, user, reservation.principalChanges);
    return { kind: 'wrong', credential };
  }

  /** The check was no guess (a missing TOTP code after a right password) or broke: its attempt is given back. */
  async refund(reservation: Reservation): Promise<void> {
    await this.database.autocommit((manager) =>
      manager
        .createQueryBuilder()
        .update(UserRecord)
        .set({ failedLoginCount: () => 'failed_login_count - 1' })
        .where('id = :id AND failed_login_count > 0', { id: reservation.user.id })
        .execute(),
    );
  }

  /**
   * Ends a reservation once its outcome committed (call it exactly once, whatever happened): the
   * last check to leave makes a lockout decision failures deferred to it, and waiting ones look again.
   */
  async settle(reservation: Reservation): Promise<void> {
    await this.leave(reservation.user, reservation.slot, true, reservation.principalChanges);
  }

  /**
   * Leaves a slot; the last check to leave makes a lockout decision failures deferred to it. Waiting
   * checks look again when a counted check settles or a decision was made, never for a check that
   * was not counted (they would only wake each other, over and over).
   */
  private async leave(user: UserRecord, slot: AttemptSlot, counted: boolean, principalChanges: ChangedPrincipals): Promise<void> {
    const due = slot.leave();
    try {
      if (!due) return;
      await this.database.transaction(async (manager) => {
        await lockUserRow(manager, user.id);
        if (this.inFlight.count(user.id) > 0) this.inFlight.deferLockDecision(user.id);
        else await this.lockIfAtLimit(manager, user, principalChanges);
      });
    } finally {
      if (counted || due) this.inFlight.settled(user.id);
    }
  }

  /** LOCKED → ACTIVE, in the caller's transaction; failures counted so far are forgotten either way. Answers whether the user was locked. */
  async unlock(manager: EntityManager, userId: string): Promise<boolean> {
    await this.forgive(manager, userId);
    const unlocked = await manager.update(UserRecord, { id: userId, status: UserStatus.LOCKED }, { status: UserStatus.ACTIVE });
    return Boolean(unlocked.affected);
  }

  /** Forgets the failures counted so far (access restored, account activated), in the caller's transaction. */
  async forgive(manager: EntityManager, userId: string): Promise<void> {
    await manager.update(UserRecord, { id: userId }, { failedLoginCount: 0 });
  }

  /**
   * `fresh`: the ACTIVE row the caller just read. Counted, the check runs on the row as read just
   * before (a moment old, like the caller's); not counted, on the row as it is after.
   */
  private async tryReserve(userId: string, principalChanges: ChangedPrincipals, fresh?: UserRecord): Promise<{ user: UserRecord | null; slot?: AttemptSlot }> {
    const before = fresh ?? (await this.database.manager.findOneBy(UserRecord, { id: userId }));
    if (!before) return { user: null };
    // In flight before the count can commit, so whoever reads the in-flight count under the user's
    // row lock (fail, settle, refuse) sees every committed reservation. One that is then not counted
    // at worst had a lockout decision deferred to it, which it makes as it leaves.
    const slot = this.inFlight.begin(userId);
    let counted = false;
    try {
      const taken = await this.database.autocommit((manager) =>
        manager
          .createQueryBuilder()
          .update(UserRecord)
          .set({ failedLoginCount: () => 'failed_login_count + 1' })
          .where('id = :id AND status = :active AND failed_login_count < :max', { id: userId, active: UserStatus.ACTIVE, max: MAX_FAILED_LOGINS })
          .execute(),
      );
      counted = Boolean(taken.affected);
    } finally {
      if (!counted) await this.leave(before, slot, false, principalChanges);
    }
    if (counted) return { user: before, slot };
    // Not counted: the state the user is in now decides what happens next.
    return { user: await this.database.manager.findOneBy(UserRecord, { id: userId }) };
  }

  private refuse(user: UserRecord, purpose: CredentialPurpose, gaveUp: boolean, principalChanges: ChangedPrincipals): Promise<Refusal> {
    return this.database.transaction(async (manager) => {
      let reason: RefusalReason = user.status;
      if (user.status === UserStatus.ACTIVE && gaveUp) {
        // Slots still taken after the wait with none in flight here: checks that never settled (a
        // crash mid-check) keep their reservations as failures, and those may have reached the limit.
        await lockUserRow(manager, user.id);
        const locked = this.inFlight.count(user.id) === 0 && (await this.lockIfAtLimit(manager, user, principalChanges));
        reason = locked ? UserStatus.LOCKED : 'busy';
      }
      await auditRefused(manager, user, purpose, reason);
      return { kind: 'refused', reason };
    });
  }

  /** FULL → LOCKED: ends the user's sessions (endSessions tells the gateway) and tells them by mail, in the caller's transaction. Answers whether it locked. */
  private async lockIfAtLimit(manager: EntityManager, user: UserRecord, principalChanges: ChangedPrincipals): Promise<boolean> {
    const locked = await manager
      .createQueryBuilder(UserRecord, 'u')
      .update()
      .set({ status: UserStatus.LOCKED })
      .where('id = :id AND status = :status AND failed_login_count >= :max', { id: user.id, status: UserStatus.ACTIVE, max: MAX_FAILED_LOGINS })
      .execute();
    if (!locked.affected) return false;
    const sessionsEnded = await endSessions(manager, user.id, principalChanges);
    await recordAudit(manager, {
      organisationId: user.organisationId,
      actorUserId: null,
      action: 'user.locked',
      targetId: user.id,
      details: { failedLogins: MAX_FAILED_LOGINS, sessionsEnded },
    });
    // A user without email learns of the lock from their administrator.
    if (user.email)
      await enqueueMail(manager, {
        to: user.email,
        organisationId: user.organisationId,
        ...lockedMail(user.language, { firstName: greetingName(user), username: user.username, attempts: MAX_FAILED_LOGINS }),
      });
    return true;
  }
}

/** Audits an attempt refused before any secret was tested (locked, suspended, archived, …); it does not count. */
function auditRefused(manager: EntityManager, user: UserRecord, purpose: CredentialPurpose, reason: RefusalReason): Promise<void> {
  return recordAudit(manager, {
    organisationId: user.organisationId,
    actorUserId: null,
    action: FAILED_ACTION[purpose],
    targetId: user.id,
    details: { purpose, reason: reason.toLowerCase(), counted: false },
  });
}

/** Holds the user's row until the transaction ends (SQLite runs one transaction at a time already). */
async function lockUserRow(manager: EntityManager, userId: string): Promise<void> {
  if (manager.connection.options.type === 'better-sqlite3') return;
  await manager.findOne(UserRecord, { select: { id: true }, where: { id: userId }, lock: { mode: 'pessimistic_write' } });
}
