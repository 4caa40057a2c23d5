import type { Principal } from './principal';
import type { AccessClaims } from './tokens';
import { verifyAccessTokenClaims, verifyPrincipalTokenClaims } from './tokens';

/** Principal tokens remembered at most: the gateway reuses a token for several seconds, so a few per active session. */
const MAX_REMEMBERED_PRINCIPAL_TOKENS = 2_000;

/** Access tokens remembered at most: a client holds one per session until it refreshes. */
const MAX_REMEMBERED_ACCESS_TOKENS = 10_000;

/** What a token said once verified, and when the token expires (ms since the epoch). */
interface Verified<T> {
  value: T;
  expiresAt: number;
}

/**
 * What tokens said, each token verified once and remembered until it expires: the HMAC check of a
 * token already seen whole would only say again what it said. Only tokens that verified are
 * remembered, under their exact text; the oldest go first when full. What is handed out is
 * frozen, since every request with that token shares it. Revocation never rests on this check:
 * a session that ends is refused where its principal is resolved.
 */
class TokenMemory<T> {
  private readonly remembered = new Map<string, Verified<T>>();

  constructor(private readonly maxTokens: number) {}

  async recall(key: string, verify: () => Promise<Verified<T> | null>): Promise<T | null> {
    const known = this.remembered.get(key);
    if (known && known.expiresAt > Date.now()) return known.value;
    if (known) this.remembered.delete(key);
    const verified = await verify();
    if (!verified || verified.expiresAt <= Date.now()) return null;
    const value = deepFreeze(verified.value);
    if (this.remembered.size >= this.maxTokens) this.remembered.delete(this.remembered.keys().next().value!);
    this.remembered.set(key, { value, expiresAt: verified.expiresAt });
    return value;
  }
}

/** A subgraph's principal tokens: the gateway reuses one across the fetches and requests of a session (its PrincipalTokens). */
export class VerifiedPrincipals {
  private readonly memory: TokenMemory<Principal>;

  constructor(
    private readonly secret: string,
    maxTokens = MAX_REMEMBERED_PRINCIPAL_TOKENS,
  ) {
    this.memory = new TokenMemory(maxTokens);
  }

  /** verifyPrincipalToken, remembered: null when missing, forged, stale or without expiry. */
  async verify(token: string | undefined, audience: string): Promise<Principal | null> {
    if (!token) return null;
    return this.memory.recall(`${audience} ${token}`, async () => {
      const verified = await verifyPrincipalTokenClaims(token, audience, this.secret);
      return verified && { value: verified.principal, expiresAt: verified.expiresAt };
    });
  }
}

/** The gateway's bearer tokens: a client sends the same access token with every request until it refreshes. */
export class VerifiedAccessTokens {
  private readonly memory: TokenMemory<AccessClaims>;

  constructor(
    private readonly secret: string,
    maxTokens = MAX_REMEMBERED_ACCESS_TOKENS,
  ) {
    this.memory = new TokenMemory(maxTokens);
  }

  /** verifyAccessToken, remembered: null when forged, expired, without expiry or malformed. */
  async verify(token: string): Promise<AccessClaims | null> {
    return this.memory.recall(token, async () => {
      const verified = await verifyAccessTokenClaims(token, this.secret);
      return verified && { value: verified.claims, expiresAt: verified.expiresAt };
    });
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
