import { exitOnConfigurationError, loadEnvironment, reportReady, stopWhenTold, subgraphRegistry, subgraphUrl } from '@tenantry/config';
import { createGateway } from './gateway';
import { trustedDocumentsOptions } from './persisted/trusted-documents';

async function main(): Promise<void> {
  const env = loadEnvironment();
  const gateway = await createGateway({
    accessTokenSecret: env.ACCESS_TOKEN_SECRET,
    principalSecret: env.PRINCIPAL_SECRET,
    // The service list: every subgraph of schema/supergraph.yaml, at SUBGRAPH_URL_<NAME> or its routing_url.
    subgraphUrls: Object.fromEntries(subgraphRegistry().map((subgraph) => [subgraph.name, subgraphUrl(env, subgraph)])),
    development: env.NODE_ENV === 'development',
    corsOrigins: env.CORS_ORIGINS,
    metricsToken: env.METRICS_TOKEN,
    trustedDocuments: trustedDocumentsOptions(env.TRUSTED_DOCUMENTS_FILE, env.TRUSTED_DOCUMENTS_ONLY === 'true'),
    rateLimits: { limits: env.RATE_LIMITS, redisUrl: env.REDIS_URL },
    trustProxy: env.TRUST_PROXY,
    principalCacheTtlSeconds: env.PRINCIPAL_CACHE_TTL_SECONDS,
    log: { level: env.LOG_LEVEL },
  });
  const port = await gateway.listen(env.PORT, env.HOST);
  stopWhenTold(() => gateway.stop());
  gateway.app.log.info({ url: `http://localhost:${port}/graphql` }, 'gateway ready');
  reportReady(port);
}

main().catch(exitOnConfigurationError);
