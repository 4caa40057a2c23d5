import { exitOnConfigurationError, loadEnvironment } from '@tenantry/config';
import { openStore } from '@tenantry/store';
import { serveUntilSignalled } from '@tenantry/federation';
import { createPermissionsServer, SUBGRAPH_NAME } from './server';

async function main(): Promise<void> {
  const env = loadEnvironment();
  const dataSource = await openStore({ url: env.DATABASE_URL, file: env.DATABASE_FILE });
  const server = await createPermissionsServer(dataSource, env.PRINCIPAL_SECRET);
  await serveUntilSignalled(server, env.PERMISSIONS_PORT, env.SUBGRAPH_HOST, SUBGRAPH_NAME, () => dataSource.destroy());
}

main().catch(exitOnConfigurationError);
