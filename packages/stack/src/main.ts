import { resolve } from 'node:path';
import { ConfigurationError, loadEnvironment, subgraphPort, subgraphRegistry } from '@tenantry/config';
import { openStore } from '@tenantry/store';
import { DEMO_USERNAMES, seedDemoData } from './demo-data';
import type { ProcessName, RunningStack } from './processes';
import { assertPortsFree, describeExit, serverHosts, StackError, startStack } from './processes';

/**
 * `npm start`: migrate, seed the demo data, start the graph and supervise it. Ctrl-C or SIGTERM
 * stops every part; a part that exits by itself stops the rest and the launcher exits with 1.
 */
async function main(): Promise<void> {
  const env = loadEnvironment();
  const ports = { gateway: env.PORT, ...Object.fromEntries(subgraphRegistry().map((subgraph) => [subgraph.name, subgraphPort(env, subgraph)])) };
  // Before the database is touched: a taken port fails the start within a moment.
  await assertPortsFree(ports, serverHosts(env));

  const databaseFile = resolve(env.DATABASE_FILE);
  const dataSource = await openStore({ url: env.DATABASE_URL, file: databaseFile }, { migrate: true });
  const seedDemo = env.SEED_DEMO_DATA ? env.SEED_DEMO_DATA === 'true' : !env.DATABASE_URL;
  const seeded = seedDemo ? await seedDemoData(dataSource, env.DEMO_PASSWORD) : undefined;
  await dataSource.destroy();

  const stack = await startStack({
    env: {
      ...process.env,
      // Settled once here (from the environment or ./var), so every part signs and verifies with the same secrets.
      ACCESS_TOKEN_SECRET: env.ACCESS_TOKEN_SECRET,
      PRINCIPAL_SECRET: env.PRINCIPAL_SECRET,
      DATABASE_FILE: databaseFile,
      MAIL_DIR: resolve(env.MAIL_DIR),
    },
    ports,
  });
  superviseUntilStopped(stack);

  const demo = seeded
    ? `Demo logins (account "Demo"):
  ${DEMO_USERNAMES.owner}            owner of the account
  ${DEMO_USERNAMES.operator}         operator of the sub-organisation "Demo Support"
  ${DEMO_USERNAMES.customerAdministrator}   administrator of the customer organisation "Acme Customer"
  password: ${seeded.password ?? '(as printed when the demo data was first created; set DEMO_PASSWORD to reset it)'}
`
    : 'No demo data (SEED_DEMO_DATA=true seeds it into MySQL too).\n';
  const secrets =
    process.env.ACCESS_TOKEN_SECRET && process.env.PRINCIPAL_SECRET
      ? ''
      : `Secrets: generated once and kept in ${resolve(env.SECRETS_FILE)} (or set ACCESS_TOKEN_SECRET and PRINCIPAL_SECRET).\n`;
  console.log(`
Tenantry is running: http://localhost:${stack.ports.gateway}/graphql
Database: ${env.DATABASE_URL ? 'MySQL (DATABASE_URL)' : databaseFile}
Mail links: ${env.PUBLIC_URL}
Parts:
${partsTable(stack)}
${demo}${secrets}Press Ctrl-C to stop.`);
}

function partsTable(stack: RunningStack): string {
  const ports: Partial<Record<ProcessName, number>> = stack.ports;
  return (Object.keys(stack.pids) as ProcessName[])
    .map((name) => `  ${name.padEnd(14)} ${ports[name] ? `port ${ports[name]}` : 'no port  '}  pid ${stack.pids[name]}`)
    .join('\n');
}

function superviseUntilStopped(stack: RunningStack): void {
  const shutdown = () => {
    stack.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  void stack.failed.then((exit) => {
    console.error(`\nTenantry stopped: ${describeExit(exit)}; the other parts were stopped.`);
    process.exit(1);
  });
}

function exitOnStartError(error: unknown): never {
  if (error instanceof ConfigurationError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  console.error(error instanceof StackError ? error.message : error);
  process.exit(1);
}

main().catch(exitOnStartError);
