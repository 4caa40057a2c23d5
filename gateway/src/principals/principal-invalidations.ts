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
  /** How often each gateway publishes a heartbeat (see RedisPrincipalInvalidations). */
  heartbeatMs?: number;
}

interface Invalidation extends PrincipalInvalidation {
  kind?: 'invalidation';
  id: string;
  from: string;
}

/** `forgetAll`: the sender had an invalidation refused by Redis since its last heartbeat that got through. */
interface Heartbeat {
  kind: 'heartbeat';
  from: string;
  forgetAll: boolean;
}

type Message = Invalidation | Heartbeat;

interface Waiting {
  acks: number;
  receivers?: number;
  done: () => void;
}

const DEFAULT_ACK_TIMEOUT_MS = 1_000;
const DEFAULT_HEARTBEAT_MS = 1_000;
/** Heartbeats of our own that may go unheard before the subscription counts as lost. */
const UNHEARD_HEARTBEATS_TOLERATED = 2;

/**
 * Several gateways sharing Redis (REDIS_URL): an invalidation is published on one channel that every
 * gateway subscribes to; each receiver forgets the principals named, then acknowledges on the
 * publisher's own channel, and the publisher waits (bounded) until as many acknowledged as PUBLISH
 * reported receivers. A gateway that is not subscribed (connecting, reconnecting, Redis down) would
 * miss invalidations, so its cache is suspended until it is subscribed again (fail safe).
 *
 * Heartbeats catch what connection events do not (docs/architecture.md: The principal cache): every
 * gateway publishes one each `heartbeatMs` on the shared channel. One that stops hearing its own
 * (a half-open connection, a stalled Redis) suspends its cache and reconnects; one that stops hearing
 * another forgets every kept principal, as that gateway may have had invalidations refused; and a
 * gateway whose invalidation Redis refused tells everyone to forget everything in its next heartbeat.
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
  private readonly heartbeats: NodeJS.Timeout;
  /** Our heartbeats published (or refused) since we last heard one of ours. */
  private unheardHeartbeats = 0;
  /** Other gateways heard while subscribed → our heartbeats since we last heard them. */
  private readonly peers = new Map<string, number>();
  /** Invalidations Redis refused, and how many of them a heartbeat that got through announced. */
  private refusedInvalidations = 0;
  private announcedRefusals = 0;

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
    this.heartbeats = setInterval(() => void this.beat(), options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    this.heartbeats.unref();
  }

  async publish(invalidation: PrincipalInvalidation): Promise<void> {
    this.cache.invalidate(invalidation);
    const id = randomUUID();
    const message: Invalidation = { id, from: this.id, accountIds: invalidation.accountIds, userIds: invalidation.userIds };
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
      // Redis refused: a gateway that cannot reach it is suspended; one that still can forgets at our next heartbeat.
      this.refusedInvalidations += 1;
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
    clearInterval(this.heartbeats);
    // Stopping is no lost subscription: nothing is suspended or warned about.
    for (const lost of ['close', 'reconnecting', 'end']) this.subscriber.removeAllListeners(lost);
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }

  private setSubscribed(subscribed: boolean): void {
    if (subscribed === this.isSubscribed) return;
    this.isSubscribed = subscribed;
    this.unheardHeartbeats = 0;
    this.peers.clear();
    if (subscribed) this.cache.resume();
    else this.cache.suspend();
    this.options.onSubscription?.(subscribed);
    if (subscribed) this.onceSubscribed?.();
  }

  private async beat(): Promise<void> {
    if (this.isSubscribed) {
      if (this.unheardHeartbeats > UNHEARD_HEARTBEATS_TOLERATED) {
        // Connected, yet deaf: nothing proves invalidations still arrive.
        this.setSubscribed(false);
        this.subscriber.disconnect(true);
      } else {
        this.unheardHeartbeats += 1;
      }
      this.forgetAllIfPeersWentSilent();
    }
    const refusals = this.refusedInvalidations;
    const heartbeat: Heartbeat = { kind: 'heartbeat', from: this.id, forgetAll: refusals > this.announcedRefusals };
    try {
      await this.publisher.publish(this.channel, JSON.stringify(heartbeat));
      this.announcedRefusals = Math.max(this.announcedRefusals, refusals);
    } catch {
      // Unheard, so it counts against the subscription: a gateway that cannot reach Redis stops serving.
    }
  }

  /** A gateway we stopped hearing may have had invalidations refused, or be unable to publish them. */
  private forgetAllIfPeersWentSilent(): void {
    let silent = false;
    for (const [peer, unheard] of this.peers) {
      if (unheard > UNHEARD_HEARTBEATS_TOLERATED) {
        silent = true;
        this.peers.delete(peer);
      } else {
        this.peers.set(peer, unheard + 1);
      }
    }
    if (silent) this.cache.forgetAll();
  }

  private received(raw: string): void {
    let message: Message;
    try {
      message = JSON.parse(raw) as Message;
    } catch {
      return;
    }
    if (message.from === this.id) {
      if (message.kind === 'heartbeat') this.unheardHeartbeats = 0;
    } else {
      this.peers.set(message.from, 0);
      if (message.kind === 'heartbeat' && message.forgetAll) this.cache.forgetAll();
    }
    if (message.kind === 'heartbeat') return;
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
