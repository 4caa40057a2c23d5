import { resolve } from 'node:path';
import { exitOnConfigurationError, LOCAL_ONLY_SECRETS, readEnvironment } from '@tenantry/config';
import { openDatabase } from '@tenantry/database';
import { DEMO_USERNAMES, seedDemoData } from './demo-data';
import { startStack } from './processes';

/** `npm start`: migrate, seed the demo data, start the graph, and stop it all on Ctrl-C. */
async function main(): Promise<void> {
  const env = readEnvironment();
  const databaseFile = resolve(env.DATABASE_FILE);
  const dataSource = await openDatabase({ url: env.DATABASE_URL, file: databaseFile }, { migrate: true });
  const seedDemo = env.SEED_DEMO_DATA ? env.SEED_DEMO_DATA === 'true' : !env.DATABASE_URL;
  const seeded = seedDemo ? await seedDemoData(dataSource, env.DEMO_PASSWORD) : undefined;
  await dataSource.destroy();

  const stack = await startStack({
    env: { ...process.env, DATABASE_FILE: databaseFile, MAIL_DIR: resolve(env.MAIL_DIR) },
    ports: { gateway: env.PORT, organisations: env.ORGANISATIONS_PORT, users: env.USERS_PORT, permissions: env.PERMISSIONS_PORT },
  });
  const usingLocalSecrets = env.ACCESS_TOKEN_SECRET === LOCAL_ONLY_SECRETS.accessTokenSecret;
  const demo = seeded
    ? `Demo logins (account "Demo"):
  ${DEMO_USERNAMES.owner}            owner of the account
  ${DEMO_USERNAMES.operator}         operator of the sub-organisation "Demo Support"
  ${DEMO_USERNAMES.customerAdministrator}   administrator of the customer organisation "Acme Customer"
  password: ${seeded.password ?? '(as printed when the demo data was first created; set DEMO_PASSWORD to reset it)'}
`
    : 'No demo data (SEED_DEMO_DATA=true seeds it into MySQL too).\n';
  console.log(`
Tenantry is running: http://localhost:${stack.ports.gateway}/graphql
Database: ${env.DATABASE_URL ? 'MySQL (DATABASE_URL)' : databaseFile}
${demo}${usingLocalSecrets ? 'Using built-in local-only secrets: set ACCESS_TOKEN_SECRET and PRINCIPAL_SECRET before exposing this.\n' : ''}Press Ctrl-C to stop.`);

  const shutdown = () => {
    stack.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch(exitOnConfigurationError);
