import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { UserPrincipal } from '@tenantry/auth';
import { testUserPrincipal } from '@tenantry/testing';
import { describeWithRedis } from '../testing/redis';
import { StallingProxy } from '../testing/stalling-proxy';
import { PrincipalCache } from './principal-cache';
import { RedisPrincipalInvalidations } from './principal-invalidations';

const kept = testUserPrincipal({ userId: 'kept-user', sessionId: 'kept-session', accountId: 'kept-account' });

/** Whether `cache` answers `principal`'s session from what it kept, without a lookup (a miss keeps it again). */
async function answersFromCache(cache: PrincipalCache, principal: UserPrincipal): Promise<boolean> {
  let lookedUp = false;
  await cache.resolve({ userId: principal.userId, sessionId: principal.sessionId }, async () => {
    lookedUp = true;
    return principal;
  });
  return !lookedUp;
}

/** Checks again, as someone watching would, until `condition` holds (the test's timeout bounds the wait). */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describeWithRedis('heartbeats between gateways sharing Redis', (redisUrl) => {
  let proxy: StallingProxy;
  const closing: { close(): Promise<void> }[] = [];

  /** A gateway's cache and invalidations on a channel of this test's own, through the proxy when `stallable`. */
  async function gateway(prefix: string, stallable: boolean, heartbeatMs: number, onUnacknowledged?: (missing: number) => void) {
    const cache = new PrincipalCache({ ttlMs: 60_000 });
    const redis = stallable ? proxy.urlFor(redisUrl) : redisUrl;
    const invalidations = new RedisPrincipalInvalidations(cache, { redisUrl: redis, channelPrefix: prefix, heartbeatMs, onUnacknowledged });
    closing.push(invalidations);
    expect(await invalidations.subscribed(5_000)).toBe(true);
    cache.keep(kept, cache.generation);
    expect(await answersFromCache(cache, kept)).toBe(true);
    return { cache, invalidations };
  }

  beforeEach(async () => {
    proxy = await StallingProxy.start(redisUrl);
  });
  afterEach(async () => {
    for (const invalidations of closing.splice(0)) await invalidations.close();
    await proxy.close();
  });

  it('a gateway whose connection stalls without closing stops serving kept principals, and serves again once Redis answers', async () => {
    const { cache } = await gateway(`heartbeats:${randomUUID()}:`, true, 50);
    proxy.stall();
    await until(() => !cache.isServing);
    expect(await answersFromCache(cache, kept)).toBe(false);
    expect(await answersFromCache(cache, kept)).toBe(false);

    proxy.flow();
    await until(() => cache.isServing);
    cache.keep(kept, cache.generation);
    expect(await answersFromCache(cache, kept)).toBe(true);
  });

  it('an invalidation Redis refused makes every other gateway forget all it kept, announced in the next heartbeat that gets through', async () => {
    const prefix = `heartbeats:${randomUUID()}:`;
    const listener = new Redis(redisUrl);
    const heartbeats: { from: string; forgetAll: boolean }[] = [];
    listener.on('message', (_channel: string, raw: string) => {
      const message = JSON.parse(raw) as { kind?: string; from: string; forgetAll: boolean };
      if (message.kind === 'heartbeat') heartbeats.push(message);
    });
    await listener.subscribe(`${prefix}principals`);
    closing.push({ close: async () => void listener.disconnect() });
    // A long beat, so the refusal is announced before anyone could count A silent.
    const a = await gateway(prefix, true, 1_000);
    const b = await gateway(prefix, false, 1_000);

    proxy.stall();
    const announcedBefore = heartbeats.length;
    await a.invalidations.publish({ accountIds: [], userIds: ['somebody-else'] });
    proxy.flow();
    await until(() => heartbeats.slice(announcedBefore).some((heartbeat) => heartbeat.forgetAll));
    await until(async () => !(await answersFromCache(b.cache, kept)));
    // Announced once: A's later heartbeats ask nothing more.
    const fromA = heartbeats.find((heartbeat) => heartbeat.forgetAll)!.from;
    const announced = heartbeats.length;
    const laterFromA = () => heartbeats.slice(announced).filter((heartbeat) => heartbeat.from === fromA);
    await until(() => laterFromA().length >= 2);
    expect(laterFromA().some((heartbeat) => heartbeat.forgetAll)).toBe(false);
  });

  it('a gateway that stops hearing another forgets all it kept: that one may have had invalidations refused', async () => {
    const prefix = `heartbeats:${randomUUID()}:`;
    const unacknowledged = jest.fn();
    const a = await gateway(prefix, true, 50, unacknowledged);
    const b = await gateway(prefix, false, 50);
    // A's invalidation resolves once B acknowledged it, so B has heard A.
    await a.invalidations.publish({ accountIds: [], userIds: ['somebody-else'] });
    expect(unacknowledged).not.toHaveBeenCalled();
    expect(await answersFromCache(b.cache, kept)).toBe(true);
    proxy.stall();
    await until(async () => !(await answersFromCache(b.cache, kept)));
    expect(b.cache.isServing).toBe(true);
  });
});
