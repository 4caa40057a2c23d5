import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitLikeAVerification } from '@tenantry/auth';

const WINDOW = 31;

/**
 * Makes every failed login take as long as a real wrong-password failure does (the median of
 * recent ones: hash, counter, audit and lock check), so unknown, locked, suspended and archived
 * users cannot be told apart by timing.
 */
export class FailedLoginPacer {
  private readonly recent: number[] = [];

  /** A real wrong-password failure that began at `startedAt` just ended. */
  record(startedAt: number): void {
    this.recent.push(performance.now() - startedAt);
    if (this.recent.length > WINDOW) this.recent.shift();
  }

  /** Waits until a failure that began at `startedAt` has lasted as long as a real one. */
  async pad(startedAt: number): Promise<void> {
    if (this.recent.length === 0) return waitLikeAVerification();
    const sorted = [...this.recent].sort((a, b) => a - b);
    const remaining = sorted[Math.floor(sorted.length / 2)] - (performance.now() - startedAt);
    if (remaining > 0) await sleep(remaining);
  }
}
