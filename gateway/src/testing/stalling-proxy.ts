import { once } from 'node:events';
import type { AddressInfo, Server, Socket } from 'node:net';
import { connect, createServer } from 'node:net';

/**
 * A TCP proxy that can stall: while stalled, bytes wait in both directions but no connection
 * closes, as on a half-open connection or a frozen server, which no connection event reports.
 */
export class StallingProxy {
  private stalled = false;
  private readonly pairs = new Set<[Socket, Socket]>();

  private constructor(private readonly server: Server) {}

  static async start(targetUrl: string): Promise<StallingProxy> {
    const target = new URL(targetUrl);
    const server = createServer();
    const proxy = new StallingProxy(server);
    server.on('connection', (client) => proxy.join(client, connect(Number(target.port), target.hostname)));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return proxy;
  }

  /** The target's URL with this proxy's address instead. */
  urlFor(targetUrl: string): string {
    const url = new URL(targetUrl);
    url.host = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return url.toString();
  }

  stall(): void {
    this.stalled = true;
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream).pause();
      upstream.unpipe(client).pause();
    }
  }

  /** Lets the bytes that waited, and every later one, through. */
  flow(): void {
    this.stalled = false;
    for (const pair of this.pairs) StallingProxy.pipe(pair);
  }

  async close(): Promise<void> {
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.server.close();
    await once(this.server, 'close');
  }

  private join(client: Socket, upstream: Socket): void {
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    const end = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of pair) socket.on('error', end).on('close', end);
    if (this.stalled) {
      client.pause();
      upstream.pause();
    } else {
      StallingProxy.pipe(pair);
    }
  }

  private static pipe([client, upstream]: [Socket, Socket]): void {
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
