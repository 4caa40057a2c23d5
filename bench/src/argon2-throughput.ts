/**
 * The baseline of the login scenario, in a process of its own: argon2 verifications per second of
 * verifyPassword with the suite's concurrency, so it gets the same cores a users subgraph gets.
 * Prints `{"perSecond": n}`. Arguments: concurrency, seconds.
 */
import { hashPassword, verifyPassword } from '@tenantry/auth';

async function main(): Promise<void> {
  const [concurrency, seconds] = process.argv.slice(2).map(Number);
  const hash = await hashPassword('bench-password-for-everyone');
  await verifyPassword(hash, 'bench-password-for-everyone');
  const until = Date.now() + seconds * 1000;
  let verified = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        if (!(await verifyPassword(hash, 'bench-password-for-everyone'))) throw new Error('verifyPassword refused the right password');
        verified++;
      }
    }),
  );
  console.log(JSON.stringify({ perSecond: verified / ((Date.now() - started) / 1000) }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
