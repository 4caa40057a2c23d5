import { ConfigurationError, exitOnConfigurationError, readEnvironment } from '@tenantry/config';
import { openDatabase } from '@tenantry/database';
import { serveUntilSignalled } from '@tenantry/federation';
import { startPurgeJob } from './lifecycle/purge';
import { createUsersServer, SUBGRAPH_NAME } from './server';
import { DEFAULT_INVITATION_TTL_HOURS, usersSettings } from './settings';

/** INVITATION_TTL_HOURS (1–720, default 72): how long invitation and activation links work. */
function invitationTtlHours(value = process.env.INVITATION_TTL_HOURS): number {
  if (value === undefined || value === '') return DEFAULT_INVITATION_TTL_HOURS;
  const hours = Number(value);
  if (!Number.isInteger(hours) || hours < 1 || hours > 720) throw new ConfigurationError(['INVITATION_TTL_HOURS must be a whole number of hours from 1 to 720']);
  return hours;
}

async function main(): Promise<void> {
  const env = readEnvironment();
  const dataSource = await openDatabase({ url: env.DATABASE_URL, file: env.DATABASE_FILE });
  const settings = usersSettings({
    accessTokenSecret: env.ACCESS_TOKEN_SECRET,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
    publicUrl: env.PUBLIC_URL,
    invitationTtlHours: invitationTtlHours(),
  });
  const server = await createUsersServer(dataSource, env.PRINCIPAL_SECRET, settings);
  const stopPurge = startPurgeJob(dataSource, settings, (error) => console.error('purging archived users failed', error));
  await serveUntilSignalled(server, env.USERS_PORT, SUBGRAPH_NAME, () => {
    stopPurge();
    return dataSource.destroy();
  });
}

main().catch(exitOnConfigurationError);
