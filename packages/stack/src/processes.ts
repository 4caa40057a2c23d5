import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** The runnable parts of the graph, by name, as built entry points. */
const ENTRY_POINTS = {
  organisations: '@tenantry/organisations',
  users: '@tenantry/users',
  permissions: '@tenantry/permissions',
  gateway: '@tenantry/gateway',
  mail: '@tenantry/mail',
} as const;

export type ProcessName = keyof typeof ENTRY_POINTS;

function mainScript(name: ProcessName): string {
  return join(dirname(require.resolve(`${ENTRY_POINTS[name]}/package.json`)), 'dist', 'main.js');
}

/** Asks the OS for a free port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
}

export interface RunningStack {
  gatewayUrl: string;
  ports: Record<Exclude<ProcessName, 'mail'>, number>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Environment for every process (DATABASE_URL or DATABASE_FILE, secrets, MAIL_DIR...). */
  env: NodeJS.ProcessEnv;
  /** Ports; missing ones are picked free. */
  ports?: Partial<Record<Exclude<ProcessName, 'mail'>, number>>;
  /** Where the processes' output goes: inherited by default. */
  stdio?: 'inherit' | 'ignore' | 'pipe';
}

/** Starts the three subgraphs, then the gateway, as separate processes talking HTTP, and the mail outbox worker. */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const ports = {
    organisations: options.ports?.organisations ?? (await freePort()),
    users: options.ports?.users ?? (await freePort()),
    permissions: options.ports?.permissions ?? (await freePort()),
    gateway: options.ports?.gateway ?? (await freePort()),
  };
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    ORGANISATIONS_PORT: String(ports.organisations),
    USERS_PORT: String(ports.users),
    PERMISSIONS_PORT: String(ports.permissions),
    PORT: String(ports.gateway),
    SUBGRAPH_URL_ORGANISATIONS: `http://127.0.0.1:${ports.organisations}/graphql`,
    SUBGRAPH_URL_USERS: `http://127.0.0.1:${ports.users}/graphql`,
    SUBGRAPH_URL_PERMISSIONS: `http://127.0.0.1:${ports.permissions}/graphql`,
  };
  const children: ChildProcess[] = [];
  const spawnProcess = (name: ProcessName) => {
    const child = spawn(process.execPath, [mainScript(name)], { env, stdio: options.stdio ?? 'inherit' });
    children.push(child);
    return child;
  };
  const start = (name: Exclude<ProcessName, 'mail'>) => waitForHealth(`http://127.0.0.1:${ports[name]}/healthz`, spawnProcess(name), 30_000);
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    await Promise.all([start('organisations'), start('users'), start('permissions')]);
    await start('gateway');
    // The outbox worker serves no HTTP: it only polls the database.
    spawnProcess('mail');
  } catch (error) {
    await stop();
    throw error;
  }
  return { gatewayUrl: `http://127.0.0.1:${ports.gateway}/graphql`, ports, stop };
}
