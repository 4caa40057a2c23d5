/**
 * The edge under attack, through the gateway of the demo graph (real processes over HTTP): a
 * signed-in user's `me` median when quiet and while four anonymous clients flood the gateway with
 * 10,000 aliases of `me { id }` per request for 15 s (target: within 3x); then the time to answer
 * `{ me { username role { key } } }` with the permissions subgraph hung by SIGSTOP (target: at most
 * 5.5 s, with partial data). Run with `npm run bench -- attack`.
 */
import { performance } from 'node:perf_hooks';
import { bearer, postGraphQL } from '@tenantry/testing';
import { startDemoGraph } from './testing/demo-graph';

const WARM_UP = 5;
const QUIET_ROUNDS = 51;
const FLOOD_CLIENTS = 4;
const FLOOD_ALIASES = 10_000;
const FLOOD_MS = 15_000;
const HUNG_ROUNDS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  // The default budgets (RATE_LIMITS empty), as in production: the anonymous and refused-document budgets are part of the defence.
  const demo = await startDemoGraph({ env: { RATE_LIMITS: '' } });
  try {
    const url = demo.stack.gatewayUrl;
    const token = await demo.login('demo.owner');
    const me = async () => {
      const begun = performance.now();
      const response = await postGraphQL<{ me: { username: string } }>(url, '{ me { username } }', {}, bearer(token));
      if (response.data?.me?.username !== 'demo.owner') throw new Error(`me failed: ${JSON.stringify(response.errors)}`);
      return performance.now() - begun;
    };

    for (let round = 0; round < WARM_UP; round++) await me();
    const quiet: number[] = [];
    for (let round = 0; round < QUIET_ROUNDS; round++) quiet.push(await me());

    const flood = `{ ${Array.from({ length: FLOOD_ALIASES }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const until = Date.now() + FLOOD_MS;
    const statuses = new Map<number, number>();
    const attacker = async () => {
      while (Date.now() < until) {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: flood }) });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    };
    const attackers = Array.from({ length: FLOOD_CLIENTS }, attacker);
    const underFlood: number[] = [];
    while (Date.now() < until) underFlood.push(await me());
    await Promise.all(attackers);

    const quietMedian = median(quiet);
    const floodMedian = median(underFlood);
    const ratio = floodMedian / quietMedian;
    console.log(`signed-in me, median: quiet ${quietMedian.toFixed(1)} ms (${QUIET_ROUNDS} requests)`);
    console.log(
      `  under ${FLOOD_CLIENTS} anonymous clients x ${FLOOD_ALIASES} aliases for ${FLOOD_MS / 1000} s: ${floodMedian.toFixed(1)} ms (${underFlood.length} requests); flood answers by status: ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    console.log(`  ratio ${ratio.toFixed(2)}x (target <= 3x) ${ratio <= 3 ? 'ok' : 'OVER'}`);

    const hung: number[] = [];
    process.kill(demo.stack.pids.permissions, 'SIGSTOP');
    try {
      for (let round = 0; round < HUNG_ROUNDS; round++) {
        const begun = performance.now();
        const response = await postGraphQL<{ me: { username: string; role: unknown } }>(url, '{ me { username role { key } } }', {}, bearer(token));
        const elapsed = performance.now() - begun;
        const partial = response.data?.me?.username === 'demo.owner' && response.data.me.role === null && Boolean(response.errors?.length);
        if (!partial) throw new Error(`no partial answer with permissions hung: ${JSON.stringify(response)}`);
        hung.push(elapsed);
      }
    } finally {
      process.kill(demo.stack.pids.permissions, 'SIGCONT');
    }
    const slowest = Math.max(...hung);
    console.log(
      `permissions subgraph hung (SIGSTOP): { me { username role { key } } } answered partially (username, role: null) in ${hung.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s; slowest ${(slowest / 1000).toFixed(2)} s (target <= 5.5 s) ${slowest <= 5500 ? 'ok' : 'OVER'}`,
    );
  } finally {
    await demo.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
