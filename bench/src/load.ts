import autocannon from 'autocannon';

/** Fixed load: the same connections and duration for every side of every comparison. */
export const CONNECTIONS = 16;
export const RUN_SECONDS = 5;
/**
 * Load on each side before its first timed run. Every process JIT-compiles for its first ~25 s under
 * load (a users page at 16 connections went 150 → 180 → 200 → 220 req/s over four 8 s runs), so a
 * short warm-up measures how fast each side compiles rather than how fast it serves.
 */
export const WARM_UP_SECONDS = 20;
/** Each pair runs A, B, A, B, ... this many times each; the medians are compared. */
export const ROUNDS = 3;
/** How long one request may take before autocannon counts it as timed out. */
const TIMEOUT_SECONDS = 30;

/** One side of a comparison: where to POST, and the GraphQL bodies to send (cycled, fresh headers per run). */
export interface Target {
  label: string;
  url: string;
  /** Called before every run, so a short-lived header (a principal token) is fresh. */
  headers(): Promise<Record<string, string>>;
  bodies: string[];
  /** Requests in flight; CONNECTIONS unless given. */
  connections?: number;
}

export interface Run {
  /** Answers per second that were HTTP 2xx without GraphQL errors. */
  perSecond: number;
  failed: number;
  /** What the first failed answer was, to say why in the report. */
  firstFailure?: string;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Runs autocannon against a target and counts answers that were not 2xx or carried `errors`. */
export async function runLoad(target: Target, seconds = RUN_SECONDS): Promise<Run> {
  const headers = { 'content-type': 'application/json', ...(await target.headers()) };
  let next = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  const result = await autocannon({
    url: target.url,
    connections: target.connections ?? CONNECTIONS,
    duration: seconds,
    timeout: TIMEOUT_SECONDS,
    requests: [
      {
        method: 'POST',
        headers,
        setupRequest: (request) => ({ ...request, body: target.bodies[next++ % target.bodies.length] }),
        onResponse: (status, body) => {
          if (status >= 200 && status < 300 && !body.includes('"errors"')) return;
          failed++;
          firstFailure ??= `HTTP ${status}: ${body.slice(0, 200)}`;
        },
      },
    ],
  });
  if (result.timeouts) firstFailure ??= `${result.timeouts} requests timed out after ${TIMEOUT_SECONDS} s`;
  failed += result.errors + result.timeouts;
  return { perSecond: (result.requests.total - failed) / result.duration, failed, firstFailure };
}

/** A measured side: the median and every run, in answers per second. */
export interface Measured {
  median: number;
  runs: number[];
  failed: number;
  firstFailure?: string;
}

/** Something measured in rounds: a load target, or another process's throughput. */
export type Side = Target | (() => Promise<Run>);

const once = (side: Side, seconds?: number) => (typeof side === 'function' ? side() : runLoad(side, seconds));

/** Warms the sides up, then runs them interleaved A, B, A, B, ... ROUNDS times each (one side alone when its peer is missing). */
export async function interleave(...sides: Side[]): Promise<Measured[]> {
  for (const side of sides) if (typeof side !== 'function') await runLoad(side, WARM_UP_SECONDS);
  const runs: Run[][] = sides.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, side] of sides.entries()) runs[index].push(await once(side));
  }
  return runs.map((each) => ({
    median: median(each.map((run) => run.perSecond)),
    runs: each.map((run) => run.perSecond),
    failed: each.reduce((sum, run) => sum + run.failed, 0),
    firstFailure: each.find((run) => run.firstFailure)?.firstFailure,
  }));
}
