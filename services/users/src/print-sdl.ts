import { writeSubgraphSdl } from '@tenantry/federation';
import { buildUsersSchema } from './schema';
import { SUBGRAPH_NAME } from './server';

buildUsersSchema().then((schema) => writeSubgraphSdl(schema, SUBGRAPH_NAME));
