import type { DataSource } from '@tenantry/database';
import type { SubgraphServer } from '@tenantry/federation';
import { createSubgraphServer, logInternalError } from '@tenantry/federation';
import type { OrganisationsSettings } from './context';
import { createContextFactory } from './context';
import { EMBED_ORIGIN_ROUTE, embedOriginRoute } from './embed/embed-origin.job';
import { buildGuardedOrganisationsSchema } from './schema';

export const SUBGRAPH_NAME = 'organisations';

/** Builds the organisations subgraph without listening, so tests drive it in-process. */
export async function createOrganisationsServer(dataSource: DataSource, principalSecret: string, settings: OrganisationsSettings): Promise<SubgraphServer> {
  return createSubgraphServer({
    name: SUBGRAPH_NAME,
    schema: await buildGuardedOrganisationsSchema(logInternalError),
    principalSecret,
    databaseAnswers: () => dataSource.query('SELECT 1'),
    createContext: createContextFactory(dataSource, settings),
    routes: { [EMBED_ORIGIN_ROUTE]: embedOriginRoute(dataSource) },
  });
}
