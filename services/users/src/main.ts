import { exitOnConfigurationError, readEnvironment } from '@tenantry/config';
import { openDatabase } from '@tenantry/database';
import { serveUntilSignalled } from '@tenantry/federation';
import { createUsersServer, SUBGRAPH_NAME } from './server';

async function main(): Promise<void> {
  const env = readEnvironment();
  const dataSource = await openDatabase({ url: env.DATABASE_URL, file: env.DATABASE_FILE });
  const server = await createUsersServer(dataSource, env.PRINCIPAL_SECRET, {
    accessTokenSecret: env.ACCESS_TOKEN_SECRET,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
  });
  await serveUntilSignalled(server, env.USERS_PORT, SUBGRAPH_NAME, () => dataSource.destroy());
}

main().catch(exitOnConfigurationError);
