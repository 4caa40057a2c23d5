// `npm run bench`: the performance suite (bench/src/performance.bench.ts, on MariaDB; README: Benchmarks).
// `npm run bench -- tenancy login`: instead, every *.bench.ts (the workspaces' and bench/src's) whose
// path contains one of the words, one after the other, each in its own process; `performance` selects the suite,
// `cpu` the CPU milliseconds per request of every process (bench/src/cpu.bench.ts).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const PERFORMANCE_SUITE = join('bench', 'src', 'performance.bench.ts');

function benchesIn(folder) {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.bench.ts'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

const workspaces = ['packages', 'services'].flatMap((root) => readdirSync(root).map((name) => join(root, name))).concat(['gateway']);
const selected = process.argv.slice(2);
const benches = selected.length
  ? workspaces
      .flatMap((workspace) => benchesIn(join(workspace, 'src')))
      .concat(benchesIn(join('bench', 'src')))
      .filter((bench) => selected.some((word) => bench.includes(word)))
      .sort()
  : [PERFORMANCE_SUITE];
if (!benches.length) {
  console.error(`no *.bench.ts matches ${selected.join(', ')}`);
  process.exit(1);
}
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench} ===`);
  // The suites of bench/ have their own tsconfig (bench/ is not a workspace) and measure MariaDB only.
  const suite = bench.startsWith(join('bench', 'src'));
  const result = spawnSync(
    process.execPath,
    ['node_modules/ts-node/dist/bin.js', '--transpile-only', '--project', suite ? 'bench/tsconfig.json' : 'tsconfig.base.json', bench],
    {
      stdio: 'inherit',
      env: suite ? { ...process.env, TEST_DATABASE: 'mysql' } : process.env,
    },
  );
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
