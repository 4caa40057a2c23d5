/**
 * Where each process spends its time (`npm run bench -- profile`): V8's sampling profiler in the
 * gateway and every subgraph during the performance suite's load, on MariaDB. For each scenario it
 * prints, per process, how busy its JavaScript thread was, the functions with most samples of their
 * own and the repository's functions with most samples including what they called, and keeps the
 * .cpuprofile files (Chrome DevTools opens them). PROFILE_SCENARIOS picks scenarios (me, users,
 * organisations, login; all by default), PROFILE_TOP how many functions each list shows (15). See
 * bench/README.md (Profiles).
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { bearer, testDialect } from '@tenantry/testing';
import type { Target } from './load';
import { runLoad, WARM_UP_SECONDS } from './load';
import { summariseProfile } from './profile-summary';
import type { Share } from './profile-summary';
import { body, loginBodies, ME, ORGANISATIONS, seeded, sizeOf, target, USERS_PAGE } from './scenarios';

const PROFILED_SECONDS = 10;
/** Time for every process to write its profile after the second signal. */
const WRITE_GRACE_MS = 3_000;

const printShares = (title: string, shares: Share[]) =>
  console.log(`  ${title}\n${shares.map(({ frame, percent }) => `    ${percent.toFixed(2).padStart(6)} %  ${frame}`).join('\n')}`);

async function main(): Promise<void> {
  if (testDialect !== 'mysql') throw new Error('the profile suite runs on MariaDB: run it with npm run bench -- profile');
  const mailDir = mkdtempSync(join(tmpdir(), 'tenantry-bench-mail-'));
  const profiles = mkdtempSync(join(tmpdir(), 'tenantry-profiles-'));
  // The performance suite's small database, so its organisations page holds 20 organisations too.
  const small = await seeded([10, 100, 1000], mailDir, 20, { NODE_OPTIONS: `--import ${join(__dirname, 'sample-on-signal.mjs')}`, PROFILE_DIR: profiles });
  try {
    const { gateway, subgraphs } = small.graph;
    const processes = { gateway, ...subgraphs };
    const owner = async () => bearer(small.ownerToken);
    const scenarios: Record<string, Target> = {
      me: target('me with organisation, role, permissions', gateway.url, [body(ME)], owner),
      users: target('users page (50, role, organisation)', gateway.url, [body(USERS_PAGE, { organisationId: sizeOf(small, 1000).id })], owner),
      organisations: target('organisations(first: 20)', gateway.url, [body(ORGANISATIONS)], owner),
      login: target('login (distinct users)', gateway.url, loginBodies(small), async () => ({})),
    };
    const chosen = process.env.PROFILE_SCENARIOS?.split(',').map((name) => name.trim()) ?? Object.keys(scenarios);
    for (const name of chosen) {
      const scenario = scenarios[name];
      if (!scenario) throw new Error(`PROFILE_SCENARIOS names ${name}; the scenarios are ${Object.keys(scenarios).join(', ')}`);
      await runLoad(scenario, WARM_UP_SECONDS);
      const folder = join(profiles, name);
      mkdirSync(folder);
      // Each process writes to PROFILE_DIR: the files are moved per scenario below, by pid.
      for (const part of Object.values(processes)) process.kill(part.pid, 'SIGUSR2');
      const run = await runLoad(scenario, PROFILED_SECONDS);
      for (const part of Object.values(processes)) process.kill(part.pid, 'SIGUSR2');
      await sleep(WRITE_GRACE_MS);
      console.log(
        `\n${scenario.label}: ${run.perSecond.toFixed(1)} req/s while profiled (${run.failed} failed), ${PROFILED_SECONDS} s after ${WARM_UP_SECONDS} s of warm-up`,
      );
      for (const [part, started] of Object.entries(processes)) {
        const file = join(folder, `${part}.cpuprofile`);
        renameSync(join(profiles, `${started.pid}.cpuprofile`), file);
        const summary = summariseProfile(file, Number(process.env.PROFILE_TOP) || 15);
        if (summary.busyPercent < 1) continue;
        console.log(`\n ${part}: busy in ${summary.busyPercent.toFixed(1)} % of samples`);
        printShares('by samples of its own:', summary.self);
        printShares("the repository's functions, with what they call:", summary.ownInclusive);
      }
    }
    console.log(`\nprofiles: ${profiles}/<scenario>/<process>.cpuprofile`);
  } finally {
    await small.graph.stop();
    await small.db.drop();
    rmSync(mailDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
