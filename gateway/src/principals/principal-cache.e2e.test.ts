import { randomUUID } from 'node:crypto';
import type { DemoGraph, ExtraGateways } from '../testing/demo-graph';
import { GENEROUS_RATE_LIMIT_TABLE, startDemoGraph, startGatewaysBeside } from '../testing/demo-graph';
import { describeWithRedis } from '../testing/redis';
import type { Gateways } from '../testing/revocations';
import { cacheHits, REVOCATIONS, stageFor } from '../testing/revocations';

/** For each revoking mutation: the victim is served twice (the second time from the cache), the mutation returns, and the very next request shows it. */
function revocationsThrough(gateways: () => Gateways) {
  it.each(REVOCATIONS.map((revocation) => [revocation.name, revocation] as const))(
    '%s: the very next request of the victim shows it',
    async (_name, revocation) => {
      const stage = await stageFor(revocation, gateways());
      revocation.before(await revocation.probe(stage), stage);
      const hits = await cacheHits(stage.gateways.victim);
      revocation.before(await revocation.probe(stage), stage);
      expect(await cacheHits(stage.gateways.victim)).toBe(hits + 1);
      await revocation.revoke(stage);
      revocation.after(await revocation.probe(stage), stage);
    },
  );
}

describe('the principal cache through the shipped processes (one gateway)', () => {
  let demo: DemoGraph;

  beforeAll(async () => {
    demo = await startDemoGraph();
  });
  afterAll(() => demo?.close());

  revocationsThrough(() => ({ mutations: demo.stack.gatewayUrl, victim: demo.stack.gatewayUrl, dataSource: demo.db.dataSource, mailDir: demo.mailDir }));

  it('keeps the principal of the session a login established: the first request after it needs no lookup', async () => {
    const logout = REVOCATIONS.find((revocation) => revocation.name === 'logout')!;
    const stage = await stageFor(logout, {
      mutations: demo.stack.gatewayUrl,
      victim: demo.stack.gatewayUrl,
      dataSource: demo.db.dataSource,
      mailDir: demo.mailDir,
    });
    const hits = await cacheHits(demo.stack.gatewayUrl);
    logout.before(await logout.probe(stage), stage);
    expect(await cacheHits(demo.stack.gatewayUrl)).toBe(hits + 1);
  });
});

describeWithRedis('the principal cache of two gateways sharing Redis: mutations through one, the victim through the other', (redisUrl) => {
  let demo: DemoGraph;
  let gateways: ExtraGateways;

  beforeAll(async () => {
    demo = await startDemoGraph();
    // Its own channel prefix: other test runs may share this Redis.
    gateways = await startGatewaysBeside(demo, 2, { limits: GENEROUS_RATE_LIMIT_TABLE, redisUrl, redisKeyPrefix: `tenantry-test:${randomUUID()}:` });
  });
  afterAll(async () => {
    await gateways?.stop();
    await demo?.close();
  });

  revocationsThrough(() => ({ mutations: gateways.urls[0], victim: gateways.urls[1], dataSource: demo.db.dataSource, mailDir: demo.mailDir }));
});
