import { exitOnConfigurationError, loadEnvironment } from '@tenantry/config';
import { openStore } from '@tenantry/store';
import { serveUntilSignalled } from '@tenantry/federation';
import { createOrganisationsServer, SUBGRAPH_NAME } from './server';

async function main(): Promise<void> {
  const env = loadEnvironment();
  const dataSource = await openStore({ url: env.DATABASE_URL, file: env.DATABASE_FILE });
  const server = await createOrganisationsServer(dataSource, env.PRINCIPAL_SECRET, { publicUrl: env.PUBLIC_URL, activationTtlHours: env.INVITATION_TTL_HOURS });
  await serveUntilSignalled(server, env.ORGANISATIONS_PORT, env.SUBGRAPH_HOST, SUBGRAPH_NAME, () => dataSource.destroy());
}

main().catch(exitOnConfigurationError);
