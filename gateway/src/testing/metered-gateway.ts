import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { PRINCIPAL_HEADER } from '@tenantry/auth';
import { isReadyMessage } from '@tenantry/config';
import type { ServerName } from '@tenantry/stack';
import { freePorts } from '@tenantry/stack';

type SubgraphName = Exclude<ServerName, 'gateway'>;

const SUBGRAPHS: SubgraphName[] = ['organisations', 'users', 'permissions'];
const GATEWAY_SCRIPT = join(dirname(require.resolve('@tenantry/gateway/package.json')), 'dist', 'main.js');
/** Far above any principal, so the proxy measures what the gateway sends and the subgraph alone decides whether it is too big. */
const PROXY_MAX_HEADER_BYTES = 64 * 1024 * 1024;
const READY_TIMEOUT_MS = 30_000;

/** A principal token the gateway sent a subgraph, as the proxy saw it. */
export interface PrincipalSent {
  subgraph: SubgraphName;
  path: string;
  /** Length of the header's value: the signed token, in bytes (it is ASCII). */
  bytes: number;
  /** The HTTP status the subgraph answered (431 when it refused the headers as too large); unset until it answers. */
  status?: number;
}

/** A gateway process of its own whose every subgraph request crosses a proxy that records the principal header. */
export interface MeteredGateway {
  url: string;
  /** Principal tokens sent since the last {@link clear}, oldest first. */
  sent(): PrincipalSent[];
  clear(): void;
  stop(): Promise<void>;
}

function relay(target: URL, subgraph: SubgraphName, record: (sent: PrincipalSent) => void) {
  return (incoming: IncomingMessage, answer: ServerResponse) => {
    const token = incoming.headers[PRINCIPAL_HEADER];
    const sent: PrincipalSent | undefined = typeof token === 'string' ? { subgraph, path: incoming.url ?? '', bytes: Buffer.byteLength(token) } : undefined;
    if (sent) record(sent);
    const outgoing = request(
      { host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: { ...incoming.headers, host: target.host } },
      (response) => {
        if (sent) sent.status = response.statusCode;
        answer.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(answer);
      },
    );
    outgoing.on('error', () => answer.destroy());
    incoming.pipe(outgoing);
  };
}

function listening(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the metered gateway did not report ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    child.on('message', (message) => {
      if (!isReadyMessage(message)) return;
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the metered gateway exited (${signal ?? code}) before it was ready`));
    });
  });
}

/**
 * Starts the built gateway once more, beside a running stack, with a recording proxy in front of
 * each subgraph, so a test measures the principal token exactly as the gateway signs and sends it,
 * without a seam in production code. `env` must carry the stack's secrets.
 */
export async function startMeteredGateway(env: NodeJS.ProcessEnv, subgraphPorts: Record<SubgraphName, number>): Promise<MeteredGateway> {
  let sent: PrincipalSent[] = [];
  const proxies = SUBGRAPHS.map((subgraph) =>
    createServer(
      { maxHeaderSize: PROXY_MAX_HEADER_BYTES },
      relay(new URL(`http://127.0.0.1:${subgraphPorts[subgraph]}`), subgraph, (each) => sent.push(each)),
    ),
  );
  const proxyPorts = await Promise.all(proxies.map(listening));
  const [port] = await freePorts(1);
  const child = spawn(process.execPath, [GATEWAY_SCRIPT], {
    env: {
      ...env,
      PORT: String(port),
      ...Object.fromEntries(SUBGRAPHS.map((subgraph, index) => [`SUBGRAPH_URL_${subgraph.toUpperCase()}`, `http://127.0.0.1:${proxyPorts[index]}/graphql`])),
    },
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  const closeProxies = () =>
    Promise.all(
      proxies.map(
        (proxy) =>
          new Promise((resolve) => {
            proxy.closeAllConnections();
            proxy.close(resolve);
          }),
      ),
    );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await closeProxies();
  };
  try {
    await ready(child);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    sent: () => sent.map((each) => ({ ...each })),
    clear: () => {
      sent = [];
    },
    stop,
  };
}
