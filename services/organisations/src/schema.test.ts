import { printSdl, readSubgraphSdl } from '@tenantry/federation';
import { buildOrganisationsSchema } from './schema';
import { SUBGRAPH_NAME } from './server';

it('the committed SDL file is what the code emits (run npm run compose after a schema change)', async () => {
  expect(readSubgraphSdl(SUBGRAPH_NAME)).toBe(printSdl(await buildOrganisationsSchema()));
});
