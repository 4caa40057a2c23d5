import { ANONYMOUS } from '@tenantry/auth';
import { internalAudience } from '@tenantry/federation';
import { PrincipalTokens } from '../subgraph-fetch/principal-tokens';
import { subgraphFetch, subgraphHeaders } from '../subgraph-fetch/subgraph-fetch';

/** What the users subgraph tells a metrics scrape from the database: the mail outbox and locked users. */
export interface OperatorFigures {
  backlog: number;
  oldestDueSeconds: number;
  lockedUsers: number;
}

export interface OperatorFiguresSource {
  read(): Promise<OperatorFigures>;
}

/** A scrape waits this long for the figures, then goes on without them. */
const OPERATOR_FIGURES_TIMEOUT_MS = 1_000;

/** Asks the users subgraph's signed internal route (the gateway holds no database code). */
export class OperatorFiguresClient implements OperatorFiguresSource {
  private readonly principalTokens: PrincipalTokens;

  constructor(
    private readonly usersGraphqlUrl: string,
    principalSecret: string,
  ) {
    this.principalTokens = new PrincipalTokens(principalSecret);
  }

  async read(): Promise<OperatorFigures> {
    const response = await subgraphFetch(new URL('/internal/operator-figures', this.usersGraphqlUrl), {
      method: 'POST',
      signal: AbortSignal.timeout(OPERATOR_FIGURES_TIMEOUT_MS),
      headers: subgraphHeaders(await this.principalTokens.for(ANONYMOUS, internalAudience('users'))),
      body: '{}',
    });
    if (!response.ok) throw new Error(`operator figures failed with HTTP ${response.status}`);
    return (await response.json()) as OperatorFigures;
  }
}
