import { reportReady, stopWhenTold } from '@tenantry/config';
import { listen } from './http-server';
import type { SubgraphServer } from './subgraph-server';

/**
 * Listens on the port and interface (SUBGRAPH_HOST, loopback by default: subgraphs are reached
 * only through the gateway), tells the launcher it is ready, and stops cleanly (connections,
 * then `onStop`) on SIGINT/SIGTERM or when the launcher goes away.
 */
export async function serveUntilSignalled(server: SubgraphServer, port: number, host: string, name: string, onStop: () => Promise<void>): Promise<void> {
  const bound = await listen(server.http, port, host);
  stopWhenTold(async () => {
    await server.stop();
    await onStop();
  });
  console.log(`${name} ready on port ${bound}`);
  reportReady(bound);
}
