import { exitOnConfigurationError, readEnvironment } from '@tenantry/config';
import { listen } from '@tenantry/federation';
import { createGateway } from './gateway';

async function main(): Promise<void> {
  const env = readEnvironment();
  const gateway = await createGateway({
    accessTokenSecret: env.ACCESS_TOKEN_SECRET,
    principalSecret: env.PRINCIPAL_SECRET,
    subgraphUrls: {
      organisations: env.SUBGRAPH_URL_ORGANISATIONS,
      users: env.SUBGRAPH_URL_USERS,
      permissions: env.SUBGRAPH_URL_PERMISSIONS,
    },
  });
  const port = await listen(gateway.http, env.PORT, env.HOST);
  console.log(`gateway ready at http://localhost:${port}/graphql`);
  const stop = async () => {
    await gateway.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch(exitOnConfigurationError);
