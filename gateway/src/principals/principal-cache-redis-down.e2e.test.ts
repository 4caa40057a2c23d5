import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import type { DemoGraph, ExtraGateways } from '../testing/demo-graph';
import { GENEROUS_RATE_LIMIT_TABLE, startDemoGraph, startGatewaysBeside } from '../testing/demo-graph';
import { describeWithRedis } from '../testing/redis';
import type { Revocation } from '../testing/revocations';
import { cacheHits, REVOCATIONS, stageFor } from '../testing/revocations';

/** A Redis of this test's own on a free port (killed and restarted: the shared one must stay up for others). */
async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  for await (const chunk of redis.stdout!) {
    output += String(chunk);
    if (output.includes('Ready to accept connections')) return redis;
  }
  throw new Error(`redis-server stopped: ${output}`);
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  return port;
}

/** Waits (as a person watching /metrics would) until the gateway says whether it serves kept principals. */
async function servingTurns(graphqlUrl: string, serving: 0 | 1): Promise<void> {
  for (;;) {
    const metrics = await (await fetch(new URL('/metrics', graphqlUrl))).text();
    if (new RegExp(`^tenantry_principal_cache_serving ${serving}$`, 'm').test(metrics)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const revocation = (name: string): Revocation => REVOCATIONS.find((candidate) => candidate.name === name)!;

// Needs redis-server, as the shared-Redis suites do (TEST_REDIS_URL says one is installed and running).
describeWithRedis('the principal cache while Redis is down: no stale answers', () => {
  let demo: DemoGraph;
  let redis: ChildProcess | undefined;
  let port: number;
  let extra: ExtraGateways;
  let urls: string[];

  beforeAll(async () => {
    demo = await startDemoGraph();
    port = await freePort();
    redis = await startRedis(port);
    extra = await startGatewaysBeside(demo, 2, { limits: GENEROUS_RATE_LIMIT_TABLE, redisUrl: `redis://127.0.0.1:${port}` });
    urls = extra.urls;
  });
  afterAll(async () => {
    await extra?.stop();
    redis?.kill();
    await demo?.close();
  });

  it('a gateway that lost its subscription forgets what it kept and asks every time, so a suspension through another gateway shows at once; it keeps again once subscribed', async () => {
    const gateways = { mutations: urls[0], victim: urls[1], dataSource: demo.db.dataSource, mailDir: demo.mailDir };
    const suspension = revocation('suspendUser');
    const stage = await stageFor(suspension, gateways);
    await servingTurns(urls[1], 1);
    suspension.before(await suspension.probe(stage), stage);
    const hits = await cacheHits(urls[1]);
    suspension.before(await suspension.probe(stage), stage);
    expect(await cacheHits(urls[1])).toBe(hits + 1);

    redis!.kill();
    await once(redis!, 'exit');
    redis = undefined;
    await servingTurns(urls[1], 0);
    // Nobody can tell gateway B now: the suspension through A must still show there on the very next request.
    await suspension.revoke(stage);
    suspension.after(await suspension.probe(stage), stage);

    // Meanwhile another user is served without the cache.
    const other = await stageFor(revocation('logout'), gateways);
    const before = await cacheHits(urls[1]);
    for (let i = 0; i < 2; i += 1) expect((await other.ask('{ me { id } }', {}, other.victim.accessToken)).data.me.id).toBe(other.victim.id);
    expect(await cacheHits(urls[1])).toBe(before);

    redis = await startRedis(port);
    await servingTurns(urls[1], 1);
    for (let i = 0; i < 2; i += 1) await other.ask('{ me { id } }', {}, other.victim.accessToken);
    expect(await cacheHits(urls[1])).toBe(before + 1);
  });
});
