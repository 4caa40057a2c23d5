/**
 * The Redis that tests of shared rate limits use: TEST_REDIS_URL (.ci/run starts one on 6379 and
 * sets it). Without it such tests fail when CI is set, so a missing Redis never passes silently,
 * and are skipped with a message elsewhere.
 */
export function describeWithRedis(name: string, body: (redisUrl: string) => void): void {
  const redisUrl = process.env.TEST_REDIS_URL;
  if (redisUrl) {
    describe(name, () => body(redisUrl));
  } else if (process.env.CI) {
    describe(name, () => {
      it('needs Redis', () => {
        throw new Error('TEST_REDIS_URL is not set: CI must provide Redis (.ci/run starts redis-server on 6379)');
      });
    });
  } else {
    console.warn(`skipped "${name}": set TEST_REDIS_URL=redis://127.0.0.1:6379 to run it against a local Redis`);
    describe.skip(name, () => body(''));
  }
}
