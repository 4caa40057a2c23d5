/**
 * Shield overhead: the same query against the organisations schema with and without
 * graphql-shield, interleaved in one process. Run with `npm run bench`.
 */
import { execute, parse } from 'graphql';
import { performance } from 'node:perf_hooks';
import { createTestDatabase, initSeed } from '@tenantry/testing';
import { createContextFactory } from './context';
import { buildGuardedOrganisationsSchema, buildOrganisationsSchema } from './schema';

const QUERY = parse(
  `{ organisations(first: 20) { totalCount edges { node { id name kind language privacy { transcriptRetentionDays } widgets { id name } operatorGroups { id name } } } } }`,
);
const ROUNDS = 15;
const RUNS_PER_ROUND = 40;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const db = await createTestDatabase();
  const account = await initSeed(db.dataSource).createAccount('Bench', 100);
  for (let i = 0; i < 9; i++) await account.createOrganisation(`Branch ${i}`);
  const principal = await account.owner.principal();
  const contextFor = createContextFactory(db.dataSource, { publicUrl: 'http://bench.test' });
  const schemas = {
    plain: await buildOrganisationsSchema(),
    shield: await buildGuardedOrganisationsSchema((error) => console.error(error)),
  };
  const timings: Record<keyof typeof schemas, number[]> = { plain: [], shield: [] };
  const run = async (name: keyof typeof schemas) => {
    const started = performance.now();
    for (let i = 0; i < RUNS_PER_ROUND; i++) {
      const result = await execute({ schema: schemas[name], document: QUERY, contextValue: contextFor(principal) });
      if (result.errors) throw result.errors[0];
    }
    timings[name].push((performance.now() - started) / RUNS_PER_ROUND);
  };
  await run('plain');
  await run('shield'); // warm-up rounds, discarded
  timings.plain = [];
  timings.shield = [];
  for (let round = 0; round < ROUNDS; round++) {
    await run('plain');
    await run('shield');
  }
  const plain = median(timings.plain);
  const shielded = median(timings.shield);
  console.log(
    `shield overhead (organisations query, 10 organisations with widgets and groups, ${ROUNDS}×${RUNS_PER_ROUND} runs each, ${db.location.url ? 'MySQL' : 'SQLite'}):`,
  );
  console.log(`  without shield: median ${plain.toFixed(3)} ms per query`);
  console.log(`  with shield:    median ${shielded.toFixed(3)} ms per query`);
  console.log(`  ratio: ${(shielded / plain).toFixed(2)}× (${(shielded - plain).toFixed(3)} ms added)`);
  await db.drop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
