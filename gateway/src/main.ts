import { exitOnConfigurationError, loadEnvironment, reportReady, stopWhenTold, subgraphRegistry, subgraphUrl } from '@tenantry/config';
import { listen } from '@tenantry/federation';
import { createGateway } from './gateway';

async function main(): Promise<void> {
  const env = loadEnvironment();
  const gateway = await createGateway({
    accessTokenSecret: env.ACCESS_TOKEN_SECRET,
    principalSecret: env.PRINCIPAL_SECRET,
    // The service list: every subgraph of schema/supergraph.yaml, at SUBGRAPH_URL_<NAME> or its routing_url.
    subgraphUrls: Object.fromEntries(subgraphRegistry().map((subgraph) => [subgraph.name, subgraphUrl(env, subgraph)])),
    development: env.NODE_ENV === 'development',
  });
  const port = await listen(gateway.http, env.PORT, env.HOST);
  stopWhenTold(() => gateway.stop());
  console.log(`gateway ready at http://localhost:${port}/graphql`);
  reportReady(port);
}

main().catch(exitOnConfigurationError);
