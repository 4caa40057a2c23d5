import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { PrincipalCache, PrincipalInvalidation } from './principal-cache';

/** Spreads an invalidation to every gateway's PrincipalCache before the mutation that caused it is answered. */
export interface PrincipalInvalidations {
  /** Resolves once every gateway forgot the principals named (or gave up waiting, see RedisPrincipalInvalidations). */
  publish(invalidation: PrincipalInvalidation): Promise<void>;
  /** Waits up to `timeoutMs` until this gateway receives invalidations; true when it does. */
  subscribed(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** A single gateway: its own cache is every cache there is. */
export class LocalPrincipalInvalidations implements PrincipalInvalidations {
  constructor(private readonly cache: PrincipalCache) {}

  async publish(invalidation: PrincipalInvalidation): Promise<void> {
    this.cache.invalidate(invalidation);
  }

  async subscribed(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}
}

export interface RedisPrincipalInvalidationsOptions {
  redisUrl: string;
  /** Prefix of the channels, so that tests sharing one Redis do not hear each other. */
  channelPrefix: string;
  /** How long a publisher waits for every receiver's acknowledgement. */
  ackTimeoutMs?: number;
  /** Called when not every receiver acknowledged in time (or Redis refused the publish). */
  onUnacknowledged?: (missing: number) => void;
  /** Called when the subscription is lost (the cache stops serving) and when it is back. */
  onSubscription?: (subscribed: boolean) => void;
}

interface Message extends PrincipalInvalidation {
  id: string;
  from: string;
}

interface Waiting {
  acks: number;
  receivers?: number;
  done: () => void;
}

const DEFAULT_ACK_TIMEOUT_MS = 1_000;

/**
 * Several gateways sharing Redis (REDIS_URL): an invalidation is published on one channel that every
 * gateway subscribes to; each receiver forgets the principals named, then acknowledges on the
 * publisher's own channel, and the publisher waits (bounded) until as many acknowledged as PUBLISH
 * reported receivers. A gateway that is not subscribed (connecting, reconnecting, Redis down) would
 * miss invalidations, so its cache is suspended until it is subscribed again (fail safe).
 */
export class RedisPrincipalInvalidations implements PrincipalInvalidations {
  private readonly id = randomUUID();
  private readonly subscriber: Redis;
  private readonly publisher: Redis;
  private readonly waiting = new Map<string, Waiting>();
  private readonly channel: string;
  private readonly ackChannel: string;
  private isSubscribed = false;
  private onceSubscribed?: () => void;

  constructor(
    private readonly cache: PrincipalCache,
    private readonly options: RedisPrincipalInvalidationsOptions,
  ) {
    this.channel = `${options.channelPrefix}principals`;
    this.ackChannel = `${options.channelPrefix}principals:ack:${this.id}`;
    cache.suspend();
    const connection = { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500, autoResubscribe: false };
    this.publisher = new Redis(options.redisUrl, connection);
    this.subscriber = new Redis(options.redisUrl, { ...connection, commandTimeout: undefined });
    // Errors show as lost subscriptions (and unacknowledged invalidations); without a listener ioredis prints each one.
    this.publisher.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('ready', () => {
      this.subscriber.subscribe(this.channel, this.ackChannel).then(
        () => this.setSubscribed(true),
        () => this.setSubscribed(false),
      );
    });
    for (const lost of ['close', 'reconnecting', 'end']) this.subscriber.on(lost, () => this.setSubscribed(false));
    this.subscriber.on('message', (channel: string, message: string) => (channel === this.ackChannel ? this.acknowledged(message) : this.received(message)));
  }

  async publish(invalidation: PrincipalInvalidation): Promise<void> {
    this.cache.invalidate(invalidation);
    const id = randomUUID();
    const message: Message = { id, from: this.id, accountIds: invalidation.accountIds, userIds: invalidation.userIds };
    let waiting!: Waiting;
    const allAcknowledged = new Promise<void>((resolve) => (waiting = { acks: 0, done: resolve }));
    this.waiting.set(id, waiting);
    let timer: NodeJS.Timeout | undefined;
    try {
      waiting.receivers = await this.publisher.publish(this.channel, JSON.stringify(message));
      if (waiting.acks >= waiting.receivers) return;
      const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS)));
      if (await Promise.race([allAcknowledged.then(() => false), timedOut])) this.options.onUnacknowledged?.(waiting.receivers - waiting.acks);
    } catch {
      // Redis refused: every gateway that cannot reach it is suspended; one that still can is not told.
      this.options.onUnacknowledged?.(Number.NaN);
    } finally {
      clearTimeout(timer);
      this.waiting.delete(id);
    }
  }

  subscribed(timeoutMs: number): Promise<boolean> {
    if (this.isSubscribed) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(this.isSubscribed), timeoutMs);
      this.onceSubscribed = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }

  async close(): Promise<void> {
    // Stopping is no lost subscription: nothing is suspended or warned about.
    for (const lost of ['close', 'reconnecting', 'end']) this.subscriber.removeAllListeners(lost);
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }

  private setSubscribed(subscribed: boolean): void {
    if (subscribed === this.isSubscribed) return;
    this.isSubscribed = subscribed;
    if (subscribed) this.cache.resume();
    else this.cache.suspend();
    this.options.onSubscription?.(subscribed);
    if (subscribed) this.onceSubscribed?.();
  }

  private received(raw: string): void {
    let message: Message;
    try {
      message = JSON.parse(raw) as Message;
    } catch {
      return;
    }
    // The publisher forgot its own before publishing; it still acknowledges, being one of the receivers PUBLISH counts.
    if (message.from !== this.id) this.cache.invalidate({ accountIds: message.accountIds ?? [], userIds: message.userIds ?? [] });
    this.publisher.publish(`${this.options.channelPrefix}principals:ack:${message.from}`, message.id).catch(() => undefined);
  }

  private acknowledged(id: string): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    waiting.acks += 1;
    if (waiting.receivers !== undefined && waiting.acks >= waiting.receivers) waiting.done();
  }
}
