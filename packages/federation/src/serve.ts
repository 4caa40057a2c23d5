import { listen } from './http-server';
import { SubgraphServer } from './subgraph-server';

/**
 * Listens on the port and stops cleanly on SIGINT/SIGTERM (closing connections, then `onStop`).
 * Binds to loopback: subgraphs are reached only through the gateway.
 */
export async function serveUntilSignalled(server: SubgraphServer, port: number, name: string, onStop: () => Promise<void>): Promise<void> {
  const bound = await listen(server.http, port, process.env.BIND_HOST ?? '127.0.0.1');
  console.log(`${name} ready on port ${bound}`);
  const stop = async () => {
    await server.stop();
    await onStop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
