/**
 * Where the CPU goes (`npm run bench -- cpu`): for each scenario of the performance suite, CPU
 * milliseconds per request of every process that serves it (gateway, each subgraph, MariaDB, the
 * load generator), read from /proc (Linux) around the timed runs, on MariaDB. Prints one table and
 * writes bench/results/cpu.json. See bench/README.md (Where the CPU goes).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, testDialect } from '@tenantry/testing';
import type { Target } from './load';
import { CONNECTIONS, ROUNDS, RUN_SECONDS, runLoad, WARM_UP_SECONDS } from './load';
import { rssMiB } from './processes';
import { body, loginBodies, ME, ORGANISATIONS, seeded, sizeOf, target, USERS_PAGE } from './scenarios';

const RESULTS = join(__dirname, '..', 'results', 'cpu.json');
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100;

/** CPU seconds a thread or process has used (user + system), from a /proc stat line. */
function cpuSecondsOf(statLine: string): number {
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th of the line.
  const fields = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

const processCpu = (pid: number) => cpuSecondsOf(readFileSync(`/proc/${pid}/stat`, 'utf8'));
/** The thread that runs JavaScript (its id is the process id); the others are the libuv pool (argon2), the collector, the compiler. */
const mainThreadCpu = (pid: number) => cpuSecondsOf(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8'));

/** The database server's process on this machine, if it runs here. */
function databaseServerPid(): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (/^(mariadbd|mysqld)$/.test(readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) return Number(entry);
    } catch {
      // The process ended while the list was read.
    }
  }
  return null;
}

/** Idle share of all cores over a window, from /proc/stat's first line (idle + iowait over all). */
function coreTimes(): { idle: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: fields[3] + fields[4], total: fields.reduce((sum, value) => sum + value, 0) };
}

interface CpuRow {
  scenario: string;
  requestsPerSecond: number;
  /** CPU milliseconds per request, by process; `users (JavaScript thread)` is part of `users`. */
  msPerRequest: Record<string, number>;
  idlePercent: number;
  /** The gateway's resident memory after the timed runs (MALLOC_ARENA_MAX and the V8 flags change it). */
  gatewayRssMiB: number;
  failed: number;
}

async function measure(scenario: Target, processes: Record<string, () => number>, gatewayPid: number): Promise<CpuRow> {
  await runLoad(scenario, WARM_UP_SECONDS);
  const before = Object.fromEntries(Object.entries(processes).map(([name, read]) => [name, read()]));
  const coresBefore = coreTimes();
  let requests = 0;
  let failed = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const run = await runLoad(scenario);
    requests += run.perSecond * RUN_SECONDS;
    failed += run.failed;
  }
  const coresAfter = coreTimes();
  return {
    scenario: scenario.label,
    requestsPerSecond: requests / (ROUNDS * RUN_SECONDS),
    msPerRequest: Object.fromEntries(Object.entries(processes).map(([name, read]) => [name, ((read() - before[name]) * 1000) / requests])),
    idlePercent: (100 * (coresAfter.idle - coresBefore.idle)) / (coresAfter.total - coresBefore.total),
    gatewayRssMiB: rssMiB(gatewayPid),
    failed,
  };
}

function printRows(rows: CpuRow[]): string {
  const names = Object.keys(rows[0].msPerRequest);
  const header = ['scenario', 'req/s', ...names.map((name) => `${name} ms`), 'idle %', 'gateway RSS MiB'];
  const lines = rows.map((row) => [
    row.scenario,
    row.requestsPerSecond.toFixed(1),
    ...names.map((name) => row.msPerRequest[name].toFixed(2)),
    row.idlePercent.toFixed(1),
    row.gatewayRssMiB.toFixed(1),
  ]);
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

async function main(): Promise<void> {
  if (testDialect !== 'mysql') throw new Error('the CPU suite runs on MariaDB: run it with npm run bench -- cpu');
  const mailDir = mkdtempSync(join(tmpdir(), 'tenantry-bench-mail-'));
  const small = await seeded([100, 1000], mailDir);
  try {
    const { gateway, subgraphs } = small.graph;
    const processes: Record<string, () => number> = {
      gateway: () => processCpu(gateway.pid),
      ...Object.fromEntries(Object.entries(subgraphs).map(([name, started]) => [name, () => processCpu(started.pid)])),
      'users (JavaScript thread)': () => mainThreadCpu(subgraphs.users.pid),
      'load generator': () => processCpu(process.pid),
    };
    const databasePid = databaseServerPid();
    if (databasePid) processes.MariaDB = () => processCpu(databasePid);
    else console.log('the database server does not run on this machine: its column is left out');

    const owner = async () => bearer(small.ownerToken);
    const scenarios = [
      target('me with organisation, role, permissions', small.graph.gateway.url, [body(ME)], owner),
      target('users page (50, role, organisation)', small.graph.gateway.url, [body(USERS_PAGE, { organisationId: sizeOf(small, 1000).id })], owner),
      target('organisations(first: 20)', small.graph.gateway.url, [body(ORGANISATIONS)], owner),
      target('login (distinct users)', small.graph.gateway.url, loginBodies(small), async () => ({})),
    ];
    const rows: CpuRow[] = [];
    for (const scenario of scenarios) {
      console.log(`${scenario.label}: ${WARM_UP_SECONDS} s warm-up, then ${ROUNDS} × ${RUN_SECONDS} s...`);
      rows.push(await measure(scenario, processes, gateway.pid));
    }
    const report = {
      date: new Date().toISOString(),
      machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
      load: `autocannon, ${CONNECTIONS} connections, ${ROUNDS} × ${RUN_SECONDS} s after a ${WARM_UP_SECONDS} s warm-up per scenario; CPU = user + system time from /proc`,
      rows,
    };
    writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nCPU milliseconds per request\n\n${printRows(rows)}\n\nwritten: bench/results/cpu.json`);
    const failed = rows.reduce((sum, row) => sum + row.failed, 0);
    if (failed) {
      console.error(`${failed} requests failed during the timed runs: the figures are not trustworthy`);
      process.exitCode = 1;
    }
  } finally {
    await small.graph.stop();
    await small.db.drop();
    rmSync(mailDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
