import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const WINDOW = 31;

/**
 * Makes answers that did little work (unknown user, locked user) take as long as those that did
 * the real work (the median of recent ones), so nobody learns from timing who exists.
 */
export class ResponsePacer {
  private readonly recent: number[] = [];

  /** @param untilMeasured what to wait while no real answer has been measured yet */
  constructor(private readonly untilMeasured: () => Promise<void> = async () => undefined) {}

  /** An answer that did the real work, begun at `startedAt`, just ended. */
  record(startedAt: number): void {
    this.recent.push(performance.now() - startedAt);
    if (this.recent.length > WINDOW) this.recent.shift();
  }

  /** Waits until an answer begun at `startedAt` has lasted as long as a real one. */
  async pad(startedAt: number): Promise<void> {
    if (this.recent.length === 0) return this.untilMeasured();
    const sorted = [...this.recent].sort((a, b) => a - b);
    const remaining = sorted[Math.floor(sorted.length / 2)] - (performance.now() - startedAt);
    if (remaining > 0) await sleep(remaining);
  }
}
