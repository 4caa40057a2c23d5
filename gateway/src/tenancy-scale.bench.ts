/**
 * Tenancy at scale: the owner's me, a manager's first page of organisations and a customer's me,
 * through the gateway, in the demo account with 10 and with 10,000 customer organisations:
 * medians, the ratio 10,000/10, and the principal token the gateway sends subgraphs. Run with
 * `npm run bench -- tenancy`.
 */
import { performance } from 'node:perf_hooks';
import { testDialect } from '@tenantry/testing';
import type { Caller } from './testing/tenancy-at-scale';
import { largestPrincipal, startTenancyAtScale, TENANCY_REQUESTS } from './testing/tenancy-at-scale';

const SIZES = [10, 10_000];
const WARM_UP = 5;
const ROUNDS = 51;
const CALLERS = Object.keys(TENANCY_REQUESTS) as Caller[];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Measured {
  /** Median latency of the requests that answered without errors, or the first failure. */
  medianMs?: number;
  failure?: string;
  principalBytes: number;
}

async function measure(customerCount: number): Promise<Record<Caller, Measured>> {
  const started = performance.now();
  const scale = await startTenancyAtScale(customerCount);
  console.log(`  ${customerCount} customers seeded and signed in in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const results = {} as Record<Caller, Measured>;
  try {
    for (const caller of CALLERS) {
      const samples: number[] = [];
      let principalBytes = 0;
      let failure: string | undefined;
      for (let round = 0; round < WARM_UP + ROUNDS && !failure; round++) {
        const begun = performance.now();
        const { response, principals } = await scale.ask(caller);
        const elapsed = performance.now() - begun;
        principalBytes = Math.max(principalBytes, largestPrincipal(principals));
        if (response.errors) {
          const refused = principals
            .filter((each) => each.status !== 200)
            .map((each) => `${each.subgraph} ${each.path} answered HTTP ${each.status ?? 'nothing'}`);
          failure = [`HTTP ${response.status}`, ...response.errors.map((error) => `${error.extensions?.code ?? '?'}: ${error.message}`), ...refused].join('; ');
        } else if (round >= WARM_UP) {
          samples.push(elapsed);
        }
      }
      results[caller] = { medianMs: failure ? undefined : median(samples), failure, principalBytes };
    }
  } finally {
    await scale.close();
  }
  return results;
}

async function main(): Promise<void> {
  console.log(
    `tenancy at scale, median of ${ROUNDS} sequential requests after ${WARM_UP} warm-up, through the gateway (${testDialect === 'mysql' ? 'MariaDB' : 'SQLite'}):`,
  );
  const bySize = new Map<number, Record<Caller, Measured>>();
  for (const size of SIZES) bySize.set(size, await measure(size));
  const [small, large] = SIZES.map((size) => bySize.get(size)!);
  const describe = (measured: Measured) => (measured.failure ? `FAILED (${measured.failure})` : `${measured.medianMs!.toFixed(1)} ms`);
  for (const caller of CALLERS) {
    const ratio = small[caller].medianMs && large[caller].medianMs ? `${(large[caller].medianMs! / small[caller].medianMs!).toFixed(2)}×` : 'n/a';
    console.log(`  ${caller.padEnd(8)} ${TENANCY_REQUESTS[caller]}`);
    for (const size of SIZES) {
      const measured = bySize.get(size)![caller];
      console.log(`    ${String(size).padStart(6)} customers: ${describe(measured)}, principal token ${measured.principalBytes} bytes`);
    }
    console.log(`    ratio ${SIZES[1]}/${SIZES[0]}: ${ratio}`);
  }
  const failed = CALLERS.some((caller) => SIZES.some((size) => bySize.get(size)![caller].failure));
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
