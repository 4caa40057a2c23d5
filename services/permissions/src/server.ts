import type { DataSource } from '@tenantry/database';
import type { SubgraphServer } from '@tenantry/federation';
import { createSubgraphServer, logInternalError } from '@tenantry/federation';
import { createContextFactory } from './context';
import { buildGuardedPermissionsSchema } from './schema';

export const SUBGRAPH_NAME = 'permissions';

/** Builds the permissions subgraph without listening, so tests drive it in-process. */
export async function createPermissionsServer(dataSource: DataSource, principalSecret: string): Promise<SubgraphServer> {
  return createSubgraphServer({
    name: SUBGRAPH_NAME,
    schema: await buildGuardedPermissionsSchema(logInternalError),
    principalSecret,
    databaseAnswers: () => dataSource.query('SELECT 1'),
    createContext: createContextFactory(dataSource),
  });
}
