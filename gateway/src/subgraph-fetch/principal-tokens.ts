import type { Principal } from '@tenantry/auth';
import { signPrincipalToken } from '@tenantry/auth';
import { OPERATION_TIMEOUT_MS } from '../timeouts/deadlines';

/**
 * A token is signed afresh once no more than this is left of its life: an operation that starts
 * with it (and may run OPERATION_TIMEOUT_MS) still ends well before the subgraphs would refuse it.
 */
export const PRINCIPAL_TOKEN_RENEWAL_MS = OPERATION_TIMEOUT_MS + 5_000;

/** Tokens kept at most per audience: beyond that many sessions at once, the oldest are signed again. */
const MAX_KEPT_TOKENS = 1_000;

interface SignedToken {
  token: Promise<string>;
  renewAt: number;
}

/** The expiry (ms since the epoch) a principal token states. */
function expiryOf(token: string): number {
  const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp: number };
  return payload.exp * 1000;
}

/** Whether nothing of the principal can change any more: the principal cache's are so, lists included. */
function isDeeplyFrozen(principal: Principal): boolean {
  if (!Object.isFrozen(principal)) return false;
  return principal.kind !== 'user' || (Object.isFrozen(principal.permissions) && Object.isFrozen(principal.grantedOrganisationIds));
}

/**
 * Principal tokens, each signed once per (principal, audience) and reused until
 * PRINCIPAL_TOKEN_RENEWAL_MS before its expiry: an operation sends one per subgraph fetch, and
 * consecutive requests of a session act as the same principal. Kept under what they state (the
 * principal as JSON), so a principal object built anew per request finds its token, and one
 * changed in place (another role, another organisation) never gets a token of its old state.
 */
export class PrincipalTokens {
  private readonly kept = new Map<string, SignedToken>();
  /** The keys of deeply frozen principals (the principal cache's), so a session's requests do not stringify it per fetch. */
  private readonly keysOfFrozen = new WeakMap<Principal, string>();

  constructor(
    private readonly secret: string,
    private readonly maxTokens = MAX_KEPT_TOKENS,
  ) {}

  /** A token of `principal` for `audience` with more than PRINCIPAL_TOKEN_RENEWAL_MS left. */
  for(principal: Principal, audience: string): Promise<string> {
    const key = `${audience}\n${this.keyOf(principal)}`;
    const cached = this.kept.get(key);
    if (cached && cached.renewAt > Date.now()) return cached.token;
    this.kept.delete(key);
    if (this.kept.size >= this.maxTokens) this.kept.delete(this.kept.keys().next().value!);
    const entry: SignedToken = { token: signPrincipalToken(principal, audience, this.secret), renewAt: Number.POSITIVE_INFINITY };
    this.kept.set(key, entry);
    entry.token.then(
      (token) => {
        entry.renewAt = expiryOf(token) - PRINCIPAL_TOKEN_RENEWAL_MS;
      },
      () => {
        if (this.kept.get(key) === entry) this.kept.delete(key);
      },
    );
    return entry.token;
  }

  private keyOf(principal: Principal): string {
    if (!isDeeplyFrozen(principal)) return JSON.stringify(principal);
    let key = this.keysOfFrozen.get(principal);
    if (key === undefined) this.keysOfFrozen.set(principal, (key = JSON.stringify(principal)));
    return key;
  }
}
