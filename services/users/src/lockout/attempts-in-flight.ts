interface UserAttempts {
  inFlight: number;
  /** A failure settled while other checks were in flight: the last of them decides the lockout. */
  lockDecisionPending: boolean;
  waiters: Set<() => void>;
}

/** One check holding a reservation; leaving twice is a no-op. */
export interface AttemptSlot {
  /** Leaves after a failure, holding the user's row lock: true when this check decides the lockout now. */
  leaveAfterFailure(): boolean;
  /** Leaves once any other outcome committed: true when a lockout decision deferred to the last check is now due. */
  leave(): boolean;
}

/**
 * This process's credential checks in flight, per user. The reservation that bounds them lives in
 * the database (so instances agree); this lets a check that found every slot taken wait for one to
 * settle instead of failing, and lets the last check to leave decide the lockout, so the
 * reservation of a right password still in flight is never taken for a failure.
 */
export class AttemptsInFlight {
  private readonly users = new Map<string, UserAttempts>();

  private entry(userId: string): UserAttempts {
    let entry = this.users.get(userId);
    if (!entry) {
      entry = { inFlight: 0, lockDecisionPending: false, waiters: new Set() };
      this.users.set(userId, entry);
    }
    return entry;
  }

  private forget(userId: string, entry: UserAttempts): void {
    const idle = entry.inFlight === 0 && !entry.lockDecisionPending && entry.waiters.size === 0;
    if (idle && this.users.get(userId) === entry) this.users.delete(userId);
  }

  /** How many checks of the user this process runs right now. */
  count(userId: string): number {
    return this.users.get(userId)?.inFlight ?? 0;
  }

  /**
   * A check of the user holds a reservation. Call it in the reserving transaction, while it holds
   * the user's row, so that whoever reads the count under that lock sees every committed reservation.
   */
  begin(userId: string): AttemptSlot {
    const entry = this.entry(userId);
    entry.inFlight++;
    let left = false;
    /** Whether this was the last check in flight; null when it had left already. */
    const leave = (): boolean | null => {
      if (left) return null;
      left = true;
      entry.inFlight--;
      return entry.inFlight === 0;
    };
    return {
      leaveAfterFailure: () => {
        const last = leave();
        if (last === null) return false;
        entry.lockDecisionPending = !last;
        this.forget(userId, entry);
        return last;
      },
      leave: () => {
        const due = leave() === true && entry.lockDecisionPending;
        if (due) entry.lockDecisionPending = false;
        this.forget(userId, entry);
        return due;
      },
    };
  }

  /** A check began while a deferred lockout decision was being made: it passes to the last check again. */
  deferLockDecision(userId: string): void {
    this.entry(userId).lockDecisionPending = true;
  }

  /** A check of the user settled (its outcome is committed): whoever waits may try again. */
  settled(userId: string): void {
    const entry = this.users.get(userId);
    if (!entry) return;
    const waiters = [...entry.waiters];
    entry.waiters.clear();
    this.forget(userId, entry);
    for (const wake of waiters) wake();
  }

  /**
   * Resolves once a check of the user settles here, or after `fallbackMs`: checks running in
   * another instance wake nobody in this one.
   */
  next(userId: string, fallbackMs: number): Promise<void> {
    const entry = this.entry(userId);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        entry.waiters.delete(wake);
        this.forget(userId, entry);
        resolve();
      };
      const timer = setTimeout(wake, fallbackMs);
      entry.waiters.add(wake);
    });
  }
}
