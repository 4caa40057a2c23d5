import type { DataSource } from '@tenantry/database';
import type { SubgraphServer } from '@tenantry/federation';
import { createSubgraphServer, logInternalError } from '@tenantry/federation';
import { createContextFactory, usersResponseExtensions } from './context';
import { operatorFiguresRoute, OPERATOR_FIGURES_ROUTE } from './operations/operator-figures.job';
import { principalRoute, PRINCIPAL_ROUTE } from './principal/principal.job';
import { buildGuardedUsersSchema } from './schema';
import type { UsersSettingsInput } from './settings';
import { usersSettings } from './settings';

export const SUBGRAPH_NAME = 'users';

/** Builds the users subgraph without listening, so tests drive it in-process. */
export async function createUsersServer(dataSource: DataSource, principalSecret: string, settings: UsersSettingsInput): Promise<SubgraphServer> {
  return createSubgraphServer({
    name: SUBGRAPH_NAME,
    schema: await buildGuardedUsersSchema(logInternalError),
    principalSecret,
    databaseAnswers: () => dataSource.query('SELECT 1'),
    createContext: createContextFactory(dataSource, usersSettings(settings)),
    routes: { [PRINCIPAL_ROUTE]: principalRoute(dataSource), [OPERATOR_FIGURES_ROUTE]: operatorFiguresRoute(dataSource) },
    responseExtensions: usersResponseExtensions,
  });
}
