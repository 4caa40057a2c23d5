import { listen } from './http-server';
import { SubgraphServer } from './subgraph-server';

/**
 * Listens on the port and interface (SUBGRAPH_HOST, loopback by default: subgraphs are reached
 * only through the gateway) and stops cleanly on SIGINT/SIGTERM (connections, then `onStop`).
 */
export async function serveUntilSignalled(server: SubgraphServer, port: number, host: string, name: string, onStop: () => Promise<void>): Promise<void> {
  const bound = await listen(server.http, port, host);
  console.log(`${name} ready on port ${bound}`);
  const stop = async () => {
    await server.stop();
    await onStop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
