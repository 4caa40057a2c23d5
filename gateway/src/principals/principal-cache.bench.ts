/**
 * What keeping principals saves on a simple signed-in query, through the demo graph (real
 * processes over HTTP): `{ me { id } }` from 8 concurrent clients, 4,000 requests after a warm-up,
 * once with PRINCIPAL_CACHE_TTL_SECONDS=0 (a lookup in the users subgraph per request) and once
 * with the default (kept). Prints requests per second and the median and 99th-percentile latency.
 * Run with `npm run bench -- principal-cache`.
 */
import { performance } from 'node:perf_hooks';
import { bearer, postGraphQL } from '@tenantry/testing';
import { startDemoGraph } from '../testing/demo-graph';

const CLIENTS = 8;
const REQUESTS = 4_000;
const WARM_UP = 400;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

async function measure(ttlSeconds: string): Promise<void> {
  const demo = await startDemoGraph({ env: { PRINCIPAL_CACHE_TTL_SECONDS: ttlSeconds } });
  try {
    const headers = bearer(await demo.login('demo.owner'));
    const me = async () => {
      const begun = performance.now();
      const response = await postGraphQL<{ me: { id: string } }>(demo.stack.gatewayUrl, '{ me { id } }', {}, headers);
      if (!response.data?.me?.id) throw new Error(`me failed: ${JSON.stringify(response.errors)}`);
      return performance.now() - begun;
    };
    const run = async (count: number) => {
      const latencies: number[] = [];
      let left = count;
      const client = async () => {
        while (left-- > 0) latencies.push(await me());
      };
      const begun = performance.now();
      await Promise.all(Array.from({ length: CLIENTS }, client));
      return { latencies, seconds: (performance.now() - begun) / 1000 };
    };
    await run(WARM_UP);
    const { latencies, seconds } = await run(REQUESTS);
    console.log(
      `PRINCIPAL_CACHE_TTL_SECONDS=${ttlSeconds}: ${(REQUESTS / seconds).toFixed(0)} requests/s, median ${percentile(latencies, 0.5).toFixed(2)} ms, p99 ${percentile(latencies, 0.99).toFixed(2)} ms`,
    );
  } finally {
    await demo.close();
  }
}

async function main(): Promise<void> {
  await measure('0');
  await measure('60');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
