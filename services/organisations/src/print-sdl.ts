import { writeSubgraphSdl } from '@tenantry/federation';
import { buildOrganisationsSchema } from './schema';
import { SUBGRAPH_NAME } from './server';

buildOrganisationsSchema().then((schema) => writeSubgraphSdl(schema, SUBGRAPH_NAME));
