import { fieldsWithoutRule, printSdl, readSubgraphSdl } from '@tenantry/federation';
import { buildUsersSchema, usersRules } from './schema';
import { SUBGRAPH_NAME } from './server';

it('the committed SDL file is what the code emits (run npm run compose after a schema change)', async () => {
  expect(readSubgraphSdl(SUBGRAPH_NAME)).toBe(printSdl(await buildUsersSchema()));
});

it('every field of the subgraph has a shield rule of its own or of its type', async () => {
  expect(fieldsWithoutRule(await buildUsersSchema(), usersRules)).toEqual([]);
});
