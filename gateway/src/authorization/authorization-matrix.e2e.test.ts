import { randomUUID } from 'node:crypto';
import type { ObjectTypeDefinitionNode } from 'graphql';
import { parse } from 'graphql';
import type { Principal } from '@tenantry/auth';
import { ANONYMOUS, PRINCIPAL_HEADER, signPrincipalToken } from '@tenantry/auth';
import type { RunningStack } from '@tenantry/stack';
import { startStack } from '@tenantry/stack';
import type { GraphQLResponse, TestDatabase } from '@tenantry/testing';
import { bearer, snapshotAllRows, createTestDatabase, postGraphQL, TEST_ACCESS_TOKEN_SECRET, TEST_PRINCIPAL_SECRET } from '@tenantry/testing';
import { readSubgraphSdl } from '@tenantry/federation';
import { readSupergraph } from '../gateway';
import { GENEROUS_TEST_RATE_LIMITS } from '../testing/test-rate-limits';
import type { OperationRow } from './authorization-matrix';
import { ENTITY_ROWS, OPERATION_ROWS } from './authorization-matrix';
import { FOREIGN_ID_ROWS } from './foreign-ids';
import type { Persona, World } from './world';
import { buildWorld, PERSONAS } from './world';

const REFUSALS = ['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND'];

/**
 * Anonymous callers are told to sign in (UNAUTHENTICATED); signed-in ones never are: they get
 * FORBIDDEN, or NOT_FOUND / nothing where the target lies outside what they may see.
 */
function refusedAsExpected(persona: Persona, code: string | undefined): boolean {
  return persona === 'anonymous' ? code === 'UNAUTHENTICATED' : code !== 'UNAUTHENTICATED';
}

/** Whether a response granted the operation: data came back, not an error, null or an empty list. */
function granted(response: GraphQLResponse, field: string, judge: OperationRow['judge']): boolean {
  if (judge === 'authorization') return response.status === 200 && !(response.errors ?? []).some((error) => REFUSALS.includes(error.extensions?.code ?? ''));
  if (response.errors?.length || !response.data) return false;
  const value = response.data[field];
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && Array.isArray(value.edges)) return value.edges.length > 0;
  return true;
}

describe('authorization matrix', () => {
  let db: TestDatabase;
  let stack: RunningStack;
  let world: World;

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await buildWorld(db.dataSource);
    stack = await startStack({
      env: {
        ...process.env,
        ...db.env,
        ACCESS_TOKEN_SECRET: TEST_ACCESS_TOKEN_SECRET,
        PRINCIPAL_SECRET: TEST_PRINCIPAL_SECRET,
        RATE_LIMITS: GENEROUS_TEST_RATE_LIMITS,
      },
      stdio: 'ignore',
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await db.drop();
  });

  /** A session of its own for each call: rows such as logout or changePassword end sessions. */
  async function tokenFor(persona: Persona): Promise<string | undefined> {
    return persona === 'anonymous' ? undefined : (await world.users[persona].openSession()).accessToken;
  }

  it.each(OPERATION_ROWS.map((row) => [row.field, row] as const))('%s allows exactly its personas', async (_field, row) => {
    const mismatches: string[] = [];
    for (const persona of PERSONAS) {
      const variables = await row.variables(world);
      const token = await tokenFor(persona);
      const expected = row.allowed.includes(persona);
      const before = row.kind === 'mutation' && !expected ? await snapshotAllRows(db.dataSource) : null;
      const response = await postGraphQL(stack.gatewayUrl, row.document, variables, token ? bearer(token) : {});
      if (granted(response, row.field, row.judge) !== expected) {
        mismatches.push(`${persona}: expected ${expected ? 'allowed' : 'denied'}, got ${JSON.stringify(response.errors ?? response.data).slice(0, 200)}`);
      }
      const refusal = response.errors?.[0]?.extensions?.code;
      if (!expected && !refusedAsExpected(persona, refusal)) mismatches.push(`${persona}: refused with ${refusal}`);
      if (before && JSON.stringify(await snapshotAllRows(db.dataSource)) !== JSON.stringify(before)) {
        mismatches.push(`${persona}: a denied ${row.field} changed the database`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it.each(ENTITY_ROWS.map((row) => [`${row.type} { ${row.selection} } in ${row.subgraph}`, row] as const))(
    '%s resolves only for personas who may see it, asked straight at the subgraph',
    async (_name, row) => {
      const url = `http://127.0.0.1:${stack.ports[row.subgraph as 'users']}/graphql`;
      const query = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${row.type} { ${row.selection} } } }`;
      const foreignOwner = await world.foreign.owner.principal();
      const askers: [string, Principal, boolean][] = [
        ['foreign account owner', foreignOwner, false],
        ['anonymous', ANONYMOUS, false],
      ];
      for (const persona of PERSONAS.filter((name) => name !== 'anonymous')) {
        askers.push([persona, await world.users[persona as Exclude<Persona, 'anonymous'>].principal(), row.allowed.includes(persona)]);
      }
      const mismatches: string[] = [];
      for (const [name, principal, expected] of askers) {
        const headers = { [PRINCIPAL_HEADER]: await signPrincipalToken(principal, row.subgraph, TEST_PRINCIPAL_SECRET) };
        const response = await postGraphQL(url, query, { representations: [row.representation(world)] }, headers);
        const resolved = !response.errors?.length && response.data?._entities?.[0] != null;
        if (resolved !== expected)
          mismatches.push(`${name}: expected ${expected ? 'resolved' : 'null'}, got ${JSON.stringify(response.errors ?? response.data).slice(0, 200)}`);
      }
      expect(mismatches).toEqual([]);
    },
  );

  it.each(FOREIGN_ID_ROWS.map((row) => [row.name, row] as const))(
    "%s answers a foreign account's id exactly like a missing one, and changes nothing",
    async (_name, row) => {
      const foreignId = await row.foreignId(world);
      const missingId = randomUUID();
      const ask = async (id: string) => {
        const token = await tokenFor('ownerA');
        const before = await snapshotAllRows(db.dataSource);
        const response = await postGraphQL(stack.gatewayUrl, row.document, row.variables(world, id), bearer(token!));
        expect(await snapshotAllRows(db.dataSource)).toEqual(before);
        return JSON.stringify(response).split(id).join('<id>');
      };
      const foreign = await ask(foreignId);
      expect(foreign).toBe(await ask(missingId));
      expect(foreign).toMatch(/NOT_FOUND|null|"totalCount":0|\[\]/);
    },
  );

  it('has a row for every query and mutation of the supergraph', () => {
    const document = parse(readSupergraph());
    const rootFields = (name: string) =>
      document.definitions
        .filter((definition): definition is ObjectTypeDefinitionNode => definition.kind === 'ObjectTypeDefinition' && definition.name.value === name)
        .flatMap((definition) => (definition.fields ?? []).map((field) => field.name.value));
    const covered = new Set(OPERATION_ROWS.map((row) => row.field));
    expect([...rootFields('Query'), ...rootFields('Mutation')].filter((field) => !covered.has(field))).toEqual([]);
  });

  it('has a row for every entity type each subgraph resolves', () => {
    const missing: string[] = [];
    for (const subgraph of ['organisations', 'users', 'permissions']) {
      for (const definition of parse(readSubgraphSdl(subgraph)).definitions) {
        if (definition.kind !== 'ObjectTypeDefinition') continue;
        const key = definition.directives?.find((directive) => directive.name.value === 'key');
        const resolvable = key?.arguments?.find((argument) => argument.name.value === 'resolvable');
        if (!key || (resolvable?.value.kind === 'BooleanValue' && !resolvable.value.value)) continue;
        if (!ENTITY_ROWS.some((row) => row.type === definition.name.value && row.subgraph === subgraph))
          missing.push(`${definition.name.value} in ${subgraph}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
