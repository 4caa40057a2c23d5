// `npm run bench`: every *.bench.ts under a workspace's src, one after the other, each in its own process.
// `npm run bench -- tenancy login`: only those whose path contains one of the words.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function benchesIn(folder) {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.bench.ts'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

const workspaces = ['packages', 'services'].flatMap((root) => readdirSync(root).map((name) => join(root, name))).concat(['gateway']);
const selected = process.argv.slice(2);
const benches = workspaces
  .flatMap((workspace) => benchesIn(join(workspace, 'src')))
  .filter((bench) => !selected.length || selected.some((word) => bench.includes(word)))
  .sort();
if (!benches.length) {
  console.error(`no *.bench.ts matches ${selected.join(', ')}`);
  process.exit(1);
}
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench} ===`);
  const result = spawnSync(process.execPath, ['node_modules/ts-node/dist/bin.js', '--transpile-only', '--project', 'tsconfig.base.json', bench], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
