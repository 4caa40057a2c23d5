import { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitRule, RateLimitTable } from '@tenantry/config';
import type { Charge } from './rate-limit-charges';

/** Why a request is refused: the rule it is over and when it may try again. */
export interface Refusal {
  rule: RateLimitRule;
  retryAfterSeconds: number;
}

export interface RateLimitStoreOptions {
  limits: RateLimitTable;
  /** Counters in Redis (REDIS_URL), shared by every gateway instance; unset keeps them in this process. */
  redisUrl?: string;
  /** Prefix of every Redis key; tests sharing one Redis give each gateway pair its own. */
  keyPrefix?: string;
  /** Called with each refusal, for the rate-limit-hits metric. */
  onRefusal?: (refusal: Refusal) => void;
  /** Called when Redis fails and the in-process counters answer instead. */
  onStoreFailure?: (error: Error) => void;
}

/** How long a Redis command may take before the in-process counters answer instead. */
const REDIS_COMMAND_TIMEOUT_MS = 500;

const DEFAULT_KEY_PREFIX = 'tenantry:ratelimit:';

function retryAfterSeconds(result: RateLimiterRes): number {
  return Math.max(1, Math.ceil(result.msBeforeNext / 1000));
}

/**
 * The gateway's rate-limit counters (rate-limiter-flexible): in Redis when configured, so every
 * gateway instance counts against one budget; in process memory otherwise. When Redis fails
 * (down, or slower than REDIS_COMMAND_TIMEOUT_MS) the same budgets are counted in this process
 * instead, with a warning: logins stay up, and each instance still limits (README: Rate limits).
 */
export class RateLimitStore {
  private readonly memory = new Map<RateLimitRule, RateLimiterMemory>();
  private readonly shared = new Map<RateLimitRule, RateLimiterRedis>();

  private constructor(
    private readonly options: RateLimitStoreOptions,
    private readonly redis: Redis | undefined,
  ) {
    const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    for (const [rule, limit] of Object.entries(options.limits) as [RateLimitRule, RateLimitTable[RateLimitRule]][]) {
      const budget = { points: limit.points, duration: limit.durationSeconds, keyPrefix: `${keyPrefix}${rule}` };
      this.memory.set(rule, new RateLimiterMemory(budget));
      if (redis) this.shared.set(rule, new RateLimiterRedis({ ...budget, storeClient: redis, rejectIfRedisNotReady: true }));
    }
  }

  static create(options: RateLimitStoreOptions): RateLimitStore {
    const redis = options.redisUrl
      ? new Redis(options.redisUrl, { enableOfflineQueue: false, commandTimeout: REDIS_COMMAND_TIMEOUT_MS, maxRetriesPerRequest: 1, lazyConnect: false })
      : undefined;
    // Without a listener ioredis prints each connection error to stderr; they are reported with the fallback instead.
    redis?.on('error', (error: Error) => options.onStoreFailure?.(error));
    return new RateLimitStore(options, redis);
  }

  /**
   * Waits up to `timeoutMs` for Redis to connect (true when it did, or when there is none), so a
   * gateway starts counting in Redis from its first request; a Redis that is down delays start-up only that long.
   */
  async connected(timeoutMs: number): Promise<boolean> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(false), timeoutMs);
      const onReady = () => finish(true);
      const finish = (ready: boolean) => {
        clearTimeout(timer);
        redis.off('ready', onReady);
        resolve(ready);
      };
      redis.once('ready', onReady);
    });
  }

  /** Runs `work` on the Redis limiter, or on the in-process one without Redis or when Redis fails. */
  private async on<T>(rule: RateLimitRule, work: (limiter: RateLimiterAbstract) => Promise<T>): Promise<T> {
    const shared = this.shared.get(rule);
    if (shared) {
      try {
        return await work(shared);
      } catch (reason) {
        if (reason instanceof RateLimiterRes) throw reason;
        this.options.onStoreFailure?.(reason instanceof Error ? reason : new Error(String(reason)));
      }
    }
    return work(this.memory.get(rule) as RateLimiterMemory);
  }

  /** Takes every charge; the refusal with the longest wait when any budget is spent, else null. */
  async consume(charges: readonly Charge[]): Promise<Refusal | null> {
    const refusals = await Promise.all(
      charges.map(async ({ rule, key, points }) => {
        try {
          await this.on(rule, (limiter) => limiter.consume(key, points));
          return null;
        } catch (reason) {
          if (reason instanceof RateLimiterRes) return { rule, retryAfterSeconds: retryAfterSeconds(reason) };
          throw reason;
        }
      }),
    );
    return this.refusal(refusals);
  }

  /** Refuses without counting when the budget of `rule` for `key` is spent already (USERNAME_TAKEN answers). */
  async spent(rule: RateLimitRule, key: string): Promise<Refusal | null> {
    const result = await this.on(rule, (limiter) => limiter.get(key));
    const refusal = result && result.consumedPoints >= this.options.limits[rule].points ? { rule, retryAfterSeconds: retryAfterSeconds(result) } : null;
    return this.refusal([refusal]);
  }

  /** Counts `points` against a budget after the fact, without refusing anything now. */
  async penalise(rule: RateLimitRule, key: string, points: number): Promise<void> {
    await this.on(rule, (limiter) => limiter.penalty(key, points));
  }

  private refusal(refusals: (Refusal | null)[]): Refusal | null {
    const worst = refusals.reduce<Refusal | null>(
      (longest, next) => (next && (!longest || next.retryAfterSeconds > longest.retryAfterSeconds) ? next : longest),
      null,
    );
    if (worst) this.options.onRefusal?.(worst);
    return worst;
  }

  async close(): Promise<void> {
    this.redis?.disconnect();
  }
}
