import { exitOnConfigurationError, loadEnvironment } from '@tenantry/config';
import { openStore } from '@tenantry/store';
import { serveUntilSignalled } from '@tenantry/federation';
import { startPurgeJob } from './lifecycle/purge.job';
import { createUsersServer, SUBGRAPH_NAME } from './server';
import { usersSettings } from './settings';

async function main(): Promise<void> {
  const env = loadEnvironment();
  const dataSource = await openStore({ url: env.DATABASE_URL, file: env.DATABASE_FILE });
  const settings = usersSettings({
    accessTokenSecret: env.ACCESS_TOKEN_SECRET,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
    publicUrl: env.PUBLIC_URL,
    invitationTtlHours: env.INVITATION_TTL_HOURS,
  });
  const server = await createUsersServer(dataSource, env.PRINCIPAL_SECRET, settings);
  const stopPurge = startPurgeJob(dataSource, settings, (error) => console.error('purging archived users failed', error));
  await serveUntilSignalled(server, env.USERS_PORT, env.SUBGRAPH_HOST, SUBGRAPH_NAME, () => {
    stopPurge();
    return dataSource.destroy();
  });
}

main().catch(exitOnConfigurationError);
