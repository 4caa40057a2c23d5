import type { Principal } from './principal';
import { verifyPrincipalTokenClaims } from './tokens';

/** Tokens remembered at most: the gateway reuses a token for several seconds, so a few per active session. */
const MAX_REMEMBERED_TOKENS = 2_000;

/**
 * A subgraph's principal tokens, each verified once and remembered until it expires: the gateway
 * reuses a token across the fetches and requests of a session (see its PrincipalTokens), and the
 * HMAC check of a token already seen whole would only say again what it said. Only tokens that
 * verified are remembered, under their exact text and audience; the oldest go first when full.
 * The principal handed out is frozen, since every request with that token shares it.
 */
export class VerifiedPrincipals {
  private readonly remembered = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(
    private readonly secret: string,
    private readonly maxTokens = MAX_REMEMBERED_TOKENS,
  ) {}

  /** verifyPrincipalToken, remembered: null when missing, forged, stale or without expiry. */
  async verify(token: string | undefined, audience: string): Promise<Principal | null> {
    if (!token) return null;
    const key = `${audience} ${token}`;
    const known = this.remembered.get(key);
    if (known && known.expiresAt > Date.now()) return known.principal;
    if (known) this.remembered.delete(key);
    const verified = await verifyPrincipalTokenClaims(token, audience, this.secret);
    if (!verified || verified.expiresAt <= Date.now()) return null;
    const principal = deepFreeze(verified.principal);
    if (this.remembered.size >= this.maxTokens) this.remembered.delete(this.remembered.keys().next().value!);
    this.remembered.set(key, { principal, expiresAt: verified.expiresAt });
    return principal;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
