import { exitOnConfigurationError, loadEnvironment, reportReady, stopWhenTold } from '@tenantry/config';
import { listen } from '@tenantry/federation';
import { createGateway } from './gateway';

async function main(): Promise<void> {
  const env = loadEnvironment();
  const gateway = await createGateway({
    accessTokenSecret: env.ACCESS_TOKEN_SECRET,
    principalSecret: env.PRINCIPAL_SECRET,
    subgraphUrls: {
      organisations: env.SUBGRAPH_URL_ORGANISATIONS,
      users: env.SUBGRAPH_URL_USERS,
      permissions: env.SUBGRAPH_URL_PERMISSIONS,
    },
    development: env.NODE_ENV === 'development',
  });
  const port = await listen(gateway.http, env.PORT, env.HOST);
  stopWhenTold(() => gateway.stop());
  console.log(`gateway ready at http://localhost:${port}/graphql`);
  reportReady(port);
}

main().catch(exitOnConfigurationError);
