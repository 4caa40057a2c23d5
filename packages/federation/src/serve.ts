import { reportReady, stopWhenTold } from '@tenantry/config';
import type { SubgraphServer } from './subgraph-server';

/**
 * Listens on the port and interface (SUBGRAPH_HOST, loopback by default: subgraphs are reached
 * only through the gateway), tells the launcher it is ready, and stops cleanly (connections,
 * then `onStop`) on SIGINT/SIGTERM or when the launcher goes away.
 */
export async function serveUntilSignalled(server: SubgraphServer, port: number, host: string, name: string, onStop: () => Promise<void>): Promise<void> {
  const bound = await server.listen(port, host);
  stopWhenTold(async () => {
    await server.stop();
    await onStop();
  });
  server.app.log.info({ subgraph: name, port: bound }, 'ready');
  reportReady(bound);
}
