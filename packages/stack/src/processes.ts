import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo, Server } from 'node:net';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import type { Environment } from '@tenantry/config';
import { isReadyMessage, NODE_FLAGS, readEnvironment, subgraphRegistry } from '@tenantry/config';

/** A runnable part of the graph: the package it starts from and the built script it runs. */
interface Part {
  name: string;
  workspace: string;
  entry: string;
  /** The variable that sets its port, so a message about a port says what to change; none for the mail worker. */
  portVariable?: string;
  /** V8 flags it runs with (NODE_FLAGS). */
  nodeFlags: readonly string[];
}

const GATEWAY: Part = { name: 'gateway', workspace: '@tenantry/gateway', entry: 'dist/main.js', portVariable: 'PORT', nodeFlags: NODE_FLAGS.gateway };
// The outbox worker needs the whole store, which the mail library may not depend on: its entry is the stack's.
const MAIL: Part = { name: 'mail', workspace: '@tenantry/stack', entry: 'dist/mail-worker.js', nodeFlags: [] };

/** `gateway`, `mail`, or a subgraph's name in schema/supergraph.yaml. */
export type ProcessName = string;
/** The parts that listen on a port: the gateway and every subgraph. */
export type ServerName = string;

/** The subgraphs, as the registry (schema/supergraph.yaml) lists them. */
function subgraphParts(): Part[] {
  return subgraphRegistry().map((subgraph) => {
    if (subgraph.name === GATEWAY.name || subgraph.name === MAIL.name) {
      throw new StackError(`A subgraph cannot be called "${subgraph.name}": the launcher has a part of that name.`);
    }
    return { name: subgraph.name, workspace: subgraph.workspace, entry: subgraph.entry, portVariable: subgraph.portVariable, nodeFlags: NODE_FLAGS.subgraph };
  });
}

function part(name: ProcessName): Part {
  const found = [GATEWAY, MAIL, ...subgraphParts()].find((candidate) => candidate.name === name);
  if (!found) throw new StackError(`No part of the graph is called "${name}".`);
  return found;
}

/** The interface each server listens on: the gateway on HOST, subgraphs on SUBGRAPH_HOST. */
export function serverHosts(settings: Environment): Record<ServerName, string> {
  return Object.fromEntries([[GATEWAY.name, settings.HOST], ...subgraphParts().map(({ name }) => [name, settings.SUBGRAPH_HOST])]);
}

/** How long a part may take from spawn to telling the launcher it is ready. */
const READY_TIMEOUT_MS = 30_000;
/** How long a part may take to stop after SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 10_000;

/** The graph could not start or stopped; the message is meant for the person who ran it. */
export class StackError extends Error {
  override name = 'StackError';
}

/** The node arguments that run a part: its V8 flags, then its built script. */
function nodeArguments(name: ProcessName): string[] {
  const { workspace, entry, nodeFlags } = part(name);
  return [...nodeFlags, join(dirname(require.resolve(`${workspace}/package.json`)), entry)];
}

/**
 * Asks the OS for `count` distinct free ports. Every listener stays open until all are bound: one
 * closed before the next is asked for may be handed out again (seen: two parts given one port).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(false) : reject(error)));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/**
 * Fails, naming each port and its variable, when a port is given twice or something already
 * listens on it, so a previous Tenantry (or anything else) is never mistaken for ours.
 */
export async function assertPortsFree(ports: Record<ServerName, number>, hosts: Record<ServerName, string>): Promise<void> {
  const problems: string[] = [];
  const names = Object.keys(ports) as ServerName[];
  for (const name of names) {
    const twin = names.find((other) => other !== name && ports[other] === ports[name]);
    if (twin && names.indexOf(twin) > names.indexOf(name)) {
      problems.push(`port ${ports[name]} is given to both ${name} (${part(name).portVariable}) and ${twin} (${part(twin).portVariable})`);
    } else if (!twin && !(await isPortFree(ports[name], hosts[name]))) {
      problems.push(`port ${ports[name]} (${name}, ${part(name).portVariable}) is already in use on ${hosts[name]}`);
    }
  }
  if (problems.length) throw new StackError(`Cannot start Tenantry: ${problems.join('; ')}. Stop what listens there or choose another port.`);
}

/** How a part ended. */
export interface PartExit {
  name: ProcessName;
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function describeExit(exit: PartExit): string {
  return `${exit.name} (pid ${exit.pid}) exited ${exit.signal ? `on signal ${exit.signal}` : `with code ${exit.code}`}`;
}

export interface RunningStack {
  gatewayUrl: string;
  ports: Record<ServerName, number>;
  /** Process id of every part. */
  pids: Record<ProcessName, number>;
  /**
   * Settles when a part exits without being told to, once the other parts have been stopped;
   * never after {@link stop}.
   */
  failed: Promise<PartExit>;
  /** Stops every part and settles once each has exited. */
  stop(): Promise<void>;
}

export interface StackOptions {
  /**
   * Environment for every process (DATABASE_URL or DATABASE_FILE, secrets, MAIL_DIR...). Secrets
   * it lacks are generated for this run only.
   */
  env: NodeJS.ProcessEnv;
  /** Ports; missing ones are picked free. */
  ports?: Partial<Record<ServerName, number>>;
  /** Where the processes' output goes: inherited by default. */
  stdio?: 'inherit' | 'ignore' | 'pipe';
}

function stopPart(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function withinReadyTimeout(ready: Promise<void>, name: ProcessName): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StackError(`${name} did not report ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
  });
  return Promise.race([ready, late]).finally(() => clearTimeout(timer));
}

/**
 * Starts the subgraphs of the registry (schema/supergraph.yaml), then the gateway and the mail
 * outbox worker, as separate processes talking HTTP, and supervises them: each tells the launcher
 * over its IPC channel when it is ready (a port answering is not proof it is ours), and a part that
 * exits stops the rest. Parts run in their own process group, so only the launcher decides when
 * they stop, and each stops by itself when the launcher goes away.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const settings = readEnvironment(options.env);
  const subgraphs = subgraphParts();
  const servers = [GATEWAY, ...subgraphs].map(({ name }) => name);
  const free = await freePorts(servers.length);
  const ports: Record<ServerName, number> = Object.fromEntries(servers.map((name, index) => [name, options.ports?.[name] ?? free[index]]));
  await assertPortsFree(ports, serverHosts(settings));
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    // graphql-js runs its cross-realm checks on every type test unless in production (~13 % of a subgraph's CPU).
    NODE_ENV: settings.NODE_ENV ?? 'production',
    ACCESS_TOKEN_SECRET: settings.ACCESS_TOKEN_SECRET ?? randomBytes(48).toString('base64url'),
    PRINCIPAL_SECRET: settings.PRINCIPAL_SECRET ?? randomBytes(48).toString('base64url'),
    PORT: String(ports.gateway),
    ...Object.fromEntries(
      subgraphRegistry().flatMap(({ name, portVariable, urlVariable }) => [
        [portVariable, String(ports[name])],
        [urlVariable, `http://127.0.0.1:${ports[name]}/graphql`],
      ]),
    ),
  };

  const children = new Map<ProcessName, ChildProcess>();
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= Promise.all([...children.values()].map(stopPart)).then(() => undefined));
  let reportFailure: (exit: PartExit) => void = () => {};
  const failed = new Promise<PartExit>((resolve) => (reportFailure = resolve));

  /** Spawns a part; settles when it reports ready, fails when it exits or cannot be spawned first. */
  const startPart = (name: ProcessName): Promise<void> => {
    const output = options.stdio ?? 'inherit';
    const child = spawn(process.execPath, nodeArguments(name), { env, stdio: [output, output, output, 'ipc'], detached: true });
    children.set(name, child);
    const ready = new Promise<void>((resolve, reject) => {
      child.on('message', (message) => {
        if (isReadyMessage(message)) resolve();
      });
      child.once('error', (error) => reject(new StackError(`${name} could not be started: ${error.message}`)));
      child.once('exit', (code, signal) => {
        const exit: PartExit = { name, pid: child.pid ?? 0, code, signal };
        reject(new StackError(`${describeExit(exit)} before it was ready`));
        if (stopping) return;
        void stop().then(() => reportFailure(exit));
      });
    });
    return withinReadyTimeout(ready, name);
  };

  try {
    await Promise.all(subgraphs.map(({ name }) => startPart(name)));
    await Promise.all([startPart(GATEWAY.name), startPart(MAIL.name)]);
  } catch (error) {
    await stop();
    throw error;
  }
  const pids = Object.fromEntries([...children].map(([name, child]) => [name, child.pid])) as Record<ProcessName, number>;
  return { gatewayUrl: `http://127.0.0.1:${ports.gateway}/graphql`, ports, pids, failed, stop };
}
