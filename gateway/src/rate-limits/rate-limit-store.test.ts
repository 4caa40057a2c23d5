import { randomUUID } from 'node:crypto';
import { DEFAULT_RATE_LIMITS } from '@tenantry/config';
import { freePorts } from '@tenantry/stack';
import { describeWithRedis } from '../testing/redis';
import { RateLimitStore } from './rate-limit-store';

const limits = { ...DEFAULT_RATE_LIMITS, 'login.username': { points: 3, durationSeconds: 60 } };
const attempt = [{ rule: 'login.username' as const, key: 'someone', points: 1 }];

describe('the rate-limit store', () => {
  it('counts in process memory without Redis and says how long to wait', async () => {
    const store = RateLimitStore.create({ limits });
    for (let i = 0; i < 3; i += 1) expect(await store.consume(attempt)).toBeNull();
    const refusal = await store.consume(attempt);
    expect(refusal).toEqual({ rule: 'login.username', retryAfterSeconds: expect.any(Number) });
    expect(refusal!.retryAfterSeconds).toBeGreaterThan(0);
    expect(refusal!.retryAfterSeconds).toBeLessThanOrEqual(60);
    await store.close();
  });

  it('fails open to per-process counters, reporting the failure, when Redis does not answer', async () => {
    const [port] = await freePorts(1);
    const failures: Error[] = [];
    const store = RateLimitStore.create({ limits, redisUrl: `redis://127.0.0.1:${port}`, onStoreFailure: (error) => failures.push(error) });
    for (let i = 0; i < 3; i += 1) expect(await store.consume(attempt)).toBeNull();
    expect((await store.consume(attempt))?.rule).toBe('login.username');
    expect(failures.length).toBeGreaterThan(0);
    await store.close();
  });
});

describeWithRedis('the rate-limit store in Redis', (redisUrl) => {
  it('is one budget for two gateway processes sharing Redis', async () => {
    const keyPrefix = `tenantry-test:${randomUUID()}:`;
    const failures: Error[] = [];
    const [first, second] = [0, 1].map(() => RateLimitStore.create({ limits, redisUrl, keyPrefix, onStoreFailure: (error) => failures.push(error) }));
    expect(await Promise.all([first.connected(2_000), second.connected(2_000)])).toEqual([true, true]);
    expect(await first.consume(attempt)).toBeNull();
    expect(await second.consume(attempt)).toBeNull();
    expect(await first.consume(attempt)).toBeNull();
    expect((await second.consume(attempt))?.rule).toBe('login.username');
    expect(failures).toEqual([]);
    await Promise.all([first.close(), second.close()]);
  });
});
