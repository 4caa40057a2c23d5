import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isReadyMessage, NODE_FLAGS, subgraphRegistry } from '@tenantry/config';
import { freePorts } from '@tenantry/stack';

/** A process the suite started, and how to reach it. */
export interface Started {
  name: string;
  pid: number;
  url: string;
  stop(): Promise<void>;
}

/** The graph the suite measures: the subgraphs and our gateway as shipped (their dist entries), without the mail worker. */
export interface BenchGraph {
  gateway: Started;
  subgraphs: Record<string, Started>;
  /** The environment every part got: secrets, database, subgraph URLs. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;

/** A process's resident memory in MiB, from /proc (Linux). */
export const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** Spawns a built entry and settles once it reports ready over IPC, as the launcher (packages/stack) waits for it. */
export function startProcess(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  url: string,
  cwd?: string,
  nodeFlags: readonly string[] = [],
): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [...nodeFlags, script], { env, cwd, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not report ready within ${READY_TIMEOUT_MS / 1000} s`));
    }, READY_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? code}) before it was ready`));
    });
    child.on('message', (message) => {
      if (!isReadyMessage(message)) return;
      clearTimeout(timer);
      resolve({
        name,
        pid: child.pid!,
        url,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(kill);
              done();
            });
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

const entryOf = (workspace: string, entry: string) => join(dirname(require.resolve(`${workspace}/package.json`)), entry);

/** Starts every subgraph of schema/supergraph.yaml, then our gateway, on free ports. */
export async function startBenchGraph(baseEnv: NodeJS.ProcessEnv): Promise<BenchGraph> {
  const registry = subgraphRegistry();
  const ports = await freePorts(registry.length + 1);
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    // As npm start runs them (packages/stack).
    NODE_ENV: 'production',
    PORT: String(ports[registry.length]),
    ...Object.fromEntries(
      registry.flatMap(({ portVariable, urlVariable }, index) => [
        [portVariable, String(ports[index])],
        [urlVariable, `http://127.0.0.1:${ports[index]}/graphql`],
      ]),
    ),
  };
  const started: Started[] = [];
  try {
    const subgraphs = await Promise.all(
      registry.map((subgraph, index) =>
        startProcess(
          subgraph.name,
          entryOf(subgraph.workspace, subgraph.entry),
          env,
          `http://127.0.0.1:${ports[index]}/graphql`,
          undefined,
          NODE_FLAGS.subgraph,
        ).then((part) => {
          started.push(part);
          return part;
        }),
      ),
    );
    const gateway = await startProcess(
      'gateway',
      entryOf('@tenantry/gateway', 'dist/main.js'),
      env,
      `http://127.0.0.1:${env.PORT}/graphql`,
      undefined,
      NODE_FLAGS.gateway,
    );
    started.push(gateway);
    return {
      gateway,
      subgraphs: Object.fromEntries(subgraphs.map((part) => [part.name, part])),
      env,
      stop: () => Promise.all(started.map((part) => part.stop())).then(() => undefined),
    };
  } catch (error) {
    await Promise.all(started.map((part) => part.stop()));
    throw error;
  }
}
