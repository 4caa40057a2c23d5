import { NotReadyError } from '@tenantry/federation';

/** How long the gateway waits for each subgraph's /readyz. */
const READINESS_TIMEOUT_MS = 2_000;

async function subgraphState(graphqlUrl: string): Promise<string> {
  try {
    const response = await fetch(new URL('/readyz', graphqlUrl), { signal: AbortSignal.timeout(READINESS_TIMEOUT_MS) });
    if (response.ok) return 'ok';
    const { checks } = (await response.json().catch(() => ({}))) as { checks?: Record<string, string> };
    return checks?.database === 'failed' ? 'database failed' : `answered ${response.status}`;
  } catch (error) {
    return error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'unreachable';
  }
}

/**
 * The gateway is ready when every subgraph's /readyz answers 200 within the timeout: each of them
 * checks the database, which the gateway never touches itself.
 */
export function subgraphsReadiness(urls: Record<string, string>): () => Promise<Record<string, string>> {
  return async () => {
    const states = await Promise.all(Object.entries(urls).map(async ([name, url]) => [name, await subgraphState(url)] as const));
    const checks = Object.fromEntries(states);
    if (states.some(([, state]) => state !== 'ok')) throw new NotReadyError(checks);
    return checks;
  };
}
