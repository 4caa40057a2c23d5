/**
 * Failed-login and password-reset timing (no user enumeration) and lockout under 50 parallel guesses, measured on
 * the users subgraph over HTTP. Run with `npm run bench`.
 */
import { performance } from 'node:perf_hooks';
import { passwordVerificationCount } from '@tenantry/auth';
import { UserRecord, UserStatus } from '@tenantry/users-module';
import { SEED_PASSWORD } from '@tenantry/testing';
import { LOGIN, startTestbed } from './testing/users.testkit';

const ROUNDS = 31;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const bed = await startTestbed();
  const login = (username: string, password: string) => bed.anonymous(LOGIN, { username, password });
  const team = await bed.seed.createAccount();
  const known = await team.defaultOrganisation.createUser('OPERATOR');
  const others = {
    locked: await team.defaultOrganisation.createUser('OPERATOR'),
    suspended: await team.defaultOrganisation.createUser('OPERATOR'),
    archived: await team.defaultOrganisation.createUser('OPERATOR'),
  };
  const users = bed.db.dataSource.getRepository(UserRecord);
  await users.update({ id: others.locked.id }, { status: UserStatus.LOCKED });
  await users.update({ id: others.suspended.id }, { status: UserStatus.SUSPENDED });
  await users.update({ id: others.archived.id }, { status: UserStatus.ARCHIVED, archivedAt: new Date() });

  const cases: [string, () => [string, string]][] = [
    ['wrong password', () => [known.record.username, 'wrong password']],
    ['unknown user', () => [`unknown.${Math.random()}`, 'wrong password']],
    ['locked user', () => [others.locked.record.username, SEED_PASSWORD]],
    ['suspended user', () => [others.suspended.record.username, SEED_PASSWORD]],
    ['archived user', () => [others.archived.record.username, SEED_PASSWORD]],
  ];
  const samples = new Map<string, number[]>(cases.map(([name]) => [name, []]));
  await login('warm.up', 'warm up');
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, args] of cases) {
      const started = performance.now();
      await login(...args());
      samples.get(name)!.push(performance.now() - started);
    }
    // A right password resets the known user's counter, so the wrong-password case never locks.
    if (round % 2 === 1) await login(known.record.username, SEED_PASSWORD);
  }
  const base = median(samples.get('wrong password')!);
  console.log(`failed login, median of ${ROUNDS} (users subgraph over HTTP, ${bed.db.location.url ? 'MySQL' : 'SQLite'}):`);
  for (const [name, values] of samples)
    console.log(`  ${name.padEnd(15)} ${median(values).toFixed(1)} ms  (${(median(values) / base).toFixed(2)}× wrong password)`);

  const reset = { 'existing user': [] as number[], 'unknown user': [] as number[] };
  const RESET = 'mutation($name: String!) { requestPasswordReset(usernameOrEmail: $name) }';
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, who] of [
      ['existing user', known.record.username],
      ['unknown user', `unknown.${Math.random()}`],
    ] as const) {
      const started = performance.now();
      await bed.anonymous(RESET, { name: who });
      reset[name].push(performance.now() - started);
    }
  }
  const resetBase = median(reset['existing user']);
  console.log(`requestPasswordReset, median of ${ROUNDS}:`);
  for (const [name, values] of Object.entries(reset))
    console.log(`  ${name.padEnd(15)} ${median(values).toFixed(1)} ms  (${(median(values) / resetBase).toFixed(2)}× existing user)`);

  const victim = await team.defaultOrganisation.createUser('OPERATOR');
  const before = passwordVerificationCount();
  await Promise.all(Array.from({ length: 50 }, () => login(victim.record.username, 'wrong password')));
  const stored = await users.findOneByOrFail({ id: victim.id });
  console.log(
    `50 parallel wrong passwords: status ${stored.status}, failedLoginCount ${stored.failedLoginCount}, ${passwordVerificationCount() - before} password verifications`,
  );
  await bed.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
