import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { subgraphRegistry } from '@tenantry/config';
import { freePorts } from '@tenantry/stack';

/** The launcher `npm start` runs (after building). */
export const LAUNCHER_SCRIPT = join(dirname(require.resolve('@tenantry/stack/package.json')), 'dist', 'main.js');

/** Printed last once every part of the graph is ready. */
export const LAUNCHER_READY = 'Press Ctrl-C to stop.';

/** The parts the launcher starts and names: the gateway, the mail worker and every subgraph of schema/supergraph.yaml. */
export function launcherPartNames(): string[] {
  return ['gateway', 'mail', ...subgraphRegistry().map(({ name }) => name)].sort();
}

/** `PORT` and every subgraph's `<NAME>_PORT`, each a free port, so a launcher under test never meets the defaults. */
export async function freeLauncherPorts(): Promise<Record<string, string>> {
  const subgraphs = subgraphRegistry();
  const [gateway, ...ports] = await freePorts(subgraphs.length + 1);
  return { PORT: String(gateway), ...Object.fromEntries(subgraphs.map(({ portVariable }, index) => [portVariable, String(ports[index])])) };
}

export interface LauncherExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The launcher as `npm start` runs it, in a folder of its own, with its output collected. */
export interface LauncherProcess {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Settles when the launcher has exited. */
  exited: Promise<LauncherExit>;
  /** Waits until the output contains `text`; fails with the output so far when the launcher exits first or time runs out. */
  waitForOutput(text: string, timeoutMs: number): Promise<void>;
  /** Process id of each part, as the launcher printed them once running. */
  partPids(): Record<string, number>;
  /** After a test, passed or failed: kills the launcher and anything left running in its folder. */
  cleanUp(): Promise<void>;
}

/** Spawns `node packages/stack/dist/main.js` with `cwd` as working directory, so `./var` is that folder's. */
export function startLauncher(cwd: string, env: Record<string, string>): LauncherProcess {
  const child = spawn(process.execPath, [LAUNCHER_SCRIPT], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    listeners.forEach((listener) => listener());
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<LauncherExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => output,
    exited,
    waitForOutput(text, timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!output.includes(text)) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`"${text}" not printed within ${timeoutMs} ms; output:\n${output}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exited.then((exit) => {
          if (!listeners.has(check)) return;
          done();
          reject(new Error(`launcher exited (${JSON.stringify(exit)}) before printing "${text}"; output:\n${output}`));
        });
        check();
      });
    },
    async cleanUp() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      // Parts orphaned by a launcher that did not stop them would hold its output pipes open.
      for (const pid of processesRunningIn(cwd)) process.kill(pid, 'SIGKILL');
      child.stdout!.destroy();
      child.stderr!.destroy();
    },
    partPids() {
      return Object.fromEntries([...output.matchAll(/^ {2}(\w+) +.*pid (\d+)$/gm)].map(([, name, pid]) => [name, Number(pid)]));
    },
  };
}

/**
 * Live processes whose working directory is `cwd`: the launcher and every part it starts run
 * there, so an empty answer means none of them is left (zombies count as gone).
 */
export function processesRunningIn(cwd: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        if (readlinkSync(`/proc/${pid}/cwd`) !== cwd) return false;
        // The state follows the parenthesised command name: "Z" is a zombie.
        return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}
