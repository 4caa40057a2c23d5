import { ANONYMOUS } from '@tenantry/auth';
import { normaliseOrigin } from '@tenantry/config';
import { internalAudience } from '@tenantry/federation';
import { PrincipalTokens } from '../subgraph-fetch/principal-tokens';
import { subgraphFetch, subgraphHeaders } from '../subgraph-fetch/subgraph-fetch';
import { bounded, PRINCIPAL_LOOKUP_TIMEOUT_MS } from '../timeouts/deadlines';

/** How long the answer to "is this origin listed anywhere?" (the CORS check) is reused. */
export const EMBED_CORS_CACHE_MS = 30_000;
/** Origins remembered at most: each browser origin that calls the graph takes one entry. */
const MAX_CACHED_ORIGINS = 1_000;

/** Which origins organisations let embed their customers' login (`Organisation.embedOrigins`). */
export interface EmbedOrigins {
  /** Whether the organisation lists the origin: asked afresh for every embed page. */
  isListedFor(origin: string, organisationId: string): Promise<boolean>;
  /** Whether any organisation lists the origin: the CORS check of /graphql, remembered for EMBED_CORS_CACHE_MS. */
  isListedAnywhere(origin: string): Promise<boolean>;
}

/**
 * Asks the organisations subgraph's internal route (the gateway holds no database code); a
 * failure of the CORS check answers "not listed" and is not remembered.
 */
export class EmbedOriginClient implements EmbedOrigins {
  private readonly anywhere = new Map<string, { until: number; listed: Promise<boolean> }>();
  private readonly principalTokens: PrincipalTokens;

  constructor(
    private readonly organisationsGraphqlUrl: string,
    principalSecret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.principalTokens = new PrincipalTokens(principalSecret);
  }

  isListedFor(origin: string, organisationId: string): Promise<boolean> {
    return this.ask({ origin, organisationId });
  }

  isListedAnywhere(origin: string): Promise<boolean> {
    // Browsers send origins in normal form; anything else (`null`, garbage) is not worth a question.
    if (normaliseOrigin(origin) !== origin) return Promise.resolve(false);
    const cached = this.anywhere.get(origin);
    if (cached && cached.until > this.now()) return cached.listed;
    this.anywhere.delete(origin);
    if (this.anywhere.size >= MAX_CACHED_ORIGINS) this.anywhere.delete(this.anywhere.keys().next().value!);
    const listed = this.ask({ origin }).catch(() => {
      this.anywhere.delete(origin);
      return false;
    });
    this.anywhere.set(origin, { until: this.now() + EMBED_CORS_CACHE_MS, listed });
    return listed;
  }

  private async ask(question: { origin: string; organisationId?: string }): Promise<boolean> {
    const principal = await this.principalTokens.for(ANONYMOUS, internalAudience('organisations'));
    const response = await bounded(PRINCIPAL_LOOKUP_TIMEOUT_MS, (signal) =>
      subgraphFetch(new URL('/internal/embed-origin', this.organisationsGraphqlUrl), {
        method: 'POST',
        signal,
        headers: subgraphHeaders(principal),
        body: JSON.stringify(question),
      }),
    );
    if (!response.ok) throw new Error(`embed origin check failed with HTTP ${response.status}`);
    return ((await response.json()) as { listed: boolean }).listed === true;
  }
}
