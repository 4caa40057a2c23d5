import type { AccessClaims, Principal, UserPrincipal } from '@tenantry/auth';

/** Whose principals an invalidation makes the gateway forget: every session of these accounts and of these users. */
export interface PrincipalInvalidation {
  accountIds: readonly string[];
  userIds: readonly string[];
}

export interface PrincipalCacheOptions {
  /** How long a principal is kept (PRINCIPAL_CACHE_TTL_SECONDS); 0 keeps none. */
  ttlMs: number;
  /** Sessions kept at most; the oldest kept is dropped first. */
  maxEntries?: number;
  /** Counts what the cache answered, for /metrics. */
  onHit?: () => void;
  onMiss?: () => void;
  now?: () => number;
}

interface Entry {
  principal: UserPrincipal;
  expiresAt: number;
}

interface Lookup {
  generation: number;
  answer: Promise<Principal>;
}

const DEFAULT_MAX_ENTRIES = 50_000;

/** Distinct permission lists shared at most: a few per role in use. */
const MAX_SHARED_PERMISSION_LISTS = 1_000;

/**
 * One frozen copy of each distinct permission list. Kept principals hold the lists of a few roles,
 * but each principal read from JSON brings its own array and strings, most of a kept entry's memory.
 */
class SharedPermissionLists {
  private readonly lists = new Map<string, readonly string[]>();

  of(permissions: readonly string[]): readonly string[] {
    const key = permissions.join(' ');
    let list = this.lists.get(key);
    if (!list) {
      if (this.lists.size >= MAX_SHARED_PERMISSION_LISTS) return permissions;
      list = Object.freeze([...permissions]);
      this.lists.set(key, list);
    }
    return list;
  }
}

/**
 * The principals of recent sessions, so that a signed-in request needs no lookup in the users
 * subgraph (docs/architecture.md: request path). Access still ends on the very next request after
 * a revoking mutation, because every such mutation invalidates before it is answered
 * (principal-invalidation.plugin.ts), and because of three rules here:
 * - a lookup that started before an invalidation is not kept (the generation moved on), nor
 *   shared with a request that arrived after it;
 * - while invalidations may be missed (`suspend`: Redis not subscribed), nothing is served or kept;
 * - an entry lives at most `ttlMs`, which bounds changes nobody announces (jobs). The access
 *   token's own expiry needs no entry of its own: a token past `exp` never verifies, so never asks.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  private readonly lookups = new Map<string, Lookup>();
  private readonly permissionLists = new SharedPermissionLists();
  private current = 0;
  private serving = true;

  constructor(private readonly options: PrincipalCacheOptions) {}

  /** Moves on with every invalidation, suspension and resumption; a lookup is kept only if it did not. */
  get generation(): number {
    return this.current;
  }

  get enabled(): boolean {
    return this.options.ttlMs > 0;
  }

  /** The principal of verified claims: the kept one, else `lookup`'s answer (shared by concurrent requests of the session). */
  async resolve(claims: AccessClaims, lookup: () => Promise<Principal>): Promise<Principal> {
    if (!this.enabled) return lookup();
    this.dropExpired();
    const kept = this.serving ? this.entries.get(claims.sessionId) : undefined;
    if (kept && kept.principal.userId === claims.userId && kept.expiresAt > this.now()) {
      this.options.onHit?.();
      return kept.principal;
    }
    this.options.onMiss?.();
    const key = `${claims.sessionId}\n${claims.userId}`;
    const running = this.lookups.get(key);
    if (running && running.generation === this.current) return running.answer;
    const generation = this.current;
    const answer = lookup().then((principal) => {
      if (principal.kind === 'user' && principal.sessionId === claims.sessionId && principal.userId === claims.userId) this.keep(principal, generation);
      return principal;
    });
    const entry = { generation, answer };
    this.lookups.set(key, entry);
    const forget = () => {
      if (this.lookups.get(key) === entry) this.lookups.delete(key);
    };
    answer.then(forget, forget);
    return answer;
  }

  /** Keeps a principal read at `generation`, unless anything was invalidated since or invalidations may be missed now. */
  keep(principal: UserPrincipal, generation: number): void {
    if (!this.enabled || !this.serving || generation !== this.current) return;
    this.entries.delete(principal.sessionId);
    // Frozen, so what is derived from a kept principal may be remembered by its identity (PrincipalTokens).
    const kept = Object.freeze({
      ...principal,
      permissions: this.permissionLists.of(principal.permissions),
      grantedOrganisationIds: Object.freeze([...principal.grantedOrganisationIds]),
    });
    this.entries.set(principal.sessionId, { principal: kept, expiresAt: this.now() + this.options.ttlMs });
    if (this.entries.size > (this.options.maxEntries ?? DEFAULT_MAX_ENTRIES)) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Forgets the principals of the accounts and users named. */
  invalidate({ accountIds, userIds }: PrincipalInvalidation): void {
    this.current += 1;
    if (accountIds.length === 0 && userIds.length === 0) return;
    const accounts = new Set(accountIds);
    const users = new Set(userIds);
    for (const [sessionId, { principal }] of this.entries) {
      if (accounts.has(principal.accountId) || users.has(principal.userId)) this.entries.delete(sessionId);
    }
  }

  /** Forgets every kept principal: some invalidation may have been missed. */
  forgetAll(): void {
    this.current += 1;
    this.entries.clear();
  }

  /** Invalidations may be missed from now on: forget everything and look every request up until `resume`. */
  suspend(): void {
    this.current += 1;
    this.serving = false;
    this.entries.clear();
  }

  /** Invalidations arrive again; lookups that started while they could be missed are still not kept. */
  resume(): void {
    this.current += 1;
    this.serving = true;
  }

  /** Whether kept principals are served (not suspended). */
  get isServing(): boolean {
    return this.serving;
  }

  /** How many sessions' principals the cache holds in memory (the gateway's metrics); those whose time is up go at the next request. */
  keptSessions(): number {
    return this.entries.size;
  }

  /**
   * Drops the entries whose time is up, so a burst of sessions (a storm of logins) leaves no memory
   * behind: entries are in the order they expire, since all live ttlMs and one kept again moves last.
   */
  private dropExpired(): void {
    const now = this.now();
    for (const [sessionId, { expiresAt }] of this.entries) {
      if (expiresAt > now) return;
      this.entries.delete(sessionId);
    }
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
