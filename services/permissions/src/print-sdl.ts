import { writeSubgraphSdl } from '@tenantry/federation';
import { buildPermissionsSchema } from './schema';
import { SUBGRAPH_NAME } from './server';

buildPermissionsSchema().then((schema) => writeSubgraphSdl(schema, SUBGRAPH_NAME));
